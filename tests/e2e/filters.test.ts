/**
 * Filters say what they hide (issue 16), in real Chromium: a filter set by a matrix click or an
 * opened link shows as a chip and is cleared by Clear filters; facets select with plain clicks
 * and count under the other filters.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { baseURL, collectPageErrors, hasBrowser, launchFresh } from './browser';
import { expectShowing, statusLine } from './views-helpers';

const SEED: Record<string, string>[] = Papa.parse<Record<string, string>>(
  fs.readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;
const SEED_ROWS = SEED.length;
const count = (keep: (row: Record<string, string>) => boolean) => SEED.filter(keep).length;

const closers: (() => Promise<void>)[] = [];
async function freshPage(): Promise<Page> {
  const { context, close } = await launchFresh();
  closers.push(close);
  return context.newPage();
}

const facet = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const chips = (page: Page) =>
  page
    .getByRole('list', { name: 'Active filters' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.firstElementChild!.textContent!.trim()));

describe.runIf(hasBrowser)('filters in Chromium', () => {
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  it('shows the affiliation a matrix click set as a chip, and Clear filters clears it', async () => {
    const page = await freshPage();
    const errors = collectPageErrors(page);
    // What a click on the "Russia (all actors)" x ceasefire cell writes into the link.
    await page.goto(`${baseURL()}?view=matrix&affs=Russia&topics=ceasefire`);
    const russiaOnCeasefire = count((r) => r.affiliation === 'Russia' && r.topic === 'ceasefire');
    await expectShowing(page, russiaOnCeasefire, SEED_ROWS);
    expect(await chips(page)).toEqual(['Affiliation: Russia', 'Topic: ceasefire']);

    // Unticking ceasefire leaves the Russia filter: it must stay in sight.
    await facet(page, 'Topics')
      .getByRole('checkbox', { name: /^ceasefire, / })
      .click();
    const russia = count((r) => r.affiliation === 'Russia');
    await expectShowing(page, russia, SEED_ROWS);
    expect(await chips(page)).toEqual(['Affiliation: Russia']);
    await expect.poll(() => statusLine(page).textContent()).toContain('· 1 filter');

    const clear = page.getByRole('button', { name: 'Clear filters (1)' });
    expect(await clear.isEnabled()).toBe(true);
    await clear.click();
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    expect(await page.getByRole('list', { name: 'Active filters' }).count()).toBe(0);
    expect(page.url()).not.toContain('affs=');
    expect(errors.all()).toEqual([]);
  });

  it('selects two actors with plain clicks, counts under them, and drops one by its chip', async () => {
    const page = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    const actors = facet(page, 'Actors');

    await actors.getByRole('checkbox', { name: /^Sergey Lavrov, / }).click();
    await actors.getByRole('checkbox', { name: /^Vladimir Putin, / }).click();
    const both = count((r) => r.actor === 'Sergey Lavrov' || r.actor === 'Vladimir Putin');
    await expectShowing(page, both, SEED_ROWS);
    expect(await chips(page)).toEqual(['Actor: Sergey Lavrov', 'Actor: Vladimir Putin']);

    // The topic facet counts only the two actors' statements now.
    const ceasefire = count(
      (r) =>
        r.topic === 'ceasefire' && (r.actor === 'Sergey Lavrov' || r.actor === 'Vladimir Putin'),
    );
    const box = facet(page, 'Topics').getByRole('checkbox', { name: /^ceasefire, / });
    expect(await box.getAttribute('aria-label')).toBe(
      `ceasefire, ${ceasefire} statement${ceasefire === 1 ? '' : 's'}`,
    );

    await page.getByRole('button', { name: 'Remove Actor: Sergey Lavrov' }).click();
    await expectShowing(
      page,
      count((r) => r.actor === 'Vladimir Putin'),
      SEED_ROWS,
    );
    expect(page.url()).toContain('actors=Vladimir');
  });
});
