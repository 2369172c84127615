/**
 * Every view is a link (issue 4), driven in real Chromium: a copied link opened in a brand-new
 * profile shows the same view; back, forward and reload restore it; typing does not flood the
 * history; a portable link carries its statements and asks before importing them; junk in a link
 * is dropped with a notice and never rendered as markup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { PORTABLE_MAX_URL_CHARS, PORTABLE_SAFE_URL_CHARS } from '../../src/url/portable';
import { choose, importChosen, storedDatasets } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, statusLine } from './views-helpers';

/** The bundled dataset's rows, read from the file rather than written down here. */
const SEED: Record<string, string>[] = Papa.parse<Record<string, string>>(
  fs.readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;
const SEED_ROWS = SEED.length;
const count = (keep: (row: Record<string, string>) => boolean) => SEED.filter(keep).length;

/** A first visit in a brand-new profile that may use the clipboard; closed after each test. */
const opened: (() => Promise<void>)[] = [];
async function freshPage(): Promise<{ page: Page; context: BrowserContext; errors: PageErrors }> {
  const { context, close } = await launchFresh();
  opened.push(close);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL()).origin,
  });
  const page = await context.newPage();
  return { page, context, errors: collectPageErrors(page) };
}

/** Clicks a copy button, waits for the button's own status to say so, reads the clipboard. */
async function copy(page: Page, button: string, said: string | RegExp): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('status').filter({ hasText: said }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A facet of the filters by its name: `facet(page, 'Actors')`. */
const facet = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Ticks one value of a facet, as a user clicks it. */
async function tick(page: Page, name: string, value: string): Promise<void> {
  await facet(page, name)
    .getByRole('checkbox', { name: new RegExp(`^${value}, `) })
    .click();
}
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search', exact: true });

/** Everything a user sees of the view's controls, to compare two browsers' screens. */
async function controls(page: Page) {
  // The values ticked in a facet, by the names their boxes read ("ceasefire, 4 statements").
  const chosen = (label: string) =>
    facet(page, label)
      .getByRole('checkbox', { checked: true })
      .evaluateAll((boxes) =>
        boxes.map((b) => b.getAttribute('aria-label')!.replace(/, [\d,]+ statements?$/, '')),
      );
  return {
    tab: await page.getByRole('tab', { selected: true }).textContent(),
    from: await page.getByLabel('From', { exact: true }).inputValue(),
    to: await page.getByLabel('To', { exact: true }).inputValue(),
    actors: await chosen('Actors'),
    topics: await chosen('Topics'),
    stances: await chosen('Stance'),
    search: await searchBox(page).inputValue(),
    status: (await statusLine(page).textContent())?.trim(),
  };
}

const evidence = (page: Page) => page.getByRole('complementary', { name: 'Evidence' });

/** The datasets stored in the page's IndexedDB, by name. */
async function storedNames(page: Page): Promise<string[]> {
  return (await storedDatasets(page)).map((d) => d.name);
}

describe.runIf(hasBrowser)('links in Chromium', () => {
  afterEach(async () => {
    while (opened.length > 0) await opened.pop()!();
  });

  it('opens a copied link in a new profile on the same tab, filters, count and statement', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);

    await page.getByRole('tab', { name: 'Statements' }).click();
    await tick(page, 'Actors', 'Sergey Lavrov');
    await tick(page, 'Topics', 'binding-settlement');
    await searchBox(page).fill('legal');
    const expected = count(
      (r) =>
        r.actor === 'Sergey Lavrov' &&
        r.topic === 'binding-settlement' &&
        /legal/i.test(`${r.quote} ${r.summary}`),
    );
    expect(expected).toBe(2);
    await expectShowing(page, expected, SEED_ROWS);
    const table = page.getByRole('tabpanel');
    await table.getByRole('button', { name: 'Sergey Lavrov' }).last().click();
    await evidence(page).waitFor();
    const statement = await evidence(page).locator('dl').textContent();
    const before = await controls(page);

    const link = await copy(page, 'Copy link', 'Link copied');
    expect(link).toBe(page.url());
    expect(link).toContain('view=statements');
    expect(link).toContain('actors=Sergey+Lavrov');
    expect(link).toMatch(/sel=seed-01[89]/);

    const other = await freshPage();
    await other.page.goto(link);
    await expectShowing(other.page, expected, SEED_ROWS);
    expect(await controls(other.page)).toEqual(before);
    expect(before).toMatchObject({
      tab: 'Statements',
      actors: ['Sergey Lavrov'],
      topics: ['binding-settlement'],
      search: 'legal',
    });
    await evidence(other.page).waitFor();
    expect(await evidence(other.page).locator('dl').textContent()).toBe(statement);
    // Same data in both browsers: no "other data" notice.
    expect(await other.page.getByText('made with other data').count()).toBe(0);
    expect(errors.all()).toEqual([]);
    expect(other.errors.all()).toEqual([]);
  });

  it('carries the matrix dates (As of, Compare with) and Stale after to a new profile', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    await page.getByRole('tab', { name: 'Matrix' }).click();
    await page.getByLabel('As of', { exact: true }).fill('2024-12-24');
    await page.getByLabel('Compare with', { exact: true }).fill('2024-11-30');
    await page.getByLabel('Stale after (days)').fill('30');
    const cells = (p: Page) =>
      p
        .getByRole('gridcell')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    // Zelenskiy spoke on 2024-12-22: after As of, no statement as of Compare with.
    await expect
      .poll(async () => (await cells(page)).find((c) => c.startsWith('Volodymyr Zelenskiy on')))
      .toBeTruthy();
    const grid = await cells(page);
    await expect.poll(() => page.url()).toContain('asOf=2024-12-24');
    expect(page.url()).toContain('cmp=2024-11-30');
    await expect.poll(() => page.url()).toContain('stale=30');

    const link = await copy(page, 'Copy link', 'Link copied');
    const other = await freshPage();
    await other.page.goto(link);
    await expectShowing(other.page, SEED_ROWS, SEED_ROWS);
    expect(await other.page.getByRole('tab', { selected: true }).textContent()).toBe('Matrix');
    expect(await other.page.getByLabel('As of', { exact: true }).inputValue()).toBe('2024-12-24');
    expect(await other.page.getByLabel('Compare with', { exact: true }).inputValue()).toBe(
      '2024-11-30',
    );
    expect(await other.page.getByLabel('Stale after (days)').inputValue()).toBe('30');
    expect(await cells(other.page)).toEqual(grid);
    expect(errors.all()).toEqual([]);
    expect(other.errors.all()).toEqual([]);
  });

  it('goes back and forward through tab and filter choices, and keeps the view on reload', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    const start = await controls(page);

    await page.getByRole('tab', { name: 'Statements' }).click();
    await expect.poll(() => page.url()).toContain('view=statements');
    const onStatements = await controls(page);

    await tick(page, 'Topics', 'ceasefire');
    const ceasefire = count((r) => r.topic === 'ceasefire');
    await expectShowing(page, ceasefire, SEED_ROWS);
    const onCeasefire = await controls(page);
    expect(onCeasefire).toMatchObject({ tab: 'Statements', topics: ['ceasefire'] });

    await page.goBack();
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    expect(await controls(page)).toEqual(onStatements);
    await page.goBack();
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toBe('Timeline');
    expect(await controls(page)).toEqual(start);

    await page.goForward();
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toBe('Statements');
    expect(await controls(page)).toEqual(onStatements);
    await page.goForward();
    await expectShowing(page, ceasefire, SEED_ROWS);
    expect(await controls(page)).toEqual(onCeasefire);

    await page.reload();
    await expectShowing(page, ceasefire, SEED_ROWS);
    expect(await controls(page)).toEqual(onCeasefire);
    expect(errors.all()).toEqual([]);
  });

  it('does not add a history entry per keystroke in Search', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    const before = await page.evaluate(() => history.length);
    await searchBox(page).pressSequentially('ceasefire', { delay: 60 });
    await expect.poll(() => page.url()).toContain('q=ceasefire');
    const grew = (await page.evaluate(() => history.length)) - before;
    expect(grew).toBeLessThanOrEqual(1);
    // The search is in the address all the same.
    await page.reload();
    expect(await searchBox(page).inputValue()).toBe('ceasefire');
    expect(errors.all()).toEqual([]);
  });

  it('carries the statements in a portable link and imports them only when asked', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    await page.getByRole('tab', { name: 'Statements' }).click();
    await searchBox(page).fill('truce');
    await expectShowing(page, 1, SEED_ROWS);

    const link = await copy(page, 'Copy portable link', 'Portable link with 1 statement copied');
    expect(link).toMatch(/#d=[\w-]+$/);
    expect(link.length).toBeLessThanOrEqual(PORTABLE_MAX_URL_CHARS);

    // Accept: nothing is stored before the answer, then the shared view, over its data only.
    const yes = await freshPage();
    await yes.page.goto(link);
    const prompt = yes.page.getByRole('dialog', { name: 'Import statements from this link?' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('1 statement');
    // Loading has finished (the store is open) and nothing, not even the example, was stored.
    await expectShowing(yes.page, 0, 0);
    expect(await storedNames(yes.page)).toEqual([]);
    await prompt.getByRole('button', { name: 'Import statements' }).click();
    await prompt.waitFor({ state: 'detached' });
    await expectShowing(yes.page, 1, 1);
    expect(await controls(yes.page)).toMatchObject({ tab: 'Statements', search: 'truce' });
    await yes.page.getByRole('tabpanel').getByText('A truce leads to nowhere').waitFor();
    expect(await storedNames(yes.page)).toEqual([expect.stringMatching(/^Shared view/)]);
    // The statements are stored now: the fragment is gone, the view stays in the query.
    expect(new URL(yes.page.url()).hash).toBe('');
    await yes.page.reload();
    await expectShowing(yes.page, 1, 1);

    // Decline: the view's parameters apply, the link's statements are not imported.
    const no = await freshPage();
    await no.page.goto(link);
    const prompt2 = no.page.getByRole('dialog', { name: 'Import statements from this link?' });
    await prompt2.getByRole('button', { name: 'Not now' }).click();
    await prompt2.waitFor({ state: 'detached' });
    // A first visit that declined still gets the bundled example, and the link's filters on it.
    await expectShowing(no.page, 1, SEED_ROWS);
    expect(await controls(no.page)).toMatchObject({ tab: 'Statements', search: 'truce' });
    expect(await storedNames(no.page)).toEqual([expect.stringMatching(/example/)]);
    expect(new URL(no.page.url()).hash).toBe('');

    expect(errors.all()).toEqual([]);
    expect(yes.errors.all()).toEqual([]);
    expect(no.errors.all()).toEqual([]);
  });

  it('refuses a portable link over the limit with a message naming it', async () => {
    const { page, errors } = await freshPage();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-links-'));
    try {
      const file = path.join(dir, 'five-thousand.csv');
      fs.writeFileSync(file, generateCsv({ rows: 5_000, seed: 7 }));
      await page.goto(baseURL());
      await expectShowing(page, SEED_ROWS, SEED_ROWS);
      // All 19 bundled statements: allowed, but past the length every tool keeps, so it says
      // where the link may break.
      const all = await copy(
        page,
        'Copy portable link',
        `Portable link with ${SEED_ROWS} statements copied`,
      );
      expect(all.length).toBeGreaterThan(PORTABLE_SAFE_URL_CHARS);
      expect(all.length).toBeLessThanOrEqual(PORTABLE_MAX_URL_CHARS);
      const caution = page.getByText(/may cut links past 2,000/);
      await caution.waitFor();
      expect(await caution.textContent()).toContain(all.length.toLocaleString('en'));

      await choose(page, file);
      await importChosen(page);
      await expectShowing(page, SEED_ROWS + 5_000, SEED_ROWS + 5_000);

      await page.getByRole('button', { name: 'Copy portable link', exact: true }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Narrow the filters' });
      await refusal.waitFor();
      const text = await refusal.textContent();
      expect(text).toContain('5,019 statements');
      expect(text).toContain(PORTABLE_MAX_URL_CHARS.toLocaleString('en'));
      // Nothing was copied: the clipboard still holds the earlier link, the caution is gone.
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(all);
      expect(await caution.count()).toBe(0);
      expect(errors.all()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers the link to copy by hand where the clipboard is missing', async () => {
    const { page, errors } = await freshPage();
    // A browser without the async Clipboard API and whose copy command fails.
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
      document.execCommand = () => false;
    });
    await page.goto(`${baseURL()}?view=statements`);
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    await tick(page, 'Topics', 'ceasefire');
    await page.getByRole('button', { name: 'Copy link', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Copy the link below' }).waitFor();
    const field = page.getByRole('textbox', { name: 'Link', exact: true });
    const link = await field.inputValue();
    expect(link).toBe(page.url());
    expect(link).toContain('topics=ceasefire');
    expect(errors.all()).toEqual([]);
  });

  it('carries the timeline lane grouping to a new profile', async () => {
    const { page, errors } = await freshPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    await page.getByRole('radio', { name: 'By topic' }).check();
    const link = await copy(page, 'Copy link', 'Link copied');
    expect(link).toContain('lanes=topic');
    const other = await freshPage();
    await other.page.goto(link);
    await expectShowing(other.page, SEED_ROWS, SEED_ROWS);
    expect(await other.page.getByRole('radio', { name: 'By topic' }).isChecked()).toBe(true);
    expect(errors.all()).toEqual([]);
    expect(other.errors.all()).toEqual([]);
  });

  it('drops junk parameters with a notice and still applies the valid ones', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${baseURL()}?view=nope&from=2024-13-45&foo=1&actors=Sergey+Lavrov`);
    const lavrov = count((r) => r.actor === 'Sergey Lavrov');
    await expectShowing(page, lavrov, SEED_ROWS);
    const notice = page.getByRole('alert').filter({ hasText: 'could not be used' });
    await notice.waitFor();
    const items = (await notice.getByRole('listitem').allTextContents()).join('\n');
    expect(items).toContain('view: "nope"');
    expect(items).toContain('from: "2024-13-45"');
    expect(items).toContain('unknown parameter "foo"');
    expect(items).not.toContain('actors');
    expect(await controls(page)).toMatchObject({
      tab: 'Timeline',
      from: '',
      actors: ['Sergey Lavrov'],
    });
    // The dropped parameters leave the address as well.
    await expect.poll(() => page.url()).not.toContain('foo=');
    expect(page.url()).toContain('actors=Sergey+Lavrov');
    expect(errors.all()).toEqual([]);
  });

  it('says so when a link was made with other data', async () => {
    const { page, errors } = await freshPage();
    await page.goto(`${baseURL()}?view=statements&fp=deadbeef`);
    await expectShowing(page, SEED_ROWS, SEED_ROWS);
    const notice = page.getByRole('alert').filter({ hasText: 'made with other data' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Import CSV');
    expect(await notice.textContent()).toMatch(/example.*\(19\)/);
    expect(errors.all()).toEqual([]);
  });

  it('shows markup in a link as text and runs nothing', async () => {
    const { page, errors } = await freshPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => dialogs.push(d.message()));
    const q = '<img src=x onerror=alert(1)>';
    await page.goto(`${baseURL()}?view=statements&q=${q}&actors=<b>bold</b>`);
    await expectShowing(page, 0, SEED_ROWS);
    expect(await searchBox(page).inputValue()).toBe(q);
    expect(await page.locator('img[src="x"], b').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors.all()).toEqual([]);
  });
});
