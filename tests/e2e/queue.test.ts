/**
 * The coding queue in Chromium (issue 18): 20 statements imported without a stance column are
 * coded from the keyboard alone; every view shows the codes, a reload keeps them, and the
 * queue's position travels in a link to a colleague's browser holding the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

const N = 20;
const ACTORS = ['Envoy A', 'Envoy B', 'Envoy C', 'Envoy D', 'Envoy E'];
const TOPICS = ['grain-corridor', 'prisoner-swap', 'nuclear-plant', 'sea-lanes'];
const actorOf = (i: number) => ACTORS[i % 5];
const topicOf = (i: number) => TOPICS[Math.floor(i / 5)];
/** The conditional one: `c`, its conditions, Enter. */
const CONDITIONAL = 7;
/** The key coding statement i: varied, so each actor gets several stances. */
const keyOf = (i: number) => String(((i + Math.floor(i / 5)) % 5) + 1);
const LABEL = ['strongly oppose', 'oppose', 'neutral', 'support', 'strongly support'];
const labelOf = (i: number) =>
  i === CONDITIONAL ? 'conditional support' : LABEL[Number(keyOf(i)) - 1];

/** 20 statements, one a day from 2025-02-01, with no stance column: every row imports uncoded. */
function writeUncodedCsv(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-queue-'));
  const file = path.join(dir, 'uncoded-envoys.csv');
  const lines = ['date,actor,affiliation,topic,quote,source,url'];
  for (let i = 0; i < N; i++) {
    const date = `2025-02-${String(i + 1).padStart(2, '0')}`;
    const quote = `Envoy statement ${i + 1} on ${topicOf(i)}`;
    lines.push(
      `${date},${actorOf(i)},Testland,${topicOf(i)},${quote},Wire,https://example.org/${i + 1}`,
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const progress = (page: Page, coded: number) =>
  page.getByText(`${coded} of ${N} coded`, { exact: true }).waitFor();
const heading = (page: Page) => page.getByRole('heading', { name: /^Statement \d+ of \d+$/ });
const quote = (page: Page) => page.locator('blockquote').textContent();

/** Matrix cells of four of the statements, each with the stance it was coded. */
async function expectCells(page: Page): Promise<void> {
  for (const i of [0, CONDITIONAL, 13, 19]) {
    const cell = page.getByRole('gridcell', {
      name: new RegExp(`^${actorOf(i)} on ${topicOf(i)}:`),
    });
    await expect.poll(() => cell.getAttribute('aria-label')).toContain(`: ${labelOf(i)}, as of`);
  }
}

/** Imports the file into a fresh browser that holds the bundled dataset. */
async function importUncoded(page: Page, file: string): Promise<void> {
  await page.goto(baseURL());
  await expectShowing(page, SEED_ROWS);
  expect(await importFile(page, file, { close: true })).toContain(`${N} statements added`);
  await expectShowing(page, SEED_ROWS + N);
}

describe.runIf(hasBrowser)('the coding queue, in Chromium', () => {
  const file = writeUncodedCsv();
  let page: Page;
  let close: () => Promise<void>;
  let errors: ReturnType<typeof collectPageErrors>;
  /** The link copied at statement 13, with what it showed. */
  let link = '';
  let linkedQuote = '';

  beforeAll(async () => {
    const fresh = await launchFresh();
    close = fresh.close;
    page = await fresh.context.newPage();
    errors = collectPageErrors(page);
    await importUncoded(page, file);
  });

  afterAll(async () => {
    expect(errors.all()).toEqual([]);
    await close?.();
  });

  it(`codes all ${N} statements from the keyboard alone`, async () => {
    // To the Code tab with the keyboard: the tabs follow arrow keys, End is the last tab.
    await page.getByRole('tab', { name: 'Timeline' }).focus();
    await page.keyboard.press('End');
    await progress(page, 0);
    expect(await heading(page).textContent()).toMatch(/Statement 1 of 20/);

    for (let i = 0; i < N; i++) {
      expect(await quote(page)).toBe(`Envoy statement ${i + 1} on ${topicOf(i)}`);
      if (i === 12) {
        // The card names the statement; the address bar follows it a moment later.
        const id = (await page.locator('article dd.id').textContent())!;
        await expect.poll(() => page.url()).toContain(`qid=${id}`);
        link = page.url();
        linkedQuote = (await quote(page))!;
      }
      if (i === CONDITIONAL) {
        await page.keyboard.press('c');
        await page.keyboard.type('if the ports reopen');
        await page.keyboard.press('Enter');
      } else {
        await page.keyboard.press(keyOf(i));
      }
      await progress(page, i + 1);
      if (i === 3) {
        // A slip: undo goes back to it, then code it again.
        await page.keyboard.press('u');
        await progress(page, 3);
        expect(await quote(page)).toBe(`Envoy statement 4 on ${topicOf(3)}`);
        await page.keyboard.press(keyOf(3));
        await progress(page, 4);
      }
    }
    await progress(page, N);
    // Going back shows a coded statement as coded.
    await page.keyboard.press('p');
    await expect
      .poll(async () => (await page.locator('article').textContent())!.replace(/\s+/g, ' '))
      .toContain(`Now: ${labelOf(18)}`);

    // The Matrix, three tabs to the left, shows the codes without a reload.
    await page.getByRole('tab', { name: 'Code' }).focus();
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
    await expectCells(page);
  });

  it('keeps the codes after a reload: none uncoded, the Statements table and the Matrix', async () => {
    // No uncoded statement is left: the stance filter `u` finds none.
    await page.goto('./?view=statements&stances=u');
    await expectShowing(page, 0, SEED_ROWS + N);
    await page.goto(`./?view=statements&actors=${encodeURIComponent('Envoy B')}`);
    await expectShowing(page, 4, SEED_ROWS + N);
    const envoyB = [1, 6, 11, 16];
    await expect.poll(() => stanceColumn(page)).toEqual(envoyB.map(labelOf));

    await page.reload();
    await page.goto('./?view=matrix&asOf=2025-12-31');
    await expectCells(page);
    await page.goto('./?view=code');
    await page
      .getByRole('heading', { name: 'No uncoded statements under these filters' })
      .waitFor();
  });

  it('opens a copied link at the same statement in a colleague’s browser with the same file', async () => {
    expect(link).toContain('view=code');
    const colleague = await launchFresh();
    try {
      const other = await colleague.context.newPage();
      const otherErrors = collectPageErrors(other);
      await importUncoded(other, file);
      await other.goto(link);
      await other.getByText(`0 of ${N} coded`, { exact: true }).waitFor();
      expect(await heading(other).textContent()).toMatch(/Statement 13 of 20/);
      expect(await quote(other)).toBe(linkedQuote);
      expect(otherErrors.all()).toEqual([]);
    } finally {
      await colleague.close();
    }
  });
});

/** The Statements table's Stance cells, found by the column's header (the table has an Edit column). */
async function stanceColumn(page: Page): Promise<string[]> {
  const headers = await page.locator('table thead th').allTextContents();
  const at = headers.findIndex((h) => h.trim().startsWith('Stance'));
  if (at === -1) return [];
  return page.locator(`table tbody tr td:nth-child(${at + 1})`).allTextContents();
}
