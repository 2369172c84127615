/**
 * The timeline read by topic, in real Chromium on the bundled dataset (issue 15): each of an
 * actor's topics is its own labelled row, hovering any point of a row names the statement that
 * set it, the window opens on autumn 2024 (not on the January of the year-only statements), and
 * folding Russia's actors into one lane shows its ceasefire shift with both statements.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { openView } from './views-helpers';

/** The row labels under a lane's name, in order (labels are drawn in line order). */
function rowsOf(page: Page, lane: string): Promise<string[]> {
  return page.evaluate((name) => {
    const out: string[] = [];
    let inside = false;
    for (const el of document.querySelectorAll('.lane-label, .series-label, .group-label')) {
      const text = el.textContent!.trim();
      if (el.classList.contains('series-label')) {
        if (inside) out.push(text);
      } else inside = text.replace(/^[▸▾]\s*/, '').replace(/ \(all actors\)$/, '') === name;
    }
    return out;
  }, lane);
}

/** Moves the pointer onto a row of the chart, `share` of the way across the plot. */
async function hoverRow(page: Page, lane: string, row: string, share: number): Promise<void> {
  const box = await page.evaluate(
    ([laneName, rowName]) => {
      let inside = false;
      for (const el of document.querySelectorAll('.lane-label, .series-label, .group-label')) {
        const text = el.textContent!.trim().replace(/^[▸▾]\s*/, '');
        if (!el.classList.contains('series-label')) inside = text.startsWith(laneName);
        else if (inside && text === rowName) {
          const r = el.getBoundingClientRect();
          return { y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    [lane, row],
  );
  const plot = (await page.locator('.band-bg').boundingBox())!;
  await page.mouse.move(plot.x + plot.width * share, box!.y);
}

describe.runIf(hasBrowser)('timeline by topic on the bundled dataset', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    expect(errors.all()).toEqual([]);
    await close();
  });

  it("shows Vladimir Putin's topics as separately labelled rows", async () => {
    await openView(page);
    await page.getByRole('img', { name: /^Timeline of 19 statements/ }).waitFor();
    expect(await rowsOf(page, 'Vladimir Putin')).toEqual([
      'ceasefire',
      'nato-membership-ukraine',
      'russia-invasion-ukraine',
      'territorial-concessions',
      'us-responsibility',
    ]);
  });

  it('names the territory statement anywhere on the territory row', async () => {
    await openView(page);
    for (const share of [0.3, 0.9]) {
      await hoverRow(page, 'Vladimir Putin', 'territorial-concessions', share);
      const tip = page.getByRole('tooltip');
      await expect.poll(() => tip.textContent()).toContain('Topic: territorial-concessions');
      expect(await tip.textContent()).toContain(
        'flatly rules out giving up any significant territory',
      );
      expect(await tip.textContent()).toContain('Stance: strongly oppose');
    }
  });

  it('opens on autumn 2024, not on January', async () => {
    await openView(page);
    const chart = page.getByRole('img', { name: /^Timeline of/ });
    expect(await chart.getAttribute('aria-label')).toMatch(
      /Showing 2024-(09|10|11)-\d\d to 2024-12/,
    );
    // Reset zoom shows every statement, the year-only ones from 1 January included.
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/Showing 2023-12-\d\d to/);
    await expect.poll(() => page.url()).toMatch(/wfrom=2023-12-\d\d/);
  });

  it("folds Russia's actors into one lane that shows its ceasefire shift and both statements", async () => {
    await openView(page);
    await page.getByRole('button', { name: 'Russia', exact: true }).click();
    await expect.poll(() => page.url()).toContain('collapse=Russia');
    expect(await rowsOf(page, 'Russia')).toContain('ceasefire');
    // Just right of 2024-12-26, where Lavrov's statement changed Russia's state.
    await hoverRow(page, 'Russia', 'ceasefire', 0.96);
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('Sergey Lavrov');
    expect(await tip.textContent()).toContain(
      'Shift: Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) → strongly oppose (Sergey Lavrov, 2024-12-26)',
    );
  });

  it("marks on Lavrov's ceasefire row that his statement moved Russia, without folding", async () => {
    await openView(page);
    await hoverRow(page, 'Sergey Lavrov', 'ceasefire', 0.96);
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('Moved Russia: Russia on ceasefire');
    expect(await tip.textContent()).toContain('strongly oppose (Sergey Lavrov, 2024-12-26)');
  });

  it('sorts the lanes by their latest shift, in the URL', async () => {
    await openView(page);
    await page.getByRole('combobox', { name: 'Sort lanes' }).selectOption('shift');
    await expect.poll(() => page.url()).toContain('sort=shift');
  });
});
