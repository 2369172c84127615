/**
 * Files analysts make themselves, imported through the preview in Chromium: stance words mapped
 * in the `Stance values` table, a numeric scale binned, and statements with no stance at all.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, counted, importChosen, reportCounts, storedDatasets } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';

const DIR = path.resolve(__dirname, '../fixtures/mapping');

/** The stance cells of the preview's first rows. */
async function previewStances(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'First rows as they will be stored' });
  return table.locator('tbody tr td:nth-child(5)').allTextContents();
}

describe.runIf(hasBrowser)('mapping files analysts make, in Chromium', () => {
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
    expect(errors.all()).toEqual([]);
    await close?.();
  });

  it('maps stance words in the Stance values table, editable, and imports them', async () => {
    await choose(page, path.join(DIR, 'stance-words.csv'));
    const table = page.getByRole('table', { name: 'Stance values' });
    await table.waitFor();
    const first = table.getByRole('row').nth(1);
    expect((await first.getByRole('cell').allTextContents()).slice(0, 2)).toEqual([
      'supports',
      '2',
    ]);
    expect(
      await table
        .getByRole('combobox', { name: 'Stance for "strongly opposes"' })
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe('strongly oppose');
    expect(await counted(page)).toMatch(/^11 records, 1 row with problems/);

    await table.getByRole('combobox', { name: 'Stance for "maybe"' }).selectOption('uncoded');
    expect(await counted(page)).toMatch(/^12 records, 0 rows with problems/);
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([12, 0]);
    const stored = await storedDatasets(page);
    expect(stored.find((d) => d.name === 'stance-words')?.rule).toContain('"maybe" -> uncoded');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('bins a proportion found by content, with editable thresholds', async () => {
    await choose(page, path.join(DIR, 'country-year-issue.csv'));
    await page.getByRole('table', { name: 'Stance values' }).waitFor();
    expect(await page.getByRole('spinbutton', { name: 'Support below' }).inputValue()).toBe('0.8');
    expect(await counted(page)).toMatch(/^8 records, 0 rows with problems/);
    expect((await previewStances(page)).slice(0, 3)).toEqual([
      'strongly support',
      'support',
      'neutral',
    ]);
    await page.getByRole('spinbutton', { name: 'Support below' }).fill('0.9');
    await page.getByRole('spinbutton', { name: 'Support below' }).press('Enter');
    await expect
      .poll(async () => (await previewStances(page)).slice(0, 2))
      .toEqual(['support', 'support']);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('imports a statements file with speakers and no stance, every row uncoded', async () => {
    await choose(page, path.join(DIR, 'statements-no-stance.csv'));
    expect(
      await page
        .getByRole('combobox', { name: 'Column for actor' })
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe('speaker');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await previewStances(page)).toEqual(['uncoded', 'uncoded', 'uncoded', 'uncoded']);
    const rows = page.getByRole('table', { name: 'First rows as they will be stored' });
    expect(await rows.locator('tbody tr td:nth-child(7)').first().textContent()).toBe(
      'Lavrov said the West & Kyiv "must accept reality".',
    );
    expect(await rows.locator('tbody b, tbody p, tbody script').count()).toBe(0);
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([4, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('finds a date column by content, reads two-digit years and says so', async () => {
    await choose(page, path.join(DIR, 'election-dates.csv'));
    await page.getByText(/^Two-digit years are read as at most 50 years ahead/).waitFor();
    expect(
      await page
        .getByRole('combobox', { name: 'Column for date' })
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent),
    ).toBe('election_date');
    const dates = page
      .getByRole('table', { name: 'First rows as they will be stored' })
      .locator('tbody tr td:nth-child(1)');
    expect((await dates.allTextContents())[0]).toBe('2021-08-13');
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([6, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('takes a fixed value for a field chosen with Fixed value…', async () => {
    await choose(page, path.join(DIR, 'tweets-no-date.csv'));
    await page.getByRole('alert').filter({ hasText: 'Required columns not found' }).waitFor();
    for (const [field, value] of [
      ['actor', 'Twitter users'],
      ['date', '2016'],
      ['topic', 'atheism'],
    ]) {
      await page
        .getByRole('combobox', { name: `Column for ${field}` })
        .selectOption('Fixed value…');
      const input = page.getByRole('textbox', { name: `${field} fixed value` });
      await input.fill(value);
      await input.press('Enter');
    }
    await page.getByText(/topic: "atheism" for every row/).waitFor();
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([4, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('offers searchable comboboxes, not 280,000 options, for a 20,000-column file', async () => {
    const headers = ['date', 'actor', 'topic', 'stance'];
    for (let i = 4; i < 20_000; i++) headers.push(`c${i}`);
    const row = ['2024-01-02', 'Lavrov', 'ceasefire', '-1', ...headers.slice(4).map(() => '')];
    await page.getByLabel('Import CSV').setInputFiles({
      name: 'wide-20000.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${headers.join(',')}\n${row.join(',')}\n`),
    });
    const summary = page.getByRole('combobox', { name: 'Column for summary' });
    await summary.waitFor();
    expect(await page.locator('option').count()).toBeLessThan(100);
    await summary.fill('c19998');
    const list = page.getByRole('listbox', { name: 'Column for summary' });
    expect(await list.getByRole('option').allTextContents()).toEqual(['c19998']);
    await summary.press('Enter');
    await page.getByText(/summary <- c19998/).waitFor();
    expect(await summary.inputValue()).toBe('c19998');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('reads a UTF-16 LE file without a byte order mark and says which encoding it used', async () => {
    await choose(page, path.join(DIR, 'utf16le-no-bom.csv'));
    await page.getByText(/^Read as UTF-16 LE \(no byte order mark/).waitFor();
    const actors = page
      .getByRole('table', { name: 'First rows as they will be stored' })
      .locator('tbody tr td:nth-child(2)');
    expect(await actors.allTextContents()).toEqual([
      'Sergey Lavrov',
      'Keith Kellogg',
      'José Albares',
    ]);
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([3, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('splits a column of comma-separated subjects into one statement each', async () => {
    await choose(page, path.join(DIR, 'statements-no-stance.csv'));
    await page.getByRole('combobox', { name: 'Split topic on' }).selectOption('Comma (,)');
    await page.getByText('The first 4 rows become 6 statements.').waitFor();
    const topics = page
      .getByRole('table', { name: 'First rows as they will be stored' })
      .locator('tbody tr td:nth-child(4)');
    expect((await topics.allTextContents()).slice(0, 2)).toEqual(['ceasefire', 'peace-talks']);
    const [added, duplicates, rejected] = reportCounts(await importChosen(page));
    // Two rows name one subject each, as the import without the split stored them.
    expect([added, duplicates, rejected]).toEqual([4, 2, 0]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('reads a table with one column per actor, each flag a statement', async () => {
    await choose(page, path.join(DIR, 'unsc-vetoes.csv'));
    const format = page.getByRole('combobox', { name: 'Format', exact: true });
    expect(await format.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe(
      'Wide table (one column per actor) (detected)',
    );
    await page.getByRole('group', { name: 'Actor columns' }).waitFor();
    await page.getByRole('combobox', { name: 'A set flag means' }).selectOption('strongly oppose');
    await page.getByText(/1, yes or x -> strongly oppose/).waitFor();
    expect(await counted(page)).toMatch(/^7 records, 1 row with problems/);
    const [added, , rejected] = reportCounts(await importChosen(page));
    expect([added, rejected]).toEqual([7, 1]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('says at once that a 50,000-column header is too long, instead of counting forever', async () => {
    const headers = ['date', 'actor', 'topic', 'stance'];
    for (let i = 4; i < 50_000; i++) headers.push(`column_${i}`);
    const row = ['2024-01-02', 'Lavrov', 'ceasefire', '-1', ...headers.slice(4).map(() => '')];
    await page.getByLabel('Import CSV').setInputFiles({
      name: 'wide-50000.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${headers.join(',')}\n${row.join(',')}\n${row.join(',')}\n`),
    });
    // The header line is far over the 64 KiB a header may have (issue 20, item 14).
    await page.getByRole('alert').filter({ hasText: 'The header line is too long' }).waitFor();
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});
