import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { importFile } from './app-helpers';
import { collectPageErrors, freshContext, hasBrowser, launch, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

/**
 * Nothing stored is lost (issue 20): a delete keeps what another dataset also holds, an undo
 * that cannot be written says so and keeps the deleted data. Real Chromium and IndexedDB.
 */
let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-storage-'));
  if (hasBrowser) browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `rows` (header first) as a CSV file named `name` and returns its path. */
function csvFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const ALL = (generateCsv({ rows: 300, seed: 21 }) as string).trimEnd().split('\n');

/** Opens the Datasets dialog and returns it. */
async function openDatasets(page: Page) {
  await page.getByRole('button', { name: 'Datasets', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.waitFor();
  return dialog;
}

describe.runIf(hasBrowser)('deleting a dataset in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    context = await freshContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto('./');
    await expectShowing(page, SEED_ROWS);
  });

  afterEach(async () => {
    await context.close();
  });

  it('keeps the statements another dataset also holds: 100 rows, then 300 with them, delete the first', async () => {
    const first = csvFile('first.csv', ALL.slice(0, 101));
    const all = csvFile('all.csv', ALL);
    expect(await importFile(page, first, { close: true })).toContain('100 statements added');
    expect(await importFile(page, all, { close: true })).toContain('100 duplicates skipped');
    await expectShowing(page, SEED_ROWS + 300);

    const dialog = await openDatasets(page);
    await dialog.getByRole('button', { name: 'Delete first' }).click();

    await dialog
      .getByText('Deleted "first"; 100 statements "all" also holds stay in it.')
      .waitFor();
    await expectShowing(page, SEED_ROWS + 300);
    const row = dialog
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Delete all' }) });
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/^\s*300\b/);
    expect(errors.all()).toEqual([]);
  });
});
