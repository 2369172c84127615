import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { choose, counted, importFile } from './app-helpers';
import {
  baseURL,
  collectPageErrors,
  freshContext,
  hasBrowser,
  launch,
  type PageErrors,
} from './browser';
import { encodePortable } from '../../src/url/portable';
import { expectShowing, SEED_ROWS } from './views-helpers';

/**
 * Nothing stored is lost (issue 20): a delete keeps what another dataset also holds, an undo
 * that cannot be written says so and keeps the deleted data. Real Chromium and IndexedDB.
 */
const FIXTURES = path.resolve(__dirname, '../fixtures');
let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-storage-'));
  if (hasBrowser) browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `rows` (header first) as a CSV file named `name` and returns its path. */
function csvFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const ALL = (generateCsv({ rows: 300, seed: 21 }) as string).trimEnd().split('\n');

/** Opens the Datasets dialog and returns it. */
async function openDatasets(page: Page) {
  await page.getByRole('button', { name: 'Datasets', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.waitFor();
  return dialog;
}

describe.runIf(hasBrowser)('deleting a dataset in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    context = await freshContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto('./');
    await expectShowing(page, SEED_ROWS);
  });

  afterEach(async () => {
    await context.close();
  });

  it('keeps the statements another dataset also holds: 100 rows, then 300 with them, delete the first', async () => {
    const first = csvFile('first.csv', ALL.slice(0, 101));
    const all = csvFile('all.csv', ALL);
    expect(await importFile(page, first, { close: true })).toContain('100 statements added');
    expect(await importFile(page, all, { close: true })).toContain('100 duplicates skipped');
    await expectShowing(page, SEED_ROWS + 300);

    const dialog = await openDatasets(page);
    await dialog.getByRole('button', { name: 'Delete first' }).click();

    await dialog
      .getByText('Deleted "first"; 100 statements "all" also holds stay in it.')
      .waitFor();
    await expectShowing(page, SEED_ROWS + 300);
    const row = dialog
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Delete all' }) });
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/^\s*300\b/);
    expect(errors.all()).toEqual([]);
  });

  it('keeps a deleted dataset whose Undo cannot be written, says why, and offers a backup of it', async () => {
    const dialog = await openDatasets(page);
    await dialog.getByRole('button', { name: /^Delete .*example/ }).click();
    await expectShowing(page, 0);

    // A full disk: every write of the page's store is refused, as the browser refuses it.
    await page.evaluate(() => {
      const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      store.realPut = store.put;
      store.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await dialog.getByRole('button', { name: 'Undo' }).click();

    await dialog.getByRole('alert').filter({ hasText: 'storage quota exceeded' }).waitFor();
    expect(await dialog.getByRole('alert').textContent()).toMatch(
      /^Undo failed: .*example.*is still held in this tab/,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /^Download .*example.* as a backup/ }).click(),
    ]);
    const file = path.join(dir, `deleted-${Date.now()}.json.gz`);
    await download.saveAs(file);
    await expectShowing(page, 0);

    // Space again: the same Undo button puts it back.
    await page.evaluate(() => {
      const store = IDBObjectStore.prototype as unknown as Record<string, unknown>;
      store.put = store.realPut;
    });
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await dialog.getByText('Restored.').waitFor();
    await expectShowing(page, SEED_ROWS);
    expect(await dialog.getByRole('alert').count()).toBe(0);

    // The downloaded backup holds the deleted dataset: delete it again and restore from the file.
    await dialog.getByRole('button', { name: /^Delete .*example/ }).click();
    await expectShowing(page, 0);
    await dialog.getByLabel('Restore from backup').setInputFiles(file);
    await dialog.getByText(`Restored 1 dataset (${SEED_ROWS} statements).`).waitFor();
    await expectShowing(page, SEED_ROWS);
    expect(errors.all()).toEqual([]);
  });
});

describe.runIf(hasBrowser)('a database deleted by another tab in Chromium', () => {
  it('says the stored data was closed by another tab, offers Reload, and shows no raw error', async () => {
    const context = await freshContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto('./');
      await expectShowing(page, SEED_ROWS);
      await choose(page, path.join(FIXTURES, 'clean.csv'));
      await counted(page);

      const other = await context.newPage();
      await other.goto('./');
      await expectShowing(other, SEED_ROWS);
      const outcome = await other.evaluate(
        () =>
          new Promise((resolve) => {
            const r = indexedDB.deleteDatabase('stance-timeline');
            r.onsuccess = () => resolve('deleted');
            r.onblocked = () => resolve('blocked');
            r.onerror = () => resolve('error');
          }),
      );
      expect(outcome).toBe('deleted');
      await page.getByRole('button', { name: 'Import', exact: true }).click();

      const banner = page.getByRole('alert').filter({ hasText: 'closed by another tab' });
      await banner.waitFor();
      expect((await banner.textContent())!.replace(/\s+/g, ' ')).toContain(
        'Reload this tab to continue.',
      );
      expect(await page.locator('body').innerText()).not.toMatch(
        /DatabaseClosedError|has been closed/,
      );
      expect(errors.all()).toEqual([]);

      await banner.getByRole('button', { name: 'Reload' }).click();
      await page.getByText(/Showing [\d,]+ of [\d,]+ statements/).waitFor();
      expect(
        await page.getByRole('alert').filter({ hasText: 'closed by another tab' }).count(),
      ).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe.runIf(hasBrowser)(
  'a portable link in Chromium, framed and not (issue 20, item 11)',
  () => {
    let context: BrowserContext;
    let link: string;

    beforeAll(async () => {
      const fragment = await encodePortable({
        v: 1,
        name: 'Shared view',
        rows: [
          ['id', 'date', 'actor', 'topic', 'stance'],
          ['forged-1', '2024-12-18', 'Sergey Lavrov', 'ceasefire', '2'],
        ],
      });
      link = `${baseURL()}#${fragment}`;
    });

    beforeEach(async () => {
      context = await freshContext(browser);
    });

    afterEach(async () => {
      await context.close();
    });

    it('opens the consent with the focus on Not now, so Enter imports nothing', async () => {
      const page = await context.newPage();
      await page.goto(link);
      const dialog = page.getByRole('dialog', { name: 'Import statements from this link?' });
      await dialog.waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
        .toBe('Not now');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await expectShowing(page, SEED_ROWS);
    });

    it('offers no Import when another page frames the app, and says why', async () => {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.setContent(`<iframe src="${link}" width="1000" height="700"></iframe>`);
      const frame = page.frameLocator('iframe');
      const dialog = frame.getByRole('dialog', { name: 'Import statements from this link?' });
      await dialog.waitFor();

      expect(await dialog.getByRole('button', { name: 'Import statements' }).count()).toBe(0);
      expect(await dialog.textContent()).toContain('shown inside another page (a frame)');
      expect(errors.pageErrors).toEqual([]);
    });
  },
);

/**
 * Serves a copy of the built app from `root` on a free port: a test can then deploy a new
 * build (change sw.js) under an open tab.
 */
async function serveCopy(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.csv': 'text/csv',
    '.webmanifest': 'application/manifest+json',
  };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, name === '/' ? 'index.html' : name);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.runIf(hasBrowser)('a deployed update in Chromium (issue 20, item 10)', () => {
  it('reaches an open tab: "A new version is available", Reload applies it', async () => {
    const root = path.join(dir, 'deployed');
    fs.cpSync(path.resolve(__dirname, '../../dist'), root, { recursive: true });
    const served = await serveCopy(root);
    const context = await freshContext(browser);
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(served.url);
      await expectShowing(page, SEED_ROWS);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      // The next visit is controlled by the worker (the first was loaded before it existed).
      await page.reload();
      await expectShowing(page, SEED_ROWS);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await page.getByText('A new version is available.').count()).toBe(0);

      // A new build is deployed: its service worker differs.
      fs.appendFileSync(path.join(root, 'sw.js'), '\n// build 2\n');
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });
      const banner = page.getByRole('status').filter({ hasText: 'A new version is available.' });
      await banner.waitFor();

      await Promise.all([
        page.waitForEvent('framenavigated'),
        banner.getByRole('button', { name: 'Reload' }).click(),
      ]);
      await expectShowing(page, SEED_ROWS);
      const running = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const script = await (await fetch('./sw.js', { cache: 'no-store' })).text();
        return {
          waiting: registration?.waiting !== null,
          active: registration?.active?.state,
          controlled: navigator.serviceWorker.controller !== null,
          build2: script.includes('// build 2'),
        };
      });
      expect(running).toEqual({
        waiting: false,
        active: 'activated',
        controlled: true,
        build2: true,
      });
      expect(await page.getByText('A new version is available.').count()).toBe(0);
      expect(errors.pageErrors).toEqual([]);
    } finally {
      await context.close();
      await served.close();
    }
  });
});
