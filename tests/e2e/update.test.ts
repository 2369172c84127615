/**
 * Re-import as an update (issue 18 item 3) and a statement's id taken over by a link (issue 20
 * item 4), in real Chromium: a corrected row of the bundled data is reported as updated, shown
 * field by field and applied only when asked; a shared link's forged row never replaces the
 * analyst's own statement, and the analyst's own file after it is reported as an update.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldsOf } from '../../src/domain/edits';
import { previewText } from '../../src/ingest/preview';
import { encodePortable } from '../../src/url/portable';
import { choose, closeReport, importChosen, importFile, importReport } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import {
  blocking,
  describeFindings,
  expectShowing,
  runAxe,
  SEED_ROWS,
  setTheme,
} from './views-helpers';

const SEED_FILE = path.resolve(__dirname, '../../data/seed-statements.csv');
const SEED = Papa.parse<string[]>(fs.readFileSync(SEED_FILE, 'utf8'), {
  skipEmptyLines: true,
}).data;
const HEADER = SEED[0];
const STANCE = HEADER.indexOf('stance');

/** The bundled rows with seed-017's stance set to `stance`, as the analyst's corrected file. */
function seedWith(stance: string): string[][] {
  return SEED.map((row) =>
    row[0] === 'seed-017' ? row.map((v, i) => (i === STANCE ? stance : v)) : row,
  );
}

function writeCsv(name: string, rows: string[][]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-update-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, Papa.unparse(rows) + '\n');
  return file;
}

const lavrovCell = (page: Page) =>
  page.getByRole('gridcell', { name: /^Sergey Lavrov on ceasefire:/ });

/** The review's table rows as cell texts. */
async function changes(page: Page): Promise<string[][]> {
  const table = importReport(page).getByRole('table', { name: 'Changes field by field' });
  await table.waitFor();
  const rows = await table.getByRole('row').all();
  const out: string[][] = [];
  for (const row of rows.slice(1)) {
    out.push((await row.getByRole('cell').allTextContents()).map((t) => t.trim()));
  }
  return out;
}

describe.runIf(hasBrowser)('re-import as an update', () => {
  const closing: (() => Promise<void>)[] = [];
  let errors: PageErrors;

  async function fresh(): Promise<Page> {
    const { context, close } = await launchFresh();
    closing.push(close);
    const page = await context.newPage();
    errors = collectPageErrors(page);
    return page;
  }

  afterEach(async () => {
    expect(errors.all()).toEqual([]);
    for (const close of closing.splice(0)) await close();
  });

  it("reports seed-017's corrected stance as 1 statement updated; applied, the Matrix shows it", async () => {
    const page = await fresh();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
    await choose(page, writeCsv('corrected.csv', seedWith('oppose')));
    // The preview already says the file updates a statement, and what it changes.
    const updates = page.getByRole('region', { name: 'Updates in the file' });
    expect(
      (await updates.getByRole('paragraph').first().textContent())!.replace(/\s+/g, ' '),
    ).toMatch(/^Updates: 1 of the 19 rows in the file carries the id of a statement you have/);
    expect(
      (await updates.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((t) =>
        t.trim(),
      ),
    ).toEqual(['seed-017', 'Sergey Lavrov', 'Stance', 'strongly oppose', 'oppose']);
    expect(describeFindings(blocking(await runAxe(page)))).toEqual([]);
    const lines = await importChosen(page);
    expect(lines).toEqual([
      '0 statements added',
      `${SEED_ROWS - 1} duplicates skipped`,
      '1 statement updated in the file',
      '0 rows rejected',
    ]);
    expect(await changes(page)).toEqual([
      ['', 'seed-017', 'Sergey Lavrov', 'Stance', 'strongly oppose', 'oppose'],
    ]);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      expect(describeFindings(blocking(await runAxe(page)))).toEqual([]);
    }
    await importReport(page).getByRole('button', { name: 'Apply all updates' }).click();
    await importReport(page).getByText('Applied: 1 statement updated.').waitFor();
    await closeReport(page);

    // After a reload too: the version is stored.
    await page.goto('./?view=matrix&asOf=2024-12-31');
    await expectShowing(page, SEED_ROWS);
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: oppose/);
  });

  it('marks a statement also changed in the app as a conflict, unchecked, and keeps the edit', async () => {
    const page = await fresh();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
    // An edit made in the app (no editor on this page yet: its stored version, as the app saves
    // it): seed-017 coded neutral.
    const lavrov = previewText(fs.readFileSync(SEED_FILE, 'utf8')).rows.find(
      (r) => r.id === 'seed-017',
    )!;
    const before = { ...fieldsOf(lavrov), confidence: Math.fround(lavrov.confidence) };
    const version = {
      id: 'seed-017',
      version: 1,
      at: '2024-12-31T10:00:00.000Z',
      origin: 'app',
      note: '',
      before,
      after: { ...before, stance: 0 },
    };
    await page.evaluate(
      (v) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('stance-timeline');
          open.onsuccess = () => {
            const tx = open.result.transaction('edits', 'readwrite');
            tx.objectStore('edits').add(v);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      version,
    );
    await page.goto('./?view=matrix&asOf=2024-12-31');
    await expectShowing(page, SEED_ROWS);
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: neutral/);

    await importFile(page, writeCsv('corrected.csv', seedWith('oppose')));
    expect(await changes(page)).toEqual([
      ['', 'seed-017 Conflict: changed in the app', 'Sergey Lavrov', 'Stance', 'neutral', 'oppose'],
    ]);
    const box = importReport(page).getByRole('checkbox', {
      name: /update of seed-017 \(conflict\)/,
    });
    expect(await box.isChecked()).toBe(false);
    expect(
      await importReport(page).getByRole('button', { name: 'Apply checked (0)' }).isDisabled(),
    ).toBe(true);
    expect(describeFindings(blocking(await runAxe(page)))).toEqual([]);
    await importReport(page).getByRole('button', { name: 'Keep mine' }).click();
    await closeReport(page);
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: neutral/);
  });

  it("never lets a link's forged row replace the analyst's own; their file after it is an update", async () => {
    // The link carries seed-017 with the opposite stance and another quote.
    const forged = seedWith('strongly support').filter((r, i) => i === 0 || r[0] === 'seed-017');
    forged[1][HEADER.indexOf('quote')] = 'We welcome a truce';
    const link = `${baseURL()}#${await encodePortable({ v: 1, name: 'Forged', rows: forged })}`;

    // 1. The analyst has the bundled data: the link's row is an update to review, not taken.
    const page = await fresh();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
    await page.goto(link);
    await page.reload();
    const prompt = page.getByRole('dialog', { name: 'Import statements from this link?' });
    await prompt.getByRole('button', { name: 'Import statements' }).click();
    expect(await changes(page)).toEqual([
      ['', 'seed-017', 'Sergey Lavrov', 'Stance', 'strongly oppose', 'strongly support'],
      // The statement's cells span both of its changed fields.
      ['Quote', 'A truce leads to nowhere', 'We welcome a truce'],
    ]);
    await importReport(page).getByText('Updates from the shared link').waitFor();
    await importReport(page).getByRole('button', { name: 'Keep mine' }).click();
    await importReport(page).getByText('Kept your data: no update applied.').waitFor();
    await closeReport(page);
    await page.goto('./?view=matrix&asOf=2024-12-31');
    await expectShowing(page, SEED_ROWS);
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: strongly oppose/);

    // 2. A new browser opens the link first; the analyst's own file then reports the row as
    // updated (to review), not as a duplicate.
    const other = await fresh();
    await other.goto(link);
    const prompt2 = other.getByRole('dialog', { name: 'Import statements from this link?' });
    await prompt2.getByRole('button', { name: 'Import statements' }).click();
    await prompt2.waitFor({ state: 'detached' });
    await expectShowing(other, 1, 1);
    const lines = await importFile(other, writeCsv('mine.csv', SEED));
    expect(lines).toEqual([
      `${SEED_ROWS - 1} statements added`,
      '0 duplicates skipped',
      '1 statement updated in the file',
      '0 rows rejected',
    ]);
    expect((await changes(other))[0]).toEqual([
      '',
      'seed-017',
      'Sergey Lavrov',
      'Stance',
      'strongly support',
      'strongly oppose',
    ]);
  });
});
