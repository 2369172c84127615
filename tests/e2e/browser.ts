/**
 * Helpers for driving the built app in real Chromium (playwright-core, no bundled browser).
 *
 * Tests wrap themselves in `describe.runIf(hasBrowser)`: that is the only skip allowed, and it
 * happens only outside CI, after global-setup printed a loud warning. In CI a missing browser
 * fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** The Chromium executable found by global-setup, or null. */
export const chromiumPath: string | null = inject('chromium');

/** False only outside CI with no Chromium installed. */
export const hasBrowser = chromiumPath !== null;

/** Root URL of the preview server, ending in `/`: `http://127.0.0.1:41234/`. */
export function baseURL(): string {
  return inject('baseURL');
}

// Flags for a quiet, reproducible headless run, shared with the benchmark.
export { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

function executable(): string {
  if (chromiumPath === null) {
    throw new Error('No Chromium: wrap browser tests in describe.runIf(hasBrowser).');
  }
  return chromiumPath;
}

/** Context defaults: relative `page.goto('./')` resolves against the preview server, UTC. */
function contextOptions(): BrowserContextOptions {
  return { baseURL: baseURL(), timezoneId: 'UTC', locale: 'en-GB', acceptDownloads: true };
}

/** Launch a headless Chromium; close it in `afterAll`. */
export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: executable(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new incognito-like context of a running browser: its own cookies, storage and IndexedDB,
 * cheap enough for one per test.
 */
export async function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext(contextOptions());
}

/**
 * A browser with a brand-new user data directory (a first visit, as a real profile on disk would
 * see it, e.g. for persistence across reloads); `close()` shuts it down and deletes the directory.
 */
export async function launchFresh(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executable(),
      headless: true,
      args: CHROMIUM_ARGS,
      ...contextOptions(),
    });
    return {
      context,
      close: async () => {
        await context.close();
        fs.rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/** What went wrong on a page, as readable lines for `expect(errors.all()).toEqual([])`. */
export interface PageErrors {
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** `console.error` calls and browser-logged errors (CSP violations, failed loads). */
  consoleErrors: string[];
  /** `alert`/`confirm`/`prompt`/`beforeunload` dialogs, each dismissed. */
  dialogs: string[];
  /** Everything above, each line prefixed with its kind: `pageerror: x is undefined`. */
  all(): string[];
}

/**
 * Start recording a page's errors and dialogs. Dialogs are dismissed so a stray `confirm` cannot
 * hang a test; the app is expected not to raise any unasked.
 */
export function collectPageErrors(page: Page): PageErrors {
  const errors: PageErrors = {
    pageErrors: [],
    consoleErrors: [],
    dialogs: [],
    all: () => [
      ...errors.pageErrors.map((m) => `pageerror: ${m}`),
      ...errors.consoleErrors.map((m) => `console.error: ${m}`),
      ...errors.dialogs.map((m) => `dialog: ${m}`),
    ],
  };
  page.on('pageerror', (err) => errors.pageErrors.push(err.stack ?? err.message));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url, lineNumber } = msg.location();
    // Chromium fetches /favicon.ico by itself when the page names no icon; its 404 is not the
    // app's error.
    if (url && new URL(url).pathname.endsWith('/favicon.ico')) return;
    errors.consoleErrors.push(url ? `${msg.text()} (${url}:${lineNumber})` : msg.text());
  });
  page.on('dialog', (dialog) => {
    errors.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {
      // The page may already be gone; nothing left to dismiss.
    });
  });
  page.on('crash', () => errors.pageErrors.push('the page crashed'));
  return errors;
}
