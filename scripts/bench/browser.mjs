/**
 * Chromium for the benchmark: the system browser through playwright-core (no bundled browser),
 * headless, with the same quiet flags as the e2e tests, plus `--expose-gc` for the heap figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS as QUIET_ARGS } from '../chromium.mjs';

const PROBE = fileURLToPath(new URL('./probe.js', import.meta.url));

/** The e2e tests' flags plus `--expose-gc`, for the heap figure. */
export const CHROMIUM_ARGS = [...QUIET_ARGS, '--js-flags=--expose-gc'];

/** Same page size, clock zone and locale on every run. */
const CONTEXT = { viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' };

/**
 * The Chromium to drive: `CHROMIUM_PATH`, else the Debian paths.
 * @returns {string}
 */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const file of candidates) {
    if (file && fs.existsSync(file)) return file;
  }
  throw new Error('No Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH.');
}

/**
 * A browser with a brand-new user data directory: a first visit, with IndexedDB on disk as a
 * real profile has it (an incognito context would keep IndexedDB in memory and flatter the
 * import). Every page gets the probe. `close()` shuts it down and deletes the directory.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
export async function freshProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      ...CONTEXT,
    });
    await context.addInitScript({ path: PROBE });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => process.stderr.write(`  page error: ${err.message}\n`));
    return {
      context,
      page,
      close: async () => {
        await context.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A plain browser for the baseline pages (they keep no state).
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** A fresh page in its own context, with the probe. */
export async function newPage(browser) {
  const context = await browser.newContext(CONTEXT);
  await context.addInitScript({ path: PROBE });
  return context.newPage();
}

/**
 * The main thread's JS heap after a full garbage collection, in bytes.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number>}
 */
export async function heapAfterGc(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}
