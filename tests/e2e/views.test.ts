/**
 * The analyst views on the bundled dataset, in real Chromium (issue 3): the matrix shows the
 * shift in Russia's ceasefire position between 2024-11-30 and 2024-12-31 that the seed article
 * reports; a matrix cell opens its evidence and filters the timeline; scrubbing the as-of date
 * changes the cells; brushing the timeline sets From/To for every view; the agreement tab puts
 * Russian and Western actors in separate blocs.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, openView, SEED_ROWS, statusLine } from './views-helpers';

const cell = (page: Page, name: RegExp) => page.getByRole('gridcell', { name });

describe.runIf(hasBrowser)('analyst views on the bundled dataset', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    expect(errors.all()).toEqual([]);
    await close();
  });

  it("shows Russia's ceasefire shift from November to December in the matrix", async () => {
    await openView(page, 'view=matrix&asOf=2024-11-30');
    const russia = cell(page, /^Russia \(all actors\) on ceasefire:/);
    await expect.poll(() => russia.getAttribute('aria-label')).toMatch(/conditional support/);

    await page.getByLabel('As of', { exact: true }).fill('2024-12-31');
    await page.getByLabel('Compare with').fill('2024-11-30');
    await expect
      .poll(() => russia.getAttribute('aria-label'))
      .toMatch(/strongly oppose.*shifted from conditional support on 2024-11-30/);
    // The shift is drawn too: a downward arrow towards opposition.
    await expect.poll(() => russia.textContent()).toContain('▼');
  });

  it('opens the evidence of a matrix cell; the Actors filter narrows the grid to Lavrov', async () => {
    await openView(page, 'view=matrix&asOf=2024-12-31');
    await cell(page, /^Sergey Lavrov on ceasefire:/).click();

    const evidence = page.getByRole('complementary');
    await expect.poll(() => evidence.textContent()).toContain('A truce leads to nowhere');
    await expectShowing(page, SEED_ROWS);

    // Actors = Sergey Lavrov: his row and the Russia row built from him, nothing else.
    await page.goto('./?view=matrix&asOf=2024-12-31&actors=Sergey+Lavrov');
    await page.getByRole('grid').waitFor();
    await expect
      .poll(() => page.getByRole('rowheader').allTextContents())
      .toEqual(['Russia (all actors)', 'Sergey Lavrov']);
  });

  it('moves the as-of date with the scrubber and the cells follow', async () => {
    await openView(page, 'view=matrix&asOf=2024-12-31');
    const lavrov = cell(page, /^Sergey Lavrov on ceasefire:/);
    await expect.poll(() => lavrov.getAttribute('aria-label')).toMatch(/strongly oppose/);

    const scrubber = page.getByRole('slider');
    await scrubber.focus();
    // A month back at a time: before 2024-12-26 Lavrov had said nothing on the ceasefire.
    await page.keyboard.press('PageDown');
    const asOf = await page.getByLabel('As of', { exact: true }).inputValue();
    expect(asOf < '2024-12-26').toBe(true);
    await expect.poll(() => lavrov.getAttribute('aria-label')).toMatch(/no statement as of/);
    // The URL follows (continuous changes are written a moment later, throttled).
    await expect.poll(() => page.url()).toContain(`asOf=${asOf}`);
  });

  it('brushing the timeline sets From and To for every view', async () => {
    await openView(page);
    const band = page.locator('svg.band rect.band-bg');
    const box = (await band.boundingBox())!;
    // Drag over November 2024 (the window opens on late October to December): the year- and
    // month-precise statements overlap it; the December ones fall outside.
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.up();

    const from = page.getByLabel('From', { exact: true });
    await expect.poll(() => from.inputValue()).not.toBe('');
    const to = await page.getByLabel('To', { exact: true }).inputValue();
    expect((await from.inputValue()) <= to).toBe(true);
    await expect.poll(() => page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}/);

    // The range narrows the count for every view: the status says fewer than all.
    const status = await statusLine(page).textContent();
    const shown = Number(/Showing (\d+)/.exec(status ?? '')![1]);
    expect(shown).toBeLessThan(SEED_ROWS);
    await page.getByRole('tab', { name: 'Statements' }).click();
    expect(await page.locator('tbody tr:not(.spacer)').count()).toBe(shown);
  });

  it('puts Russian and Western actors in separate blocs on the Agreement tab', async () => {
    await openView(page, 'view=agreement');
    const blocs = page.getByText(/^Bloc [12]:/);
    await expect.poll(() => blocs.count()).toBe(2);
    const lines = await page.locator('li', { hasText: /^Bloc [12]:/ }).allTextContents();
    const russian = lines.find((l) => l.includes('Sergey Lavrov'))!;
    const western = lines.find((l) => l.includes('US officials'))!;
    expect(russian).not.toBe(western);
    for (const name of ['Vladimir Putin', 'Russian officials']) expect(russian).toContain(name);
    for (const name of ['Western nations', 'Volodymyr Zelenskiy', 'Donald Trump']) {
      expect(western).toContain(name);
    }
  });
});
