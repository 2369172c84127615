import { afterEach, describe, expect, it } from 'vitest';
import { baseURL, collectPageErrors, hasBrowser, launchFresh } from './browser';

describe.runIf(hasBrowser)('the built app in Chromium', () => {
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('opens as "Stance timeline", draws the app and raises no errors', async () => {
    const fresh = await launchFresh();
    close = fresh.close;
    const page = await fresh.context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(baseURL(), { waitUntil: 'load' });
    await expect.poll(() => page.title()).toBe('Stance timeline');
    // Svelte mounts into #app: an empty #app means the bundle failed before drawing anything.
    await page.locator('#app > *').first().waitFor({ state: 'attached', timeout: 15_000 });
    // Late errors (a failing effect, a worker that cannot load) surface once the page settles.
    await page.waitForLoadState('networkidle');

    expect(errors.all()).toEqual([]);
  });

  it('loads everything from its own origin and sends nothing elsewhere', async () => {
    const fresh = await launchFresh();
    close = fresh.close;
    const page = await fresh.context.newPage();
    const origin = new URL(baseURL()).origin;
    const foreign: string[] = [];
    // On the context, not the page, so requests from workers count too.
    fresh.context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') {
        foreign.push(request.url());
      }
    });

    await page.goto(baseURL(), { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');

    expect(foreign).toEqual([]);
  });
});
