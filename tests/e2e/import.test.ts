import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { SPLIT_MIN_BYTES } from '../../src/ingest/part';
import {
  choose,
  closeReport,
  importChosen,
  importFile,
  startBigImport,
  storedData,
  storedDatasets,
} from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

/** The line numbers in the rejected-rows table of the report. */
async function rejectedLines(page: Page): Promise<number[]> {
  const rows = page.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr');
  return (await rows.locator('td:first-child').allTextContents()).map(Number);
}

describe.runIf(hasBrowser)('importing CSV files in Chromium', () => {
  // One browser profile for the sequence: each step builds on the data the one before stored.
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;
  let total = SEED_ROWS;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  afterAll(async () => {
    await close?.();
  });

  it('imports clean.csv and shows its statements with the bundled ones', async () => {
    expect(await importFile(page, fixture('clean.csv'))).toEqual([
      '12 statements added',
      '0 duplicates skipped',
      '0 rows rejected',
    ]);
    total += 12;
    await expectShowing(page, total);
    expect(await page.getByRole('table', { name: 'Rejected rows' }).count()).toBe(0);
    await closeReport(page);
  });

  it('imports bad-rows.csv, lists the rejected lines and downloads them as CSV', async () => {
    expect(await importFile(page, fixture('bad-rows.csv'))).toEqual([
      '5 statements added',
      '1 duplicate skipped',
      '6 rows rejected',
    ]);
    total += 5;
    await expectShowing(page, total);
    // tests/fixtures/README.md: lines 5, 6, 7, 8, 11 and 15 (three problems on line 15).
    expect(await rejectedLines(page)).toEqual([5, 6, 7, 8, 11, 15, 15, 15]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/rejected-rows\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\n');
    // One line per row, its problems joined, then the row's own cells under the file's header.
    expect(lines[0]).toBe(
      'line,column,reason,date,actor,affiliation,topic,stance,quote,url,confidence',
    );
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([5, 6, 7, 8, 11, 15]);
    expect(lines[1]).toMatch(/^5,date,.*,31\/12\/2024,Sergey Lavrov,Russia,ceasefire,-1,,,$/);
    expect(lines[6]).toMatch(/^15,"date; actor; stance",.*,2024-13,,Russia,ceasefire,sort of,,,$/);
    await closeReport(page);
  });

  it('imports messy.csv (BOM, CRLF, semicolons, quoted breaks, Cyrillic) with its text intact', async () => {
    await choose(page, fixture('messy.csv'));
    expect(
      await page.getByRole('combobox', { name: 'Delimiter' }).evaluate((s: HTMLSelectElement) => {
        return s.selectedOptions[0]?.textContent;
      }),
    ).toBe('Semicolon (;)');
    expect(await importChosen(page)).toEqual([
      '6 statements added',
      '0 duplicates skipped',
      '1 row rejected',
    ]);
    expect(await rejectedLines(page)).toEqual([12]);
    total += 6;
    await expectShowing(page, total);
    await closeReport(page);

    await page.getByRole('tab', { name: 'Statements' }).click();
    await page.getByLabel('Search', { exact: true }).fill('Перемирие');
    await expectShowing(page, 1, total);
    await page.getByRole('tabpanel').getByText('«Перемирие ведёт в никуда»').waitFor();
    await page.getByLabel('Search', { exact: true }).fill('');
    await expectShowing(page, total);
  });

  it('adds nothing when clean.csv is imported again', async () => {
    expect(await importFile(page, fixture('clean.csv'))).toEqual([
      '0 statements added',
      '12 duplicates skipped',
      '0 rows rejected',
    ]);
    await expectShowing(page, total);
    await closeReport(page);
  });

  it('keeps every imported dataset after a reload', async () => {
    await page.reload();

    await expectShowing(page, total);
    expect(total).toBe(SEED_ROWS + 12 + 5 + 6);
    const datasets = await storedDatasets(page);
    expect(datasets.map((d) => d.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(datasets.map((d) => d.name).sort()).toEqual(
      ['bad-rows', 'clean', 'messy', expect.stringMatching(/example/)].sort(),
    );
  });

  it('leaves nothing behind when a big import is cancelled, before and after a reload', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-big-'));
    const big = path.join(dir, 'big.csv');
    try {
      fs.writeFileSync(big, generateCsv({ rows: 200_000, seed: 3 }));
      // Cancel once two batches (10 000 rows each) were read, so chunks were already stored.
      const progress = await startBigImport(page, big, { rows: 200_000 });
      await page.getByRole('button', { name: 'Cancel' }).click();
      await progress.waitFor({ state: 'detached' });

      await expectShowing(page, total);
      // What the cancelled import wrote is gone once the worker has stopped.
      await expect
        .poll(async () => (await storedDatasets(page)).filter((d) => d.status !== 'ready'), {
          timeout: 10_000,
        })
        .toEqual([]);

      await page.reload();
      await expectShowing(page, total);
      const datasets = await storedDatasets(page);
      expect(datasets.map((d) => d.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
      expect((await storedData(page)).chunkOwners.sort()).toEqual(datasets.map((d) => d.id).sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file big enough for two workers as one reader would: counts and file lines', async () => {
    // Over the size at which a second worker reads the second half (src/ingest/part.ts).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-split-'));
    const file = path.join(dir, 'split.csv');
    try {
      const rows = 130_000;
      const csv = generateCsv({ rows, seed: 77 }) as string;
      const lines = csv.trimEnd().split('\n');
      // After the last generated row (file line rows + 1): an undated row, then row 1 again.
      const undated = lines[1].replace(/^([^,]*),[^,]*,/, '$1-undated,,');
      fs.writeFileSync(file, [...lines, undated, lines[1]].join('\n') + '\n');
      expect(fs.statSync(file).size).toBeGreaterThan(SPLIT_MIN_BYTES);

      await choose(page, file);
      // The second worker (started while the page was idle) is there beside the import worker.
      await expect.poll(() => page.workers().length).toBeGreaterThanOrEqual(2);
      const report = await importChosen(page, 120_000);
      expect(report).toEqual(['130,000 statements added', '1 duplicate skipped', '1 row rejected']);
      expect(await rejectedLines(page)).toEqual([rows + 2]);
      // The second worker's rejected row comes with its own cells, at its line in the file.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
      ]);
      const rejected = Papa.parse<string[]>(
        fs.readFileSync(await download.path(), 'utf8').trim(),
      ).data;
      expect(rejected.map((r) => r.slice(0, 2))).toEqual([
        ['line', 'column'],
        [String(rows + 2), 'date'],
      ]);
      expect(rejected[0].slice(3)).toEqual(lines[0].split(','));
      expect(rejected[1].slice(3)).toEqual(Papa.parse<string[]>(undated).data[0]);
      await closeReport(page);
      total += rows;
      await expectShowing(page, total);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('raised no page errors on the way', async () => {
    await page.waitForLoadState('networkidle');
    expect(errors.all()).toEqual([]);
  });
});
