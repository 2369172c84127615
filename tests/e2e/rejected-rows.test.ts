/**
 * Issue 17 item 9 in Chromium: the rejected rows are downloaded with their own cells, fixed as a
 * spreadsheet would, and imported again without the first three columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeReport, importFile } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

// Lines 3-4 (a day-first date; the quote holds a comma and a line break) and 6 (a short row
// with no topic) are rejected.
const FILE = [
  'date,Speaker,topic,stance,quote',
  '2024-12-18,Sergey Lavrov,dialogue,-1,Talks maybe',
  '31/12/2024,Sergey Lavrov,ceasefire,-2,"We said no, twice',
  'and again"',
  '2024-12-20,Antony Blinken,ceasefire,1,Fine',
  '2024-12-21,Kaja Kallas',
  '2024-12-22,Mark Rutte,ceasefire,2,Yes',
].join('\n');

describe.runIf(hasBrowser)('the rejected-rows download, fixed and imported again', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-rejected-'));
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  afterAll(async () => {
    await close?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the 2 bad rows with their cells and adds them once fixed', async () => {
    const file = path.join(dir, 'talks.csv');
    fs.writeFileSync(file, FILE + '\n');
    expect(await importFile(page, file)).toEqual([
      '3 statements added',
      '0 duplicates skipped',
      '2 rows rejected',
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    // A byte-order mark, for spreadsheet programs; the import takes it off.
    expect(csv.startsWith('\uFEFFline,')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\n' }).data;
    expect(header).toEqual([
      'line',
      'column',
      'reason',
      'date',
      'Speaker',
      'topic',
      'stance',
      'quote',
    ]);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['3', 'date'],
      ['6', 'topic'],
    ]);
    expect(rows[0].slice(3)).toEqual([
      '31/12/2024',
      'Sergey Lavrov',
      'ceasefire',
      '-2',
      'We said no, twice\nand again',
    ]);
    expect(rows[1].slice(3)).toEqual(['2024-12-21', 'Kaja Kallas']);
    await closeReport(page);

    // As a spreadsheet would: the first three columns deleted, the bad cells fixed.
    const fixed = rows.map((r) => r.slice(3));
    fixed[0][0] = '2024-12-31';
    fixed[1].push('ceasefire', '1', 'Open to it');
    const again = path.join(dir, 'talks-fixed.csv');
    fs.writeFileSync(again, Papa.unparse([header.slice(3), ...fixed]) + '\n');
    expect(await importFile(page, again)).toEqual([
      '2 statements added',
      '0 duplicates skipped',
      '0 rows rejected',
    ]);
    await closeReport(page);
    await expectShowing(page, SEED_ROWS + 5);
  });

  it('raised no page errors on the way', () => {
    expect(errors.all()).toEqual([]);
  });
});
