/**
 * Offline (issue 8): after one visit with the network, the service worker has precached the built
 * files, so the app reloads with the network cut, shows the data stored in the browser and still
 * imports a file (the parser's worker comes from the cache too). The web app manifest is linked
 * and complete, so the browser offers to install the app.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choose, importChosen, importReport } from './app-helpers';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, openView, SEED_ROWS, writeSmallCsv } from './views-helpers';

/** Waits until the service worker is active and controls the page, reloading once if needed. */
async function untilControlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The worker does not claim the page that registered it: the next load is the controlled one.
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await expectShowing(page, SEED_ROWS);
  }
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

describe.runIf(hasBrowser)('offline after the first visit', () => {
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
    await context.setOffline(false);
    // The one failed load this test causes on purpose is its own probe of the network.
    const seen = errors.all().filter((line) => !line.includes('/not-cached-'));
    await close();
    expect(seen).toEqual([]);
  });

  it('reloads without a network, shows the stored statements and imports a file', async () => {
    await openView(page);
    await untilControlled(page);

    await context.setOffline(true);
    // The network really is gone: a file the worker has not cached cannot be fetched.
    const uncached = await page.evaluate(() =>
      fetch(`./not-cached-${Date.now()}.txt`).then(
        (r) => `status ${r.status}`,
        () => 'failed',
      ),
    );
    expect(uncached).toBe('failed');

    await page.reload();
    await expectShowing(page, SEED_ROWS);
    await page.getByRole('tab', { name: 'Timeline' }).waitFor();
    await page.getByRole('tab', { name: 'Matrix' }).click();
    await page.getByRole('gridcell', { name: /^Sergey Lavrov on ceasefire:/ }).waitFor();

    const csv = writeSmallCsv();
    await choose(page, csv.file);
    await importChosen(page);
    expect(await importReport(page).textContent()).toContain(`${csv.rows} statements added`);
    await expectShowing(page, SEED_ROWS + csv.rows);

    // And what was imported offline is there on the next (still offline) start.
    await page.reload();
    await expectShowing(page, SEED_ROWS + csv.rows);
  });

  it('links a web app manifest with a name, a start URL and installable icons', async () => {
    await openView(page);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifestUrl = new URL(href ?? '', page.url()).href;
    const response = await page.request.get(manifestUrl);
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.name).toBe('Stance timeline');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.display).toBe('standalone');
    // The start URL opens this app (same origin), not some other page.
    expect(new URL(manifest.start_url, manifestUrl).origin).toBe(new URL(page.url()).origin);
    // Chromium installs an app with a 192 px and a 512 px icon; both must really be PNGs.
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
      expect(icon, `a ${size} PNG icon`).toBeDefined();
      const image = await page.request.get(new URL(icon?.src ?? '', manifestUrl).href);
      expect(image.ok()).toBe(true);
      expect((await image.body()).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
