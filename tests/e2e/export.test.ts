/**
 * Export through the App in real Chromium (issue 19): on each chart view, Export -> Picture as
 * SVG and as PNG; the SVG parses and carries the title and the filter line, the PNG decodes to
 * twice the page's size. The downloaded Timeline SVG is also opened on its own page and drawn.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, freshContext, hasBrowser, launch } from './browser';

/** Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  const at = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(at) };
}

const VIEWS = [
  { view: 'timeline', tab: 'Timeline', title: 'Timeline by actor' },
  { view: 'shifts', tab: 'Shifts', title: 'Shifts, newest first' },
  { view: 'matrix', tab: 'Matrix', title: 'Matrix: stance as of 2024-12-31' },
  { view: 'agreement', tab: 'Agreement', title: 'Agreement between actors' },
];
const FILTER = 'topics=ceasefire,us-responsibility';
const FILTER_LINE = 'Filters: Topics: ceasefire, us-responsibility';

describe.runIf(hasBrowser)('Export -> picture, through the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('downloads each chart view as an SVG and a 2x PNG', async () => {
    const context = await freshContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`./?${FILTER}`);
      await page
        .getByRole('status')
        .getByText(/^Showing \d+ of \d+ statements/)
        .waitFor();
      for (const { view, tab, title } of VIEWS) {
        // Chosen as a user does: the tab, then Export.
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).waitFor();

        const svg = await download(page, 'Picture as SVG');
        expect(svg.name).toMatch(new RegExp(`^${view}-slide-\\d{4}-\\d{2}-\\d{2}\\.svg$`));
        const parsed = await page.evaluate((t) => {
          const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
          return {
            error: doc.querySelector('parsererror')?.textContent ?? null,
            texts: Array.from(doc.querySelectorAll('text'), (n) => n.textContent),
            size: [
              doc.documentElement.getAttribute('width'),
              doc.documentElement.getAttribute('height'),
            ],
          };
        }, svg.bytes.toString('utf8'));
        expect(parsed.error).toBeNull();
        expect(parsed.size).toEqual(['1600', '900']);
        expect(parsed.texts).toContain(title);
        expect(parsed.texts).toContain(FILTER_LINE);

        const png = await download(page, 'Picture as PNG (2x)');
        expect(png.name).toMatch(new RegExp(`^${view}-slide-.*\\.png$`));
        expect(pngSize(png.bytes)).toEqual({ width: 3200, height: 1800 });
      }
      expect(errors.all()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the downloaded A4 Timeline in a fresh page with its lanes and legend', async () => {
    const context = await freshContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('./');
      await page
        .getByRole('status')
        .getByText(/^Showing \d+ of \d+ statements/)
        .waitFor();
      await page.getByRole('button', { name: 'Export' }).click();
      await page.getByRole('combobox', { name: 'Picture size' }).selectOption('a4');
      await page.getByRole('button', { name: 'Export' }).click();
      const svg = await download(page, 'Picture as SVG');
      expect(svg.name).toMatch(/^timeline-a4-/);

      const viewer = await context.newPage();
      await viewer.setContent(svg.bytes.toString('utf8').replace(/^<\?xml[^>]*>/, ''));
      const box = await viewer.locator('svg').boundingBox();
      expect(box).toMatchObject({ width: 794, height: 1123 });
      for (const words of ['Sergey Lavrov', 'Western nations', 'strongly oppose']) {
        expect(await viewer.getByText(words, { exact: true }).first().isVisible()).toBe(true);
      }
      // The bands are drawn: filled paths in the stance colours under the plot.
      expect(await viewer.locator('g.marks path[fill]').count()).toBeGreaterThan(5);
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        await viewer.setViewportSize({ width: 794, height: 1123 });
        await viewer.screenshot({
          path: path.resolve(__dirname, '../../docs/screenshots/export-timeline.png'),
        });
      }
    } finally {
      await context.close();
    }
  });
});
