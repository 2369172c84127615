import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { SCHEMA_VERSIONS } from '../../src/db/schema';
import { InProcessImportService } from '../../src/ingest/client';
import { previewText } from '../../src/ingest/preview';
import { AppState } from '../../src/state/app.svelte';
import StaleSchemaBanner from '../../src/views/common/StaleSchemaBanner.svelte';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import './harness/jsdom-gaps';

/**
 * Failures in the middle of an import, as the user meets them: the import runs the worker's own
 * code in-process (InProcessImportService), writing to fake-indexeddb, and one of its chunk
 * writes fails. 25 000 generated rows make three chunks of the importer's 10 000.
 */
const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const SEED_ROWS = previewText(seedText).sampleRows;
const BIG_ROWS = 25_000;
const bigFile = () =>
  new File([generateCsv({ rows: BIG_ROWS, seed: 11 })], 'big.csv', { type: 'text/csv' });

/** What the worker's connection does on its n-th chunk write (1-based). */
type ChunkWrite = (call: number, store: () => Promise<unknown>) => Promise<unknown>;

/** The app, its import writing through a connection whose `chunks.add` goes through `around`. */
function renderApp(around: ChunkWrite) {
  const writes = { calls: 0 };
  const openDb = () => {
    const database = new StanceDB();
    const table = database.chunks;
    const original = table.add.bind(table);
    vi.spyOn(table, 'add').mockImplementation(
      (...args: Parameters<typeof table.add>) =>
        around(++writes.calls, () => original(...args)) as ReturnType<typeof table.add>,
    );
    return database;
  };
  const state = new AppState(() => new InProcessImportService(openDb));
  render(App, { props: { state } });
  return { state, writes, user: userEvent.setup() };
}

const showing = (n: number, m = n) =>
  screen.findByText(
    `Showing ${n.toLocaleString('en')} of ${m.toLocaleString('en')} statements`,
    {},
    { timeout: 10_000 },
  );

/** Everything stored, read through a connection of its own. */
async function stored() {
  const database = new StanceDB();
  const datasets = await database.datasets.toArray();
  const chunks = await database.chunks.toArray();
  database.close();
  return {
    datasets: datasets.map((d) => ({ name: d.name, status: d.status, count: d.statementCount })),
    chunkOwners: [...new Set(chunks.map((c) => c.datasetId))],
    ids: datasets.map((d) => d.id),
    statements: chunks.reduce((n, c) => n + c.count, 0),
  };
}

/** Chooses the big file, waits for its preview's whole-file count, and presses Import. */
async function importBig(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(screen.getByLabelText('Import CSV'), bigFile());
  await screen.findByRole('heading', { name: 'Import big.csv' }, { timeout: 20_000 });
  await screen.findByText(/records,/, { selector: 'p' }, { timeout: 45_000 });
  await user.click(screen.getByRole('button', { name: 'Import' }));
}

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  localStorage.clear();
  history.replaceState(null, '', '/');
  vi.stubGlobal('fetch', async () => ({ ok: true, blob: async () => new Blob([seedText]) }));
  // Node's BroadcastChannel would reach the earlier tests' app states (still listening) and make
  // them reload from a database this file already closed; one app per test, as one per tab.
  vi.stubGlobal('BroadcastChannel', undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  resetDbForTests();
});

describe('a full disk during an import', () => {
  it('says the disk is full, keeps nothing of the file and keeps the earlier data', async () => {
    const { user, writes } = renderApp((call, store) =>
      call === 3
        ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
        : store(),
    );
    await showing(SEED_ROWS);
    const before = await stored();
    expect(before.datasets).toEqual([expect.objectContaining({ status: 'ready', count: 19 })]);

    await importBig(user);

    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent(/storage quota exceeded/);
    expect(alert).toHaveTextContent(/Nothing from this file was kept/);
    expect(alert).toHaveTextContent(/free space by deleting a dataset/);
    // The seed's chunk, the big file's first chunk (written), then its failing second.
    expect(writes.calls).toBe(3);
    expect(await stored()).toEqual(before);
    await showing(SEED_ROWS);
  }, 120_000);
});

describe('an error thrown in a late batch', () => {
  it('shows the error, removes the chunks already written and keeps the earlier data', async () => {
    const written: number[] = [];
    const { user, writes } = renderApp(async (call, store) => {
      if (call === 4) throw new Error('The disk went away while writing the last batch.');
      const key = await store();
      written.push(call);
      return key;
    });
    await showing(SEED_ROWS);
    const before = await stored();

    await importBig(user);

    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert).toHaveTextContent('The disk went away while writing the last batch.');
    // Two of the big file's chunks were stored before the third failed: the rollback had
    // 20 000 statements to remove.
    expect(written).toEqual([1, 2, 3]);
    expect(writes.calls).toBe(4);
    expect(await stored()).toEqual(before);
    await showing(SEED_ROWS);
    // The preview is back, so the user can try again.
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();
  }, 120_000);

  it('imports the same file completely on the next try', async () => {
    let failOnce = true;
    const { user } = renderApp((call, store) => {
      if (call === 3 && failOnce) {
        failOnce = false;
        return Promise.reject(new Error('A passing hiccup.'));
      }
      return store();
    });
    await showing(SEED_ROWS);

    await importBig(user);
    await screen.findByRole('alert', {}, { timeout: 20_000 });
    await user.click(screen.getByRole('button', { name: 'Import' }));

    await screen.findByRole('heading', { name: 'Import finished' }, { timeout: 20_000 });
    const after = await stored();
    expect(after.datasets.map((d) => d.status)).toEqual(['ready', 'ready']);
    expect(after.statements).toBe(SEED_ROWS + BIG_ROWS);
    expect(after.chunkOwners.sort()).toEqual(after.ids.sort());
    await showing(SEED_ROWS + BIG_ROWS);
  }, 120_000);
});

describe('the banner after another tab upgraded the database', () => {
  it('shows nothing while the schema is current', () => {
    render(StaleSchemaBanner, { props: { stale: false } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for a reload, and the Reload button reloads', async () => {
    const onreload = vi.fn();
    render(StaleSchemaBanner, { props: { stale: true, onreload } });

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'This app was updated in another tab. Reload this tab to continue.',
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reload' }));
    expect(onreload).toHaveBeenCalledTimes(1);
  });

  it('appears in the app when another connection opens a newer version, which is not blocked', async () => {
    localStorage.setItem('stance-timeline:seed-dismissed', '1');
    const { state } = renderApp((_, store) => store());
    await showing(0);
    expect(screen.queryByText(/updated in another tab/)).toBeNull();

    // A newer release in another tab: one more version, one more table.
    const next = new StanceDB(DB_NAME, [
      ...SCHEMA_VERSIONS,
      { version: SCHEMA_VERSIONS.at(-1)!.version + 1, stores: { notes: 'id' } },
    ]);
    await next.open();

    await waitFor(() => expect(state.tabs.stale).toBe(true));
    // The app's own banner (mounted in App.svelte), with its Reload button.
    const alert = await screen.findByText(/updated in another tab/);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
    next.close();
    await Dexie.delete(DB_NAME);
  });
});
