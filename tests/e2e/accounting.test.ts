import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, closeReport, counted, importChosen, importReport } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

const HEADER = 'id,date,actor,topic,stance,quote';

/** `count` valid statements with ids `<prefix>-<k>`. */
function rows(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    out.push(`${prefix}-${k},2024-12-18,Sergey Lavrov,dialogue,1,We back talks ${k}`);
  }
  return out;
}

/**
 * In the page: the centre of the Import button at the moment it is first enabled, where a
 * person aiming at it as soon as it is enabled would click.
 */
function watchImportButton(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { importAt?: { x: number; y: number } };
    delete w.importAt;
    const look = () => {
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Import' && !b.disabled,
      );
      if (!button || w.importAt) return;
      const r = button.getBoundingClientRect();
      w.importAt = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      observer.disconnect();
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
  });
}

describe.runIf(hasBrowser)('every row of a file accounted for, every click on Import taken', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-accounting-'));
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  afterAll(async () => {
    await close?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports every row of a CRLF file with 1,000 LF-terminated rows appended', async () => {
    const file = path.join(dir, 'appended.csv');
    const crlf = [HEADER, ...rows('mixed', 1, 60)].join('\r\n') + '\r\n';
    fs.writeFileSync(file, crlf + rows('mixed', 61, 1060).join('\n') + '\n');
    await choose(page, file);
    expect(await importChosen(page)).toEqual([
      '1,060 statements added',
      '0 duplicates skipped',
      '0 rows rejected',
    ]);
    await closeReport(page);
    expect(errors.all()).toEqual([]);
  });

  it('names a quote that never closes and imports every row once it is read as text', async () => {
    const file = path.join(dir, 'open-quote.csv');
    const lines = rows('quote', 1, 10_000);
    lines[4] = 'quote-5,2024-12-18,Vladimir Putin,dialogue,0,"Putin said we will see';
    fs.writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
    await choose(page, file);
    expect(await counted(page)).toMatch(/^4 records, 9,996 rows with problems/);
    await page
      .getByText('An opening quote at line 6 is never closed: lines 6-10,001 were read as one cell')
      .waitFor();
    await page.getByRole('checkbox', { name: 'Read the quote at line 6 as text' }).check();
    await page.getByText('10,000 records, 0 rows with problems').waitFor();
    expect(await importChosen(page)).toEqual([
      '10,000 statements added',
      '0 duplicates skipped',
      '0 rows rejected',
    ]);
    await closeReport(page);
    expect(errors.all()).toEqual([]);
  });

  it('imports on a click the instant Import is enabled, 20 times in 20', async () => {
    // Tall enough that the button is in view where it first appears, as on a tall screen.
    await page.setViewportSize({ width: 1280, height: 1600 });
    for (let k = 1; k <= 20; k++) {
      const file = path.join(dir, `quick-${k}.csv`);
      fs.writeFileSync(file, [HEADER, ...rows(`quick${k}`, 1, 15)].join('\n') + '\n');
      await watchImportButton(page);
      await page.getByLabel('Import CSV').setInputFiles(file);
      const at = await page.waitForFunction(
        () => (window as unknown as { importAt?: { x: number; y: number } }).importAt,
      );
      const { x, y } = (await at.jsonValue())!;
      await page.mouse.click(x, y);
      await importReport(page).waitFor({ timeout: 5_000 });
      expect(await importReport(page).getByRole('listitem').first().textContent()).toMatch(
        /15\s+statements added/,
      );
      await closeReport(page);
    }
    expect(errors.all()).toEqual([]);
  });
});
