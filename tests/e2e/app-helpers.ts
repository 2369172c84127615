/**
 * Shared steps for the end-to-end tests that import files and look at what the browser stored:
 * choose a file, import it through the preview, read the report, follow the progress bar of a
 * big import, and read the `datasets` and `chunks` object stores with the raw IndexedDB API.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Playwright's own default wait, written down so a caller can see what it passes instead. */
const WAIT = 30_000;

/** The `Import finished` report region (its list holds the added/duplicates/rejected lines). */
export const importReport = (page: Page) => page.getByRole('region', { name: 'Import finished' });

/**
 * Chooses a file with the `Import CSV` input and waits for its preview (titled with the file's
 * name) and its `Import` button, which stays disabled when the file is refused.
 */
export async function choose(page: Page, file: string): Promise<void> {
  await page.getByLabel('Import CSV').setInputFiles(file);
  await page.getByRole('heading', { name: `Import ${path.basename(file)}` }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).waitFor();
}

/**
 * The dry run's `N records, R rows with problems` line, once it has counted every row, with its
 * white space collapsed: `1,937 records, 174 rows with problems ...`.
 */
export async function counted(page: Page, timeout = WAIT): Promise<string> {
  const line = page.getByText(/[\d,]+ records?,/);
  await line.waitFor({ timeout });
  return (await line.textContent())!.replace(/\s+/g, ' ').trim();
}

/**
 * Imports what the preview of the chosen file shows, once the dry run has counted every row, and
 * returns the report's lines: `['12 statements added', '0 duplicates skipped', '0 rows rejected']`.
 */
export async function importChosen(page: Page, timeout = WAIT): Promise<string[]> {
  await counted(page, timeout);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const report = importReport(page);
  await report.waitFor({ timeout });
  return (await report.getByRole('listitem').allTextContents()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

/**
 * Chooses a file, imports it and returns the report's lines (see `importChosen`); with
 * `close: true` it then clicks the report's `Close` (without waiting for it to go, as `closeReport`
 * does).
 */
export async function importFile(
  page: Page,
  file: string,
  { timeout = WAIT, close = false }: { timeout?: number; close?: boolean } = {},
): Promise<string[]> {
  await choose(page, file);
  const lines = await importChosen(page, timeout);
  if (close) await page.getByRole('button', { name: 'Close', exact: true }).click();
  return lines;
}

/** Closes the import report and waits until it is gone. */
export async function closeReport(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await importReport(page).waitFor({ state: 'detached' });
}

/**
 * The leading number of each report line, thousands separators dropped:
 * `reportCounts(['1,937 statements added', '0 duplicates skipped', '174 rows rejected'])` ->
 * `[1937, 0, 174]`.
 */
export function reportCounts(lines: string[]): number[] {
  return lines.map((l) => Number(l.split(' ')[0].replace(/,/g, '')));
}

/**
 * The rows read so far, from the progress bar's `aria-valuetext` (`20,000 rows read ...` ->
 * 20000); 0 before it says anything.
 */
export async function rowsRead(progress: Locator): Promise<number> {
  const text = (await progress.getAttribute('aria-valuetext')) ?? '';
  return Number((/([\d,]+) rows/.exec(text)?.[1] ?? '0').replace(/,/g, ''));
}

/**
 * Chooses a big file, starts importing it and waits until more than two 10 000-row batches were
 * read (so chunks are being stored) but not all `rows` of it; returns the progress bar.
 */
export async function startBigImport(
  page: Page,
  file: string,
  { rows, timeout = WAIT }: { rows: number; timeout?: number },
): Promise<Locator> {
  await choose(page, file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await progress.waitFor();
  await expect.poll(() => rowsRead(progress), { timeout, interval: 50 }).toBeGreaterThan(20_000);
  expect(await rowsRead(progress)).toBeLessThan(rows);
  return progress;
}

/** A row of the `datasets` object store, as much of it as the tests read. */
export interface StoredDataset {
  id: string;
  name: string;
  status: string;
  format: string;
  rule: string;
  rowCount: number;
}

/**
 * The `datasets` rows and the ids of the datasets that own `chunks`, read with the raw IndexedDB
 * API in one transaction, so the two agree with each other. Empty when the app has not created
 * its stores yet (a brand-new profile).
 */
export function storedData(
  page: Page,
): Promise<{ datasets: StoredDataset[]; chunkOwners: string[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('stance-timeline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('datasets')) {
            db.close();
            resolve({ datasets: [], chunkOwners: [] });
            return;
          }
          const tx = db.transaction(['datasets', 'chunks'], 'readonly');
          const datasets = tx.objectStore('datasets').getAll();
          const keys = tx.objectStore('chunks').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            resolve({
              datasets: datasets.result,
              chunkOwners: [...new Set((keys.result as [string, number][]).map((k) => k[0]))],
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The `datasets` rows as the browser stored them, ready and importing alike. */
export async function storedDatasets(page: Page): Promise<StoredDataset[]> {
  return (await storedData(page)).datasets;
}
