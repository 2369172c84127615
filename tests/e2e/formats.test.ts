import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, counted, importChosen, reportCounts, storedDatasets } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';

/** The real GDELT 2.0 export, copied whole (source and citation in tests/fixtures/README.md). */
const GDELT_FILE = path.resolve(__dirname, '../fixtures/formats/gdelt/20191024143000.export.CSV');
const AMBIGUOUS = path.resolve(__dirname, '../fixtures/formats/ambiguous-dates.csv');

/** The text of the chosen option of a select. */
function chosen(page: Page, name: string): Promise<string | null | undefined> {
  return page
    .getByRole('combobox', { name, exact: true })
    .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
}

/** Imports what the preview shows and returns the report's numbers: added, duplicates, rejected. */
async function importShown(page: Page): Promise<number[]> {
  const lines = await importChosen(page);
  expect(lines[0]).toMatch(/ statements? added$/);
  expect(lines[1]).toMatch(/ duplicates? skipped$/);
  expect(lines[2]).toMatch(/ rows? rejected$/);
  return reportCounts(lines);
}

describe.runIf(hasBrowser)('importing real-world formats in Chromium', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(baseURL());
    await page
      .getByRole('status')
      .filter({ hasText: /Showing/ })
      .first()
      .waitFor();
  });

  afterAll(async () => {
    await close?.();
  });

  it('detects the GDELT 2.0 export and imports every one of its 2,111 rows', async () => {
    await choose(page, GDELT_FILE);
    expect(await chosen(page, 'Format')).toMatch(/^GDELT 2\.0/);
    await page.getByText(/QuadClass: 1 verbal cooperation -> support/).waitFor();
    expect(await counted(page)).toMatch(/^1,937 records, 174 rows with problems/);

    const [added, duplicates, rejected] = await importShown(page);
    expect(added + duplicates + rejected).toBe(2111);
    expect(rejected).toBe(174);
    const stored = await storedDatasets(page);
    expect(stored.find((d) => d.format === 'gdelt2')).toMatchObject({ rowCount: 2111 });
    expect(stored.find((d) => d.format === 'gdelt2')?.rule).toMatch(/^GDELT 2\.0 events: /);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('previews and counts again when another format or stance rule is chosen', async () => {
    await choose(page, GDELT_FILE);
    await counted(page);

    await page
      .getByRole('combobox', { name: 'Format', exact: true })
      .selectOption({ label: 'Statements CSV (native columns)' });
    await page.getByRole('alert').filter({ hasText: 'Required columns not found' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('combobox', { name: 'Format', exact: true }).selectOption('gdelt2');
    await page.getByRole('combobox', { name: 'Stance rule' }).selectOption('goldstein');
    await page.getByText(/stance from GoldsteinScale: >= 5 strongly support/).waitFor();
    expect(await counted(page)).toMatch(/^1,937 records, 174 rows with problems/);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('asks for the date format of an ambiguous file before it imports', async () => {
    await choose(page, AMBIGUOUS);
    expect(await chosen(page, 'Date format')).toBe('Choose…');
    await page.getByRole('alert').filter({ hasText: 'choose the Date format' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('combobox', { name: 'Date format' }).selectOption('dmy');
    expect(await counted(page)).toMatch(/^4 records, 0 rows with problems/);
    expect(await importShown(page)).toEqual([4, 0, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('raised no page errors', () => {
    expect(errors.all()).toEqual([]);
  });
});
