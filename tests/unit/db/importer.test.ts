// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StanceDB } from '../../../src/db/db';
import { StorageFullError, type ImportHooks } from '../../../src/ingest/importer';
import type { ImportReport } from '../../../src/ingest/protocol';
import {
  cleanupInterrupted,
  datasetChunks,
  importLockName,
  readyDatasets,
} from '../../../src/db/store';
import type { StatementRecord } from '../../../src/domain/types';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import { buildCache, cacheFromRecords, recordsToPart } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';
import { rec } from '../query/helpers';
import { asAsync, fixtureBytes, fixtureText, type Fixture } from '../ingest/helpers';
import { importFixture as importInto, seen } from './helpers';

let database: StanceDB;

beforeEach(() => {
  database = new StanceDB(`test-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await database.delete();
});

/** Imports a fixture into this test's database (see `importFixture` in ./helpers). */
function importFixture(name: Fixture, hooks: ImportHooks = {}): Promise<ImportReport> {
  return importInto(database, name, hooks);
}

/** The records the pure pipeline makes of a fixture, without any store. */
async function fixtureRecords(name: Fixture): Promise<StatementRecord[]> {
  const preview = previewText(fixtureText(name));
  const records: StatementRecord[] = [];
  await importRows(
    decodeChunks(asAsync([fixtureBytes(name)])),
    { delimiter: preview.delimiter, newline: preview.newline, mapping: preview.mapping },
    { batch: (batch) => void records.push(...batch) },
  );
  return records;
}

/** Each cached statement as a user sees it: names instead of codes, in cache order. */
function statements(cache: ColumnCache) {
  return Array.from({ length: cache.n }, (_, i) => ({
    ...seen(cache, i),
    end: cache.end[i],
    summary: cache.text.get('summary', i),
  }));
}

/** Everything the store holds, ready or not. */
async function contents() {
  return {
    datasets: await database.datasets.toArray(),
    chunks: await database.chunks.count(),
  };
}

/**
 * Wraps `chunks.add`: `around(call, store)` runs for each call (numbered from 1) and decides
 * whether and when `store()` writes the chunk.
 */
function interceptChunkAdd(
  around: (call: number, store: () => Promise<[string, number]>) => Promise<[string, number]>,
) {
  const table = database.chunks;
  const original = table.add.bind(table);
  let calls = 0;
  return vi
    .spyOn(table, 'add')
    .mockImplementation(
      (...args: Parameters<typeof table.add>) =>
        around(++calls, () => original(...args)) as ReturnType<typeof table.add>,
    );
}

/** Makes the `n`-th `chunks.add` call (1-based) throw `error`; the others store as usual. */
function failNthChunkAdd(n: number, error: () => unknown) {
  return interceptChunkAdd((call, store) => (call === n ? Promise.reject(error()) : store()));
}

describe('importIntoDb', () => {
  it('stores clean.csv as one ready dataset with its counts and dictionaries', async () => {
    const report = await importFixture('clean.csv');

    expect(report.summary).toMatchObject({ rowsRead: 12, added: 12, duplicates: 0, rejected: 0 });
    const datasets = await database.datasets.toArray();
    expect(datasets).toHaveLength(1);
    const [meta] = datasets;
    expect(meta).toMatchObject({
      id: report.datasetId,
      status: 'ready',
      name: 'clean.csv',
      rowCount: 12,
      statementCount: 12,
      duplicateCount: 0,
      rejectedCount: 0,
      chunkCount: 1,
    });
    expect([...meta.actors].sort()).toEqual([
      'Donald Trump',
      'Keith Kellogg',
      'Mark Rutte',
      'Sergey Lavrov',
      'US officials',
      'Vladimir Putin',
      'Volodymyr Zelenskiy',
    ]);
    expect([...meta.topics].sort()).toEqual([
      'ceasefire',
      'dialogue',
      'nato-membership-ukraine',
      'peace-negotiations',
      'territorial-concessions',
    ]);
    expect([...meta.affiliations].sort()).toEqual(['NATO', 'Russia', 'Ukraine', 'United States']);
    expect(meta.fingerprint).not.toBe('');
  });

  it('reads back through datasetChunks and buildCache to the same statements', async () => {
    const report = await importFixture('clean.csv', { batchSize: 5 });
    const [meta] = await readyDatasets(database);
    const chunks = await datasetChunks(database, meta.id);

    expect(chunks.map((c) => c.count)).toEqual([5, 5, 2]);
    const stored = buildCache([{ meta, chunks }]);
    const expected = cacheFromRecords(await fixtureRecords('clean.csv'), report.datasetId!);
    expect(stored.n).toBe(12);
    expect(statements(stored)).toEqual(statements(expected));
    // A spot check that does not go through the pipeline: Lavrov's conditional offer survives.
    const lavrov = statements(stored).find(
      (s) => s.actor === 'Sergey Lavrov' && s.topic === 'dialogue' && s.flags === 1,
    );
    expect(lavrov?.quote).toMatch(/^If the new administration in Washington sends serious signals/);
    expect(lavrov?.conditions).toBe('if Washington sends serious signals');
  });

  it('adds nothing when the same file is imported again, and makes no new dataset', async () => {
    const first = await importFixture('clean.csv');
    const again = await importFixture('clean.csv');

    expect(again.datasetId).toBeNull();
    expect(again.summary).toMatchObject({ rowsRead: 12, added: 0, duplicates: 12, rejected: 0 });
    const datasets = await database.datasets.toArray();
    expect(datasets.map((d) => d.id)).toEqual([first.datasetId]);
    expect(await database.chunks.count()).toBe(1);
  });

  it('keeps nothing of a file whose third chunk fails to store, and keeps earlier datasets', async () => {
    const earlier = await importFixture('bad-rows.csv');
    const before = await contents();
    const add = failNthChunkAdd(3, () => new Error('disk said no'));

    await expect(importFixture('clean.csv', { batchSize: 2 })).rejects.toThrow('disk said no');

    // Two chunks were written before the failure, so the rollback had something to remove.
    expect(add).toHaveBeenCalledTimes(3);
    expect(await contents()).toEqual(before);
    expect((await readyDatasets(database)).map((d) => d.id)).toEqual([earlier.datasetId]);
    expect(await datasetChunks(database, earlier.datasetId!)).toHaveLength(1);
  });

  it('shows no dataset while it is still being written', async () => {
    let seenMidway: { ready: number; importing: number } | null = null;
    interceptChunkAdd(async (_call, store) => {
      const key = await store();
      seenMidway ??= {
        ready: (await readyDatasets(database)).length,
        importing: await database.datasets.where('status').equals('importing').count(),
      };
      return key;
    });

    await importFixture('clean.csv', { batchSize: 4 });

    expect(seenMidway).toEqual({ ready: 0, importing: 1 });
    expect((await readyDatasets(database)).length).toBe(1);
  });

  it('leaves nothing behind when the import is cancelled midway', async () => {
    const controller = new AbortController();
    let calls = 0;
    interceptChunkAdd(async (call, store) => {
      const key = await store();
      calls = call;
      if (call === 2) controller.abort();
      return key;
    });

    await expect(
      importFixture('clean.csv', { batchSize: 2, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });

    expect(calls).toBe(2);
    expect(await contents()).toEqual({ datasets: [], chunks: 0 });
  });

  it('turns a full disk into a StorageFullError with a clear message and keeps nothing', async () => {
    const earlier = await importFixture('messy.csv');
    failNthChunkAdd(2, () => new DOMException('Quota exceeded', 'QuotaExceededError'));

    const failure = importFixture('clean.csv', { batchSize: 3 });

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow(/storage quota exceeded/i);
    await expect(failure).rejects.toThrow(/Nothing from this file was kept/);
    const cause = await failure.catch((e: Error) => e.cause);
    expect(cause).toMatchObject({ name: 'QuotaExceededError' });
    expect((await database.datasets.toArray()).map((d) => d.id)).toEqual([earlier.datasetId]);
    expect(await database.chunks.count()).toBe(1);
  });

  it('recognises a quota error that Dexie wrapped', async () => {
    failNthChunkAdd(1, () =>
      Object.assign(new Error('wrapped'), {
        name: 'AbortError',
        inner: new DOMException('Quota exceeded', 'QuotaExceededError'),
      }),
    );

    await expect(importFixture('clean.csv')).rejects.toBeInstanceOf(StorageFullError);
    expect(await contents()).toEqual({ datasets: [], chunks: 0 });
  });
});

describe('cleanupInterrupted', () => {
  /** What a tab closed mid-import leaves: an `importing` row and some of its chunks. */
  async function leaveInterrupted(id: string) {
    const part = recordsToPart(
      [
        rec({ date: '2024-12-18', actor: 'Sergey Lavrov', topic: 'dialogue', stance: 'c' }),
        rec({ date: '2024-12-19', actor: 'Keith Kellogg', topic: 'ceasefire', stance: 2 }),
        rec({ date: '2024-12-20', actor: 'Vladimir Putin', topic: 'ceasefire', stance: -1 }),
      ],
      id,
      2,
    );
    await database.datasets.add({ ...part.meta, status: 'importing' });
    await database.chunks.bulkAdd(part.chunks);
  }

  it('removes an import a closed tab left behind and keeps the ready datasets', async () => {
    const ready = await importFixture('clean.csv');
    await leaveInterrupted('interrupted');
    expect(await database.chunks.count()).toBe(3);

    expect(await cleanupInterrupted(database)).toBe(1);

    expect((await database.datasets.toArray()).map((d) => d.id)).toEqual([ready.datasetId]);
    expect(await datasetChunks(database, 'interrupted')).toEqual([]);
    expect(await datasetChunks(database, ready.datasetId!)).toHaveLength(1);
  });

  it('leaves alone an import another tab is still writing (it holds the Web Lock)', async () => {
    await leaveInterrupted('live');
    await leaveInterrupted('dead');
    vi.stubGlobal('navigator', {
      locks: { query: async () => ({ held: [{ name: importLockName('live') }], pending: [] }) },
    });

    expect(await cleanupInterrupted(database)).toBe(1);

    expect((await database.datasets.toArray()).map((d) => d.id)).toEqual(['live']);
    expect(await datasetChunks(database, 'live')).toHaveLength(2);
  });

  it('does nothing when no import was interrupted', async () => {
    await importFixture('clean.csv');

    expect(await cleanupInterrupted(database)).toBe(0);

    expect((await readyDatasets(database)).length).toBe(1);
  });
});
