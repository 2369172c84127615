/**
 * A matrix too wide and too tall to draw whole (issue 20, item 6): only the rows and topic
 * columns in view are drawn, with one spacer column each side; the header's columns line up
 * with the cells under them wherever the grid is scrolled, and the keyboard reaches the last
 * column.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from './app-helpers';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

const ACTORS = 200;
const TOPICS = 300;

/** 600 statements: actor i % 200 on topic i % 300, so every actor and topic appears. */
function writeWideCsv(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-wide-'));
  const file = path.join(dir, 'wide.csv');
  const lines = ['date,actor,affiliation,topic,stance,source'];
  for (let i = 0; i < 600; i++) {
    const pad = (n: number) => String(n).padStart(3, '0');
    lines.push(
      `2024-0${1 + (i % 9)}-1${i % 10},Wide ${pad(i % ACTORS)},Bloc ${i % 3},wide-${pad(i % TOPICS)},${(i % 5) - 2},Wire`,
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Left edge and width of each drawn header column and of the cells of one body row, by aria-colindex. */
function columns(page: Page, rowIndex: number) {
  return page.evaluate((rowIndex) => {
    const grid = document.querySelector('[role="grid"]')!;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.width)];
    };
    const head = [...grid.querySelectorAll('thead [role="columnheader"][aria-colindex]')].map(
      (th) => [th.getAttribute('aria-colindex'), ...box(th)],
    );
    const row = grid.querySelector(`tbody tr[aria-rowindex="${rowIndex}"]`)!;
    const cells = [...row.querySelectorAll('[role="gridcell"]')].map((td) => [
      td.getAttribute('aria-colindex'),
      ...box(td),
    ]);
    const scroller = Math.round(grid.parentElement!.getBoundingClientRect().left);
    return { head, cells, colcount: Number(grid.getAttribute('aria-colcount')), scroller };
  }, rowIndex);
}

describe.runIf(hasBrowser)('a matrix wider and taller than the window', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto('./');
    await expectShowing(page, SEED_ROWS);
    await importFile(page, writeWideCsv(), { close: true });
    await page.goto('./?view=matrix');
    await page.locator('[role="grid"] [role="gridcell"]').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    expect(errors.all()).toEqual([]);
    await close();
  });

  it('draws the columns in view only, each under its header, wherever it is scrolled', async () => {
    for (const left of [0, 120 * 150 + 37]) {
      await page.locator('.scroll').evaluate((el, left) => (el.scrollLeft = left), left);
      await expect
        .poll(async () => (await columns(page, 3)).head[0]?.[0])
        .toBe(String(left === 0 ? 2 : 2 + Math.floor(left / 120) - 2));
      const { head, cells, colcount, scroller } = await columns(page, 3);
      expect(colcount).toBeGreaterThan(TOPICS);
      expect(head.length).toBeGreaterThan(4);
      expect(head.length).toBeLessThan(20);
      expect(cells).toEqual(head);
      // The column scrolled to sits where the scroll puts it: right of the 224 px row names,
      // less the part scrolled past (the spacer before it is as wide as the columns it stands for).
      const at = Math.floor(left / 120);
      const column = head.find((h) => h[0] === String(at + 2))!;
      expect(Math.abs(Number(column[1]) - (scroller + 224 + at * 120 - left))).toBeLessThanOrEqual(
        2,
      );
    }
  });

  it('moves the focus to the last column with End, drawn under its header', async () => {
    await page.locator('.scroll').evaluate((el) => (el.scrollLeft = 0));
    await page.locator('[role="gridcell"][tabindex="0"]').focus();
    await page.keyboard.press('End');
    const colcount = (await columns(page, 2)).colcount;
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-colindex')))
      .toBe(String(colcount));
    const row = await page.evaluate(() =>
      document.activeElement?.closest('tr')?.getAttribute('aria-rowindex'),
    );
    const { head, cells } = await columns(page, Number(row));
    expect(cells).toEqual(head);
    expect(head.at(-1)?.[0]).toBe(String(colcount));
  });
});
