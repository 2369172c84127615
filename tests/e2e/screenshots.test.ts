/**
 * The README's pictures, taken from the real page: each view in the light and the dark theme at
 * 1280x800 (issue 3, issue 8). The walk checks that every view draws without an error and without
 * sideways scrolling, and compares each picture with the stored
 * `docs/screenshots/<view>-<theme>.png` (a one-pixel shift and anti-aliasing pass, a changed mark
 * or colour does not: image-diff.ts). `npm run test:update-snapshots` rewrites them.
 *
 * Also here: the layout check at the smallest supported widths (1024 px, a tablet in landscape).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, freshContext, hasBrowser, launch } from './browser';
import { diffPixels, MAX_DIFF_RATIO, type Diff } from './image-diff';
import { openView, setTheme, TABS, type Theme } from './views-helpers';

const OUT_DIR = path.resolve(__dirname, '../../docs/screenshots');
const WRITE = process.env.UPDATE_SCREENSHOTS === '1';

/**
 * Compares a screenshot with the stored one in a blank page of the context (the browser decodes
 * both PNGs; the page has no Content-Security-Policy, so the comparison's source can run there).
 */
async function compareWithStored(context: BrowserContext, png: Buffer, file: string) {
  const blank = await context.newPage();
  try {
    return await blank.evaluate(
      async ({ a, b, src }) => {
        const decode = async (b64: string) => {
          const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
          const bitmap = await createImageBitmap(blob);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const g = canvas.getContext('2d')!;
          g.drawImage(bitmap, 0, 0);
          return g.getImageData(0, 0, bitmap.width, bitmap.height);
        };
        const diff = new Function(`return (${src})`)() as (x: ImageData, y: ImageData) => Diff;
        return diff(await decode(a), await decode(b));
      },
      {
        a: png.toString('base64'),
        b: fs.readFileSync(file).toString('base64'),
        src: diffPixels.toString(),
      },
    );
  } finally {
    await blank.close();
  }
}

/** One picture: where it starts and what must be on screen before it is taken. */
interface Shot {
  name: string;
  query: string;
  ready: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  {
    name: 'timeline',
    query: '',
    ready: async (page) => {
      await page.getByRole('img', { name: /^Timeline of \d+ statements/ }).waitFor();
      // The chart at the top of the window (the filters above it take half the height), and the
      // pointer on Putin's territory row: the tooltip names the statement behind the band.
      await page.getByRole('tablist').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const row = page.locator('.series-label', { hasText: 'territorial-concessions' });
      const box = (await row.boundingBox())!;
      const plot = (await page.locator('.band-bg').boundingBox())!;
      await page.mouse.move(plot.x + plot.width * 0.45, box.y + box.height / 2);
      await page.getByRole('tooltip').waitFor();
    },
  },
  {
    name: 'shifts',
    query: 'view=shifts',
    ready: async (page) => {
      // Russia's ceasefire move, both statements on screen under the filters.
      await page.getByRole('tabpanel').getByText('A truce leads to nowhere').first().waitFor();
      await page.getByRole('tablist').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    },
  },
  {
    name: 'matrix',
    query: 'view=matrix&asOf=2024-12-31&cmp=2024-11-30',
    ready: async (page) => {
      // The shift the article reports: Russia on a ceasefire, between the two dates.
      await page.getByRole('gridcell', { name: /^Sergey Lavrov on ceasefire:/ }).waitFor();
    },
  },
  {
    name: 'agreement',
    query: 'view=agreement',
    ready: async (page) => {
      await page.getByRole('list', { name: 'Blocs' }).waitFor();
    },
  },
  {
    name: 'statements',
    query: 'view=statements',
    ready: async (page) => {
      await page.getByRole('tabpanel').getByText('A truce leads to nowhere').first().waitFor();
    },
  },
  {
    name: 'evidence',
    query: 'view=matrix&asOf=2024-12-31&cmp=2024-11-30',
    ready: async (page) => {
      // Reached as a user does: a click on the cell opens its evidence.
      await page.getByRole('gridcell', { name: /^Sergey Lavrov on ceasefire:/ }).click();
      const panel = page.getByRole('complementary', { name: 'Evidence' });
      await panel.getByText('A truce leads to nowhere').waitFor();
    },
  },
];

const THEMES: Theme[] = ['light', 'dark'];

/** How far the page scrolls sideways (0 when it fits the window). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.runIf(hasBrowser)('screenshots of every view, in both themes', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
    if (WRITE) fs.mkdirSync(OUT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(THEMES.flatMap((theme) => SHOTS.map((shot) => ({ theme, shot, name: shot.name }))))(
    'draws $name in the $theme theme at 1280x800',
    async ({ theme, shot }) => {
      const context = await freshContext(browser);
      try {
        const page = await context.newPage();
        await page.setViewportSize({ width: 1280, height: 800 });
        const errors = collectPageErrors(page);
        await openView(page, shot.query);
        await setTheme(page, theme);
        await shot.ready(page);
        // Canvas redraws on the theme change and fonts settle after a frame or two.
        await page.waitForTimeout(400);
        expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
        expect(errors.all()).toEqual([]);
        // Focus rings would show where the test happened to leave the focus: not in a picture.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const png = await page.screenshot();
        const file = path.join(OUT_DIR, `${shot.name}-${theme}.png`);
        if (WRITE) fs.writeFileSync(file, png);
        else {
          const diff = await compareWithStored(context, png, file);
          expect(diff.sameSize).toBe(true);
          expect(
            diff.ratio,
            `${diff.differing} pixels differ from docs/screenshots/${shot.name}-${theme}.png`,
          ).toBeLessThanOrEqual(MAX_DIFF_RATIO);
        }
      } finally {
        await context.close();
      }
    },
  );
});

describe.runIf(hasBrowser)('layout at the smallest supported sizes', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const SIZES = [
    { width: 1024, height: 768 },
    { width: 1366, height: 1024 },
  ];

  it.each(SIZES)(
    'fits every tab into $width x $height without sideways scrolling',
    async (size) => {
      const context = await freshContext(browser);
      try {
        const page = await context.newPage();
        await page.setViewportSize(size);
        const errors = collectPageErrors(page);
        const overflow: Record<string, number> = {};
        for (const tab of TABS) {
          await openView(page, `view=${tab.toLowerCase()}&asOf=2024-12-31&cmp=2024-11-30`);
          overflow[tab] = await sidewaysOverflow(page);
          // And with the evidence panel beside (or, when narrow, below) the view.
          await openView(page, `view=${tab.toLowerCase()}&sel=seed-017`);
          await page.getByRole('complementary', { name: 'Evidence' }).waitFor();
          overflow[`${tab} with evidence`] = await sidewaysOverflow(page);
        }
        expect(Object.entries(overflow).filter(([, px]) => px > 0)).toEqual([]);
        expect(errors.all()).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('shows the Timeline legend and its first lanes on the first screen at 1024 x 768', async () => {
    const context = await freshContext(browser);
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1024, height: 768 });
      await openView(page, 'view=timeline');
      // The facets start folded there; the button unfolds them.
      const toggle = page.getByRole('button', { name: 'Show facets' });
      await toggle.waitFor();
      const bottomOf = async (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => el.getBoundingClientRect().bottom);
      expect(await bottomOf('ul.legend')).toBeLessThan(768);
      // The chart's first lane: the first row label under the canvas's header.
      const firstLane = page.getByText('us-responsibility', { exact: true }).first();
      expect(await firstLane.evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(768);
      await toggle.click();
      await page.getByRole('button', { name: 'Hide facets' }).waitFor();
      await page
        .getByRole('searchbox', { name: /Actors/ })
        .or(page.getByPlaceholder('Find actor…'))
        .first()
        .waitFor();
    } finally {
      await context.close();
    }
  });
});
