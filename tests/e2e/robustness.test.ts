import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { importFile, startBigImport, storedData } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { expectShowing, SEED_ROWS } from './views-helpers';

/**
 * Nothing lost: imports interrupted by a reload, a closed tab and Cancel; two tabs on the same
 * data; an upgrade while an old tab is open; backup and restore. Real Chromium, real IndexedDB,
 * the real import worker.
 */
const FIXTURES = path.resolve(__dirname, '../fixtures');
const BIG_ROWS = 200_000;

/** The names in the Datasets manager's table, then closes it. */
async function managerNames(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Datasets', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Datasets' });
  await dialog.waitFor();
  const names = await dialog.locator('tbody tr td:first-child').allTextContents();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return names.map((n) => n.trim());
}

/**
 * Starts importing the big file, waits until two 10 000-row batches were read, and then until
 * something partial is on disk.
 */
async function startPartialImport(page: Page, file: string): Promise<void> {
  await startBigImport(page, file, { rows: BIG_ROWS, timeout: 60_000 });
  // Something partial is on disk now: the `importing` dataset row and some of its chunks, so
  // what follows has something to clean up.
  await expect
    .poll(
      async () => {
        const { datasets, chunkOwners } = await storedData(page);
        return datasets.some((d) => d.status === 'importing' && chunkOwners.includes(d.id));
      },
      { timeout: 30_000, interval: 50 },
    )
    .toBe(true);
}

/**
 * Everything stored is ready, and every chunk belongs to a stored dataset. Polled for a few
 * seconds: right after a reload the dead import's worker may still hold its lock, and the new
 * page removes its leftovers as soon as it lets go (src/db/store.ts `cleanupInterrupted`).
 */
async function expectNothingPartial(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const { datasets, chunkOwners } = await storedData(page);
        return {
          notReady: datasets.filter((d) => d.status !== 'ready'),
          orphanChunks: chunkOwners.filter((id) => !datasets.some((d) => d.id === id)),
        };
      },
      { timeout: 10_000 },
    )
    .toEqual({ notReady: [], orphanChunks: [] });
  const { datasets, chunkOwners } = await storedData(page);
  expect(chunkOwners.sort()).toEqual(datasets.map((d) => d.id).sort());
}

let dir: string;
let big: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-robust-'));
  big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, generateCsv({ rows: BIG_ROWS, seed: 5 }));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(hasBrowser)('interrupted imports in Chromium', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;
  let survived = 0;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  afterAll(async () => {
    console.log(`robustness: ${survived} interrupted 200k-row imports survived`);
    await close?.();
  });

  it('keeps only the earlier data after a reload in the middle of a 200k-row import', async () => {
    await startPartialImport(page, big);

    await page.reload();

    await expectShowing(page, SEED_ROWS);
    expect(await managerNames(page)).toEqual([expect.stringMatching(/example/)]);
    await expectNothingPartial(page);
    survived++;
  });

  it('keeps only the earlier data when the importing tab is closed', async () => {
    const other = await context.newPage();
    await other.goto(baseURL());
    await expectShowing(other, SEED_ROWS);
    await startPartialImport(other, big);

    await other.close();
    await page.reload();

    await expectShowing(page, SEED_ROWS);
    expect(await managerNames(page)).toEqual([expect.stringMatching(/example/)]);
    await expectNothingPartial(page);
    survived++;
  });

  it('keeps only the earlier data after Cancel, and after the next start', async () => {
    await startPartialImport(page, big);

    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor({ state: 'detached' });
    await expectShowing(page, SEED_ROWS);
    await expect
      .poll(async () => (await storedData(page)).datasets.length, { timeout: 15_000 })
      .toBe(1);
    await page.reload();
    await expectShowing(page, SEED_ROWS);
    await expectNothingPartial(page);
    survived++;
  });

  it('imports a file normally afterwards', async () => {
    expect(await importFile(page, path.join(FIXTURES, 'clean.csv'), { close: true })).toEqual([
      '12 statements added',
      '0 duplicates skipped',
      '0 rows rejected',
    ]);
    await expectShowing(page, SEED_ROWS + 12);
    expect(await managerNames(page)).toEqual(
      expect.arrayContaining(['clean', expect.stringMatching(/example/)]),
    );
  });

  it('raised no page errors on the way', () => {
    expect(errors.all()).toEqual([]);
  });
});

describe.runIf(hasBrowser)('several tabs on the same data', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
  });

  afterAll(async () => {
    await close?.();
  });

  let a: Page;
  let b: Page;

  it('shows a dataset imported in one tab in the other tab that is viewing', async () => {
    a = await context.newPage();
    await a.goto(baseURL());
    await expectShowing(a, SEED_ROWS);
    b = await context.newPage();
    await b.goto(baseURL());
    await expectShowing(b, SEED_ROWS);
    await b.getByRole('tab', { name: 'Statements' }).click();

    expect(await importFile(a, path.join(FIXTURES, 'messy.csv'), { close: true })).toEqual([
      '6 statements added',
      '0 duplicates skipped',
      '1 row rejected',
    ]);

    // B never reloaded: the change reached it over the BroadcastChannel.
    await expectShowing(b, SEED_ROWS + 6);
    await b.getByRole('tabpanel').getByText('«Перемирие ведёт в никуда»').waitFor();
    const names = await managerNames(b);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(['messy', expect.stringMatching(/example/)]));
  });

  it('never blocks an upgrade from a newer tab: the old tab lets go and asks for a reload', async () => {
    const errorsA = collectPageErrors(a);
    await expectShowing(a, SEED_ROWS + 6);

    // A newer release in tab B opens the database one version up, with the raw API.
    const result = await b.evaluate(
      () =>
        new Promise<{ blocked: boolean; opened: number }>((resolve, reject) => {
          const probe = indexedDB.open('stance-timeline');
          probe.onerror = () => reject(probe.error);
          probe.onsuccess = () => {
            const current = probe.result.version;
            probe.result.close();
            let blocked = false;
            const up = indexedDB.open('stance-timeline', current + 1);
            up.onblocked = () => (blocked = true);
            up.onupgradeneeded = () => up.result.createObjectStore('notes', { keyPath: 'id' });
            up.onerror = () => reject(up.error);
            up.onsuccess = () => {
              const opened = up.result.version;
              up.result.close();
              resolve({ blocked, opened });
            };
          };
        }),
    );

    expect(result.blocked).toBe(false);
    expect(result.opened).toBeGreaterThan(1);
    const banner = a.getByRole('alert').filter({ hasText: 'This app was updated in another tab' });
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Reload this tab to continue.');
    await banner.getByRole('button', { name: 'Reload' }).waitFor();
    expect(errorsA.pageErrors).toEqual([]);
  });
});

describe.runIf(hasBrowser)('persistent storage, backup and restore in Chromium', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    await page.goto(baseURL());
    await expectShowing(page, SEED_ROWS);
  });

  afterAll(async () => {
    await close?.();
  });

  it('asks for persistent storage at start and says in the Datasets manager what was granted', async () => {
    const granted = await page.evaluate(() => navigator.storage.persisted());
    await page.getByRole('button', { name: 'Datasets', exact: true }).click();
    const storage = page.getByRole('dialog', { name: 'Datasets' });
    const line = granted
      ? 'The browser has agreed to keep this data (persistent storage).'
      : 'The browser may clear this data when the disk runs low; keep a backup.';
    await storage.getByText(line).waitFor();
    await page
      .getByRole('dialog', { name: 'Datasets' })
      .getByRole('button', { name: 'Close', exact: true })
      .click();
  });

  it('backs up every dataset to one file and restores the same statements after deletion', async () => {
    await importFile(page, path.join(FIXTURES, 'clean.csv'), { close: true });
    await expectShowing(page, SEED_ROWS + 12);
    const before = (await storedData(page)).datasets.map((d) => d.id).sort();

    await page.getByRole('button', { name: 'Datasets', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Datasets' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Back up all datasets' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^stance-timeline-backup-.*\.json\.gz$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);

    await dialog.getByRole('button', { name: 'Delete clean' }).click();
    await expectShowing(page, SEED_ROWS);
    await dialog.getByRole('button', { name: /^Delete .*example/ }).click();
    await dialog.getByText('No datasets stored in this browser.').waitFor();

    await dialog.getByLabel('Restore from backup').setInputFiles(file);

    await dialog.getByText(`Restored 2 datasets (${SEED_ROWS + 12} statements).`).waitFor();
    await expectShowing(page, SEED_ROWS + 12);
    expect((await storedData(page)).datasets.map((d) => d.id).sort()).toEqual(before);
    await expectNothingPartial(page);
  });
});
