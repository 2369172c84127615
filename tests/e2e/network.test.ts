import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

/**
 * Nothing sent anywhere: every request of a whole session (first visit, import, every tab, the
 * evidence panel, CSV export, Copy link, a portable link opened in a second, empty browser) is
 * recorded and must stay on the preview server's origin; and the built index.html carries a
 * Content-Security-Policy that keeps scripts, styles, workers and connections on 'self'.
 * (smoke.test.ts checks the first visit alone.)
 */
const ROOT = path.resolve(__dirname, '../..');

/**
 * The policy of a `<meta http-equiv="Content-Security-Policy">` as directive -> sources.
 * `parsePolicy("default-src 'self'; img-src 'self' data:")` ->
 * `{ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] }`.
 */
function parsePolicy(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources;
  }
  return out;
}

/** The CSP meta of an HTML file, or null. */
function metaPolicy(html: string): string | null {
  const meta = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  return meta ? (/content=(["'])(.*?)\1/is.exec(meta)?.[2] ?? null) : null;
}

describe('the Content-Security-Policy of the built index.html', () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const policy = parsePolicy(metaPolicy(html) ?? '');

  /** Sources that load or run nothing from another origin. */
  const LOCAL = new Set(["'self'", "'none'", 'data:', 'blob:']);

  it('is there, as a meta tag in the head', () => {
    expect(metaPolicy(html)).not.toBeNull();
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it("runs only the app's own script files: script-src is 'self' alone", () => {
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
  });

  it.each([
    ['style-src', ["'unsafe-inline'"]],
    ['connect-src', []],
    ['worker-src', []],
    ['img-src', []],
  ])('keeps %s on this origin (no hosts, no http:, no wildcard)', (directive, extra) => {
    const sources = policy[directive];
    expect(sources).toContain("'self'");
    const foreign = sources.filter((s) => !LOCAL.has(s) && !extra.includes(s));
    expect(foreign).toEqual([]);
  });

  it('forbids plugins, a <base> and form posts', () => {
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
  });

  it.each([
    ["default-src 'self'; script-src 'self' https://cdn.example", 'script-src'],
    ["default-src 'self'; connect-src *", 'connect-src'],
  ])('would catch a policy that lets scripts or connections out: %s', (bad, directive) => {
    const sources = parsePolicy(bad)[directive];
    expect(sources.filter((s) => !LOCAL.has(s))).not.toEqual([]);
  });
});

describe.runIf(hasBrowser)('a whole session in Chromium sends nothing off the origin', () => {
  const origin = () => new URL(baseURL()).origin;
  const requests: string[] = [];
  const foreign: string[] = [];
  const sessions: { context: BrowserContext; close: () => Promise<void> }[] = [];
  let page: Page;
  let portable = '';

  /** A fresh browser whose every request, from pages, workers and the service worker, is kept. */
  async function browser(): Promise<BrowserContext> {
    const fresh = await launchFresh();
    sessions.push(fresh);
    await fresh.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: origin(),
    });
    fresh.context.on('request', (r) => {
      requests.push(r.url());
      const url = new URL(r.url());
      if (url.origin !== origin() && url.protocol !== 'data:' && url.protocol !== 'blob:') {
        foreign.push(r.url());
      }
    });
    return fresh.context;
  }

  const clipboard = (p: Page) => p.evaluate(() => navigator.clipboard.readText());

  beforeAll(async () => {
    page = await (await browser()).newPage();
  });

  afterAll(async () => {
    console.log(
      `network: ${requests.length} requests in the session, ${foreign.length} left the origin`,
    );
    for (const s of sessions) await s.close();
  });

  it('first visit: loads the bundled example', async () => {
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  it('imports a CSV file', async () => {
    await importFile(page, path.join(ROOT, 'tests/fixtures/clean.csv'), { close: true });
    await expectShowing(page, SEED_ROWS + 12);
  });

  it('opens every tab and the evidence of a statement', async () => {
    for (const tab of ['Timeline', 'Matrix', 'Agreement', 'Statements']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').waitFor();
    }
    await page.getByRole('tabpanel').locator('td button').first().click();
    await page.getByRole('complementary', { name: 'Evidence' }).waitFor();
  });

  it('exports the statements as CSV (a download made in the page)', async () => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Statements as CSV' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/date/);
    expect(new URL(download.url()).protocol).toMatch(/^(blob|data):$/);
  });

  it('copies a link to the view, on this origin', async () => {
    await page.getByRole('button', { name: 'Copy link', exact: true }).click();
    await page.getByText('Link copied').waitFor();
    expect(new URL(await clipboard(page)).origin).toBe(origin());
  });

  it('opens a portable link in a browser that has never seen the data', async () => {
    await page.getByRole('button', { name: 'Copy portable link' }).click();
    await page.getByText(/Portable link with \d+ statements? copied/).waitFor();
    portable = await clipboard(page);
    expect(portable).toContain('#d=');

    const other = await (await browser()).newPage();
    await other.goto(portable);
    await other.getByRole('button', { name: 'Import statements' }).click();
    await expectShowing(other, SEED_ROWS + 12);
    await other.waitForLoadState('networkidle');
  });

  it('recorded requests, and none left the origin', async () => {
    await page.waitForLoadState('networkidle');
    // The recorder works: the app's own files were seen.
    expect(requests.some((u) => u.startsWith(origin()) && /\.js$/.test(u))).toBe(true);
    expect(foreign).toEqual([]);
  });

  it('is held to its origin by the browser too: a fetch elsewhere is refused by the CSP', async () => {
    const errors = collectPageErrors(page);
    const outcome = await page.evaluate(() =>
      fetch('https://example.org/beacon', { mode: 'no-cors' }).then(
        () => 'sent',
        (e: Error) => `refused: ${e.name}`,
      ),
    );
    expect(outcome).toBe('refused: TypeError');
    await expect
      .poll(() => errors.consoleErrors.join('\n'))
      .toMatch(/violates the following Content Security Policy directive: "connect-src/);
    expect(foreign).toEqual([]);
  });
});
