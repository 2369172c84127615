/**
 * Datasets -> Re-import under an edit made in the app (issue 18), in real Chromium: the analyst
 * recoded seed-017 (Lavrov on the ceasefire) as neutral; the new version of the file says
 * oppose. The file's change is offered as a conflict beside the edit, unchecked; applied, it
 * is a version from the file in the history; kept, the edit stays. A statement the analyst did
 * not edit takes the new file's value without asking.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importChosen, importReport } from './app-helpers';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { blocking, describeFindings, openView, runAxe } from './views-helpers';

const SEED = Papa.parse<string[]>(
  fs.readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8'),
  { skipEmptyLines: true },
).data;
const HEADER = SEED[0];
const col = (name: string) => HEADER.indexOf(name);
const MATRIX = 'view=matrix&asOf=2024-12-31';
const DATASET = 'Russia-Ukraine statements, Dec 2024 (example)';

/** The new version: seed-017 oppose (the analyst had it neutral), seed-001 on `us-blame`. */
function newVersion(): string {
  const rows = SEED.map((row) => {
    if (row[0] === 'seed-017') return row.map((v, i) => (i === col('stance') ? 'oppose' : v));
    if (row[0] === 'seed-001') return row.map((v, i) => (i === col('topic') ? 'us-blame' : v));
    return row;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-reimport-'));
  const file = path.join(dir, 'v2.csv');
  fs.writeFileSync(file, Papa.unparse(rows) + '\n');
  return file;
}

const cell = (page: Page, name: RegExp) => page.getByRole('gridcell', { name });
const lavrov = (page: Page) =>
  cell(page, /^Sergey Lavrov on ceasefire:/).getAttribute('aria-label');
const evidence = (page: Page) => page.getByRole('complementary', { name: 'Evidence' });
const review = (page: Page) =>
  importReport(page).getByRole('region', { name: 'Changes in v2.csv to statements you edited' });

describe.runIf(hasBrowser)('Datasets -> Re-import under an edit made in the app', () => {
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    const fresh = await launchFresh();
    close = fresh.close;
    page = await fresh.context.newPage();
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    expect(errors.all()).toEqual([]);
    await close();
  });

  /** Recodes seed-017 as neutral in the editor, then re-imports the dataset from `v2.csv`. */
  async function editThenReimport(): Promise<string[][]> {
    await openView(page, 'view=statements&sel=seed-017');
    await evidence(page).getByRole('button', { name: 'Edit statement', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit statement seed-017' });
    await form.getByLabel('Stance', { exact: true }).selectOption('neutral');
    await form.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('status').filter({ hasText: 'Saved version 1 of seed-017.' }).waitFor();

    await page.getByRole('button', { name: 'Datasets', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasets' });
    await dialog.getByRole('button', { name: `Re-import ${DATASET}` }).click();
    await dialog.getByLabel('Choose the new version').setInputFiles(newVersion());
    await page.getByRole('heading', { name: 'Import v2.csv' }).waitFor();
    await importChosen(page);
    const table = review(page).getByRole('table', { name: 'Changes field by field' });
    await table.waitFor();
    const out: string[][] = [];
    for (const row of (await table.getByRole('row').all()).slice(1)) {
      out.push((await row.getByRole('cell').allTextContents()).map((t) => t.trim()));
    }
    return out;
  }

  it("offers the file's change as a conflict, unchecked; applied, it is a version from the file", async () => {
    expect(await editThenReimport()).toEqual([
      [
        '',
        'seed-017 Conflict: changed in the app',
        'Sergey Lavrov',
        'Stance',
        'strongly oppose',
        'oppose',
        'neutral',
      ],
    ]);
    const box = review(page).getByRole('checkbox', {
      name: 'Apply the update of seed-017 (conflict)',
    });
    expect(await box.isChecked()).toBe(false);
    expect(describeFindings(blocking(await runAxe(page)))).toEqual([]);
    await box.check();
    await review(page).getByRole('button', { name: 'Apply checked (1)' }).click();
    await review(page).getByText('Applied: 1 statement updated.').waitFor();

    // After a reload: the file's stance, seed-001's new topic taken as it was not edited.
    await openView(page, MATRIX);
    await expect.poll(() => lavrov(page)).toMatch(/^Sergey Lavrov on ceasefire: oppose,/);
    expect(await cell(page, /^Vladimir Putin on us-blame:/).count()).toBe(1);
    await cell(page, /^Sergey Lavrov on ceasefire:/).click();
    await evidence(page).getByRole('heading', { name: 'History (2 versions)' }).waitFor();
    expect(await evidence(page).textContent()).toContain('Note: update from v2.csv');
  });

  it('keeps mine: the edit stays over the new file, after a reload too', async () => {
    await editThenReimport();
    await review(page).getByRole('button', { name: 'Keep mine' }).click();
    await review(page).getByText('Kept your data: no update applied.').waitFor();
    await openView(page, MATRIX);
    await expect.poll(() => lavrov(page)).toMatch(/^Sergey Lavrov on ceasefire: neutral,/);
    expect(await cell(page, /^Vladimir Putin on us-blame:/).count()).toBe(1);
  });
});
