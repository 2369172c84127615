import { SCHEMA_VERSIONS } from '../../src/db/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, collectPageErrors, freshContext, hasBrowser, launch } from './browser';
import { expectShowing } from './views-helpers';

/**
 * Data stored by the first release (schema version 1: each chunk's text columns as lists of
 * strings) opens in this one (version 2: packed text) in real Chromium, with every statement and
 * its text. The old database is written with the raw IndexedDB API exactly as Dexie laid it out
 * (Dexie stores version N as IndexedDB version N * 10), before the app first runs.
 */
const QUOTES = ['«Перемирие ведёт в никуда»', 'We are ready for talks.', ''];

async function writeFirstRelease(page: Page): Promise<void> {
  await page.evaluate(
    (quotes) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('stance-timeline', 10);
        open.onupgradeneeded = () => {
          const idb = open.result;
          const datasets = idb.createObjectStore('datasets', { keyPath: 'id' });
          datasets.createIndex('status', 'status');
          datasets.createIndex('importedAt', 'importedAt');
          const chunks = idb.createObjectStore('chunks', { keyPath: ['datasetId', 'chunk'] });
          chunks.createIndex('datasetId', 'datasetId');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(['datasets', 'chunks'], 'readwrite');
          tx.objectStore('datasets').add({
            id: 'v1-data',
            name: 'Stored before the upgrade',
            sourceFile: 'old.csv',
            format: 'native',
            rule: 'native columns',
            importedAt: '2026-11-01T10:00:00.000Z',
            status: 'ready',
            rowCount: 3,
            statementCount: 3,
            duplicateCount: 0,
            rejectedCount: 0,
            chunkCount: 1,
            actors: ['Sergey Lavrov', 'Volodymyr Zelenskiy'],
            affiliations: ['Russia', 'Ukraine'],
            topics: ['ceasefire', 'talks'],
            minDay: 20083,
            maxDay: 20085,
            fingerprint: 'v1fp',
            bundled: false,
          });
          tx.objectStore('chunks').add({
            datasetId: 'v1-data',
            chunk: 0,
            count: 3,
            day: Int32Array.of(20083, 20084, 20085),
            precision: Uint8Array.of(0, 0, 0),
            stance: Int8Array.of(-2, 1, 0),
            flags: Uint8Array.of(0, 0, 0),
            actor: Uint32Array.of(0, 1, 1),
            affiliation: Uint32Array.of(0, 1, 1),
            topic: Uint32Array.of(0, 1, 0),
            confidence: Float32Array.of(0.9, 0.8, NaN),
            line: Uint32Array.of(2, 3, 4),
            text: {
              id: ['old-1', 'old-2', 'old-3'],
              conditions: ['', '', ''],
              quote: quotes,
              summary: ['', '', 'Zelenskiy gave no view on a truce.'],
              target: ['', '', ''],
              source: ['TASS', 'Reuters', 'Reuters'],
              url: ['https://tass.com/', 'https://www.reuters.com/', ''],
              reportedVia: ['', '', ''],
            },
          });
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    QUOTES,
  );
}

describe.runIf(hasBrowser)('data stored by the first release', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens after the upgrade with every statement, its text and its search', async () => {
    const context = await freshContext(browser);
    const page = await context.newPage();
    // Any page of the origin that does not run the app: the database must exist first.
    await page.goto(new URL('manifest.webmanifest', baseURL()).href);
    await writeFirstRelease(page);

    const errors = collectPageErrors(page);
    await page.goto(baseURL());
    await expectShowing(page, 3);

    await page.getByRole('tab', { name: 'Statements' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText(QUOTES[0]).waitFor();
    await panel.getByText(QUOTES[1]).waitFor();
    await panel.getByText('Zelenskiy gave no view on a truce.').waitFor();

    await page.getByRole('searchbox', { name: 'Search' }).fill('перемирие');
    await expectShowing(page, 1, 3);
    expect(await panel.getByText(QUOTES[1]).count()).toBe(0);

    const version = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('stance-timeline');
          open.onsuccess = () => {
            resolve(open.result.version);
            open.result.close();
          };
        }),
    );
    // Dexie opens schema version v as IndexedDB version 10 v.
    expect(version).toBe(SCHEMA_VERSIONS.at(-1)!.version * 10);
    expect(errors.all()).toEqual([]);
    await context.close();
  });
});
