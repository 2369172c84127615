import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { InProcessImportService } from '../../src/ingest/client';
import { previewText } from '../../src/ingest/preview';
import { recordsToPart } from '../../src/query/cache';
import { AppState } from '../../src/state/app.svelte';
import './harness/jsdom-gaps';

const SEED_DISMISSED = 'stance-timeline:seed-dismissed';
const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const SEED_ROWS = previewText(seedText).sampleRows;

function renderApp() {
  const state = new AppState(() => new InProcessImportService(() => new StanceDB()));
  render(App, { props: { state } });
  return { state, user: userEvent.setup() };
}

/** The status line's count; with filters active it adds how many (`· 1 filter`). */
const showing = (n: number, m = n, filters = 0) =>
  screen.findByText(
    `Showing ${n} of ${m} statements` +
      (filters > 0 ? ` · ${filters} filter${filters === 1 ? '' : 's'}` : ''),
    {},
    { timeout: 5000 },
  );

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  localStorage.clear();
  history.replaceState(null, '', '/');
  vi.stubGlobal('fetch', async () => ({ ok: true, blob: async () => new Blob([seedText]) }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  resetDbForTests();
});

describe('App', () => {
  it('opens on the bundled example, with the Timeline tab chosen', async () => {
    renderApp();

    await showing(SEED_ROWS);

    expect(screen.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Statements' })).toHaveAttribute(
      'aria-selected',
      'false',
    );
    expect(screen.queryByRole('heading', { name: 'No statements yet' })).toBeNull();
  });

  it('lists the statements the search finds in the Statements tab', async () => {
    const { user } = renderApp();
    await showing(SEED_ROWS);

    await user.click(screen.getByRole('tab', { name: 'Statements' }));
    await user.type(screen.getByLabelText('Search'), 'truce leads');

    await showing(1, SEED_ROWS, 1);
    expect(screen.getByRole('tab', { name: 'Statements' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const panel = within(screen.getByRole('tabpanel'));
    expect(panel.getByText('A truce leads to nowhere')).toBeVisible();
    expect(panel.getByText('Sergey Lavrov')).toBeVisible();
  });

  it('shows the empty state when the example was removed, and restores it on request', async () => {
    localStorage.setItem(SEED_DISMISSED, '1');
    const { user } = renderApp();

    await showing(0);
    expect(screen.getByRole('heading', { name: 'No statements yet' })).toBeVisible();
    expect(screen.queryByRole('tablist')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Restore the example dataset' }));

    await showing(SEED_ROWS);
    expect(screen.queryByRole('heading', { name: 'No statements yet' })).toBeNull();
    expect(localStorage.getItem(SEED_DISMISSED)).toBeNull();
  });

  it('drops what an interrupted import left behind when it starts', async () => {
    localStorage.setItem(SEED_DISMISSED, '1');
    const part = recordsToPart(previewText(seedText).rows, 'closed-tab', 5);
    const database = new StanceDB();
    await database.datasets.add({ ...part.meta, status: 'importing' });
    await database.chunks.bulkAdd(part.chunks);
    database.close();

    renderApp();

    await showing(0);
    const after = new StanceDB();
    expect(await after.datasets.count()).toBe(0);
    expect(await after.chunks.count()).toBe(0);
    after.close();
  });
});
