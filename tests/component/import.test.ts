import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { InProcessImportService, type ImportService } from '../../src/ingest/client';
import type { FromWorker, ImportReport, ToWorker } from '../../src/ingest/protocol';
import { ImportFlow } from '../../src/state/import.svelte';
import { AppState } from '../../src/state/app.svelte';
import './harness/jsdom-gaps';

const SEED_DISMISSED = 'stance-timeline:seed-dismissed';

/** A fixture as the file picker hands it over. */
function fixtureFile(name: string): File {
  const bytes = readFileSync(path.resolve(__dirname, '../fixtures', name));
  return new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
}

/**
 * The app with the import running on the test's thread (jsdom has no Worker). Reads go through
 * the shared `db()` and writes through a new connection to the same default database, as the
 * page and its worker do.
 */
function renderApp() {
  const state = new AppState(() => new InProcessImportService(() => new StanceDB()));
  render(App, { props: { state } });
  return { state, user: userEvent.setup() };
}

/** The app's `Showing N of M statements` live region (the Copy link button has its own). */
function statusLine(): HTMLElement {
  const found = screen
    .getAllByRole('status')
    .filter((el) => /Showing|Loading/.test(el.textContent ?? ''));
  expect(found).toHaveLength(1);
  return found[0];
}

/** Waits for the start (database opened, nothing imported) to settle. */
async function started(): Promise<void> {
  await screen.findByText(/Showing 0 of 0 statements/);
}

async function choose(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(screen.getByLabelText('Import CSV'), file);
  await screen.findByRole('heading', { name: `Import ${file.name}` });
}

/** The whole-file dry run's counts line, once it has finished. */
async function checkedCounts(): Promise<string> {
  const line = await screen.findByText(/records?,/, { selector: 'p' });
  return line.textContent!.replace(/\s+/g, ' ').trim();
}

/** The report's three counts as a user reads them. */
async function reportLines(): Promise<string[]> {
  await screen.findByRole('heading', { name: 'Import finished' });
  const items = within(screen.getByRole('region', { name: 'Import finished' })).getAllByRole(
    'listitem',
  );
  return items.map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
}

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  localStorage.clear();
  localStorage.setItem(SEED_DISMISSED, '1');
  history.replaceState(null, '', '/');
});

afterEach(() => {
  vi.unstubAllGlobals();
  resetDbForTests();
});

describe('the import panel in the app', () => {
  it('previews messy.csv with the detected delimiter, the mapping and the first rows', async () => {
    const { user } = renderApp();
    await started();

    await choose(user, fixtureFile('messy.csv'));

    const delimiter = await screen.findByRole('combobox', { name: 'Delimiter' });
    expect(delimiter).toHaveDisplayValue('Semicolon (;)');
    // The column selects come a moment after the rest of the preview (one task each).
    expect(await screen.findByRole('combobox', { name: 'Column for date' })).toHaveDisplayValue(
      'Date',
    );
    expect(screen.getByRole('combobox', { name: 'Column for actor' })).toHaveDisplayValue(
      'Speaker',
    );
    expect(screen.getByRole('combobox', { name: 'Column for affiliation' })).toHaveDisplayValue(
      'Country',
    );
    expect(screen.getByRole('combobox', { name: 'Column for topic' })).toHaveDisplayValue('Issue');
    expect(screen.getByRole('combobox', { name: 'Column for stance' })).toHaveDisplayValue(
      'Position score',
    );
    expect(screen.getByRole('combobox', { name: 'Column for quote' })).toHaveDisplayValue('Text');
    expect(screen.getByRole('combobox', { name: 'Column for id' })).toHaveDisplayValue('(none)');

    const rows = within(
      screen.getByRole('table', { name: 'First rows as they will be stored' }),
    ).getAllByRole('row');
    // A header row and the six valid rows of the sample.
    expect(rows).toHaveLength(7);
    expect(rows[1]).toHaveTextContent('Sergey Lavrov');
    expect(rows[1]).toHaveTextContent('If Washington sends serious signals; we will respond');
    expect(rows[3]).toHaveTextContent('«Перемирие ведёт в никуда»');
    expect(rows[3]).toHaveTextContent('ТАСС');

    expect(await checkedCounts()).toMatch(/^6 records, 1 row with problems/);
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();
  });

  it('previews again when the delimiter is changed', async () => {
    const { user } = renderApp();
    await started();
    await choose(user, fixtureFile('messy.csv'));
    await checkedCounts();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Delimiter' }), 'Comma (,)');

    // Split on commas the header is one long column: nothing maps and the import cannot start.
    // (Split on commas, a quote of the file also looks unclosed: that has its own alert.)
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toContainEqual(
      expect.stringContaining('Required columns not found: date, actor, topic.'),
    );
    expect(screen.getByRole('combobox', { name: 'Column for actor' })).toHaveDisplayValue('(none)');
    expect(screen.getByRole('button', { name: 'Import' })).toBeDisabled();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Delimiter' }), 'Semicolon (;)');

    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Column for actor' })).toHaveDisplayValue(
        'Speaker',
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();
  });

  it('imports messy.csv and reports the counts, then shows the statements', async () => {
    const { user } = renderApp();
    await started();
    await choose(user, fixtureFile('messy.csv'));
    await checkedCounts();

    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await reportLines()).toEqual([
      '6 statements added',
      '0 duplicates skipped',
      '1 row rejected',
    ]);
    await waitFor(() => expect(statusLine()).toHaveTextContent('Showing 6 of 6 statements'));
    const rejected = within(screen.getByRole('table', { name: 'Rejected rows' }));
    expect(rejected.getAllByRole('row').slice(1)[0]).toHaveTextContent(/^12\s*date/);
  });

  it('lists the rejected rows of bad-rows.csv by their line in the file', async () => {
    const { user } = renderApp();
    await started();
    await choose(user, fixtureFile('bad-rows.csv'));
    await checkedCounts();

    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await reportLines()).toEqual([
      '5 statements added',
      '1 duplicate skipped',
      '6 rows rejected',
    ]);
    const body = within(screen.getByRole('table', { name: 'Rejected rows' })).getAllByRole('row');
    const cells = body.slice(1).map((row) => {
      const [line, column] = within(row).getAllByRole('cell');
      return `${line.textContent} ${column.textContent}`;
    });
    // tests/fixtures/README.md: lines 5, 6, 7, 8, 11 and 15 (three problems on line 15).
    expect(cells.map((c) => Number(c.split(' ')[0]))).toEqual([5, 6, 7, 8, 11, 15, 15, 15]);
    expect(cells.slice(0, 5)).toEqual(['5 date', '6 stance', '7 actor', '8 confidence', '11 date']);
    expect(screen.getByRole('button', { name: 'Download rejected rows (CSV)' })).toBeVisible();
    await waitFor(() => expect(statusLine()).toHaveTextContent('Showing 5 of 5 statements'));
  });

  it('adds nothing when the same file is imported twice, and closes back to the data', async () => {
    const { user } = renderApp();
    await started();
    for (const expected of [
      ['12 statements added', '0 duplicates skipped', '0 rows rejected'],
      ['0 statements added', '12 duplicates skipped', '0 rows rejected'],
    ]) {
      await choose(user, fixtureFile('clean.csv'));
      await checkedCounts();
      await user.click(screen.getByRole('button', { name: 'Import' }));
      expect(await reportLines()).toEqual(expected);
      await waitFor(() => expect(statusLine()).toHaveTextContent('Showing 12 of 12 statements'));
      await user.click(screen.getByRole('button', { name: 'Close' }));
      expect(screen.queryByRole('heading', { name: 'Import finished' })).toBeNull();
    }
  });

  it('explains a missing required column and keeps Import disabled', async () => {
    const { user } = renderApp();
    await started();
    const file = new File(
      ['date,actor,stance\n2024-12-18,Sergey Lavrov,conditional\n'],
      'no-topic.csv',
      { type: 'text/csv' },
    );

    await choose(user, file);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Required column not found: topic. Choose which column holds it above.',
    );
    expect(await screen.findByRole('combobox', { name: 'Column for topic' })).toHaveDisplayValue(
      '(none)',
    );
    const importButton = screen.getByRole('button', { name: 'Import' });
    expect(importButton).toBeDisabled();
    await user.click(importButton);
    expect(screen.queryByRole('heading', { name: 'Import finished' })).toBeNull();
    expect(statusLine()).toHaveTextContent('Showing 0 of 0 statements');
  });

  it('lets a mapping fix the missing column, then imports', async () => {
    const { user } = renderApp();
    await started();
    const file = new File(
      ['recorded on,actor,matter,stance\n2024-12-18,Sergey Lavrov,dialogue,conditional\n'],
      'odd-headers.csv',
      { type: 'text/csv' },
    );
    await choose(user, file);
    await screen.findByRole('alert');

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Column for date' }),
      'recorded on',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Column for topic' }), 'matter');

    await waitFor(() => expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled());
    // The preview was drawn again around the select just changed, which keeps the focus.
    expect(screen.getByRole('combobox', { name: 'Column for topic' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await reportLines())[0]).toBe('1 statement added');
  });

  it('goes back to idle on Cancel, having stored nothing', async () => {
    const { user, state } = renderApp();
    await started();
    await choose(user, fixtureFile('clean.csv'));
    await checkedCounts();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('heading', { name: 'Import clean.csv' })).toBeNull();
    expect(state.importFlow.phase).toBe('idle');
    expect(statusLine()).toHaveTextContent('Showing 0 of 0 statements');
    expect(await new StanceDB().datasets.count()).toBe(0);
  });
});

describe('the first start', () => {
  it('loads the bundled example into an empty browser', async () => {
    localStorage.removeItem(SEED_DISMISSED);
    const seed = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'));
    const rows = seed.toString('utf8').trim().split('\n').length - 1;
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(String(url));
      return { ok: true, blob: async () => new Blob([new Uint8Array(seed)]) };
    });

    renderApp();

    await screen.findByText(`Showing ${rows} of ${rows} statements`, {}, { timeout: 5000 });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toMatch(/seed-statements.*\.csv/);
  });
});

describe('cancelling an import that is writing', () => {
  /** An import service that records what it was told and answers only when the test says. */
  class ScriptedService implements ImportService {
    onmessage: ((m: FromWorker) => void) | null = null;
    sent: string[] = [];
    disposed = false;
    send(msg: ToWorker): void {
      this.sent.push(msg.type);
    }
    warm(): void {
      this.sent.push('warm-up');
    }
    dispose(): void {
      this.disposed = true;
    }
    answer(m: FromWorker): void {
      this.onmessage?.(m);
    }
  }

  async function importing(onImported: (r: ImportReport) => void = () => undefined) {
    const service = new ScriptedService();
    const flow = new ImportFlow(onImported, () => service);
    flow.choose(fixtureFile('clean.csv'));
    const { previewText } = await import('../../src/ingest/preview');
    service.answer({
      type: 'preview',
      preview: previewText(readFileSync(path.resolve(__dirname, '../fixtures/clean.csv'), 'utf8')),
      encodingNote: null,
    });
    flow.commit();
    expect(flow.phase).toBe('importing');
    return { flow, service };
  }

  it('returns to idle at once but lets the worker remove what it wrote before stopping it', async () => {
    const { flow, service } = await importing();

    flow.cancel();

    expect(flow.phase).toBe('idle');
    expect(service.sent).toEqual(['preview', 'import', 'cancel']);
    // Terminating now would leave the half-written dataset behind until the next start.
    expect(service.disposed).toBe(false);
    service.answer({ type: 'cancelled' });
    expect(service.disposed).toBe(true);
  });

  it('shows the data when the import finished before it heard the cancel', async () => {
    const imported: ImportReport[] = [];
    const { flow, service } = await importing((r) => void imported.push(r));
    const report: ImportReport = {
      datasetId: 'd1',
      summary: {
        rowsRead: 12,
        added: 12,
        duplicates: 0,
        updated: 0,
        updates: [],
        rejected: 0,
        issues: [],
        issueCount: 0,
        warnings: [],
        warningCount: 0,
      },
    };

    flow.cancel();
    service.answer({ type: 'done', report });

    expect(imported).toEqual([report]);
    expect(service.disposed).toBe(true);
    expect(flow.phase).toBe('idle');
  });

  it('asks the workers to warm up when the page is idle, not before every message', () => {
    const service = new ScriptedService();
    const flow = new ImportFlow(
      () => undefined,
      () => service,
    );
    flow.warm();
    flow.choose(fixtureFile('clean.csv'));
    flow.cancel();
    // A warm-up asked for before a message would only start to be stopped by it.
    expect(service.sent).toEqual(['warm-up', 'preview', 'cancel']);
  });

  it('stops a preview straight away (nothing is being written)', () => {
    const service = new ScriptedService();
    const flow = new ImportFlow(
      () => undefined,
      () => service,
    );
    flow.choose(fixtureFile('clean.csv'));

    flow.cancel();

    expect(service.sent).toEqual(['preview', 'cancel']);
    expect(service.disposed).toBe(true);
  });

  it('builds a second choice on the first when the first preview has not come back yet', async () => {
    const service = new ScriptedService();
    const messages: ToWorker[] = [];
    service.send = (msg: ToWorker) => void messages.push(msg);
    const flow = new ImportFlow(
      () => undefined,
      () => service,
    );
    flow.choose(fixtureFile('clean.csv'));
    const { previewText } = await import('../../src/ingest/preview');
    service.answer({
      type: 'preview',
      preview: previewText(readFileSync(path.resolve(__dirname, '../fixtures/clean.csv'), 'utf8')),
      encodingNote: null,
    });
    // Two fixed values chosen one after the other, the worker not answering in between.
    flow.adjust({ rule: { fixed: { ...flow.rule!.fixed, actor: 'Twitter users' } } });
    flow.adjust({ rule: { fixed: { ...flow.rule!.fixed, topic: 'atheism' } } });
    const { mapping } = flow;
    flow.adjust({ mapping: { ...mapping, summary: 2 } });
    const last = messages.at(-1) as Extract<ToWorker, { type: 'preview' }>;
    expect(last.rule?.fixed).toEqual({ actor: 'Twitter users', topic: 'atheism' });
    expect(last.mapping?.summary).toBe(2);
    expect(flow.rule!.fixed).toEqual({ actor: 'Twitter users', topic: 'atheism' });
  });
});
