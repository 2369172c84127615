// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_KIND, createBackup, restoreBackup } from '../../../src/db/backup';
import { StanceDB } from '../../../src/db/db';
import { datasetChunks, deleteDataset, readyDatasets } from '../../../src/db/store';
import type { Fixture } from '../ingest/helpers';
import { importFixture as importInto, loadAll, seen } from './helpers';

let database: StanceDB;

beforeEach(() => {
  database = new StanceDB(`backup-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  await database.delete();
});

/** Imports a fixture into this test's database, in chunks of `batchSize`; returns its id. */
async function importFixture(name: Fixture, batchSize?: number): Promise<string> {
  return (await importInto(database, name, { batchSize })).datasetId!;
}

/** Every stored statement as a user sees it (names, not codes), ids included, in cache order. */
async function everything() {
  const metas = await readyDatasets(database);
  const cache = await loadAll(database);
  return {
    datasets: metas.map(({ id, name, statementCount, fingerprint, actors, topics }) => ({
      id,
      name,
      statementCount,
      fingerprint,
      actors,
      topics,
    })),
    statements: Array.from({ length: cache.n }, (_, i) => ({
      ...seen(cache, i),
      dataset: cache.datasets[cache.dataset[i]],
      source: cache.text.get('source', i),
    })),
  };
}

async function deleteAll(): Promise<void> {
  for (const d of await database.datasets.toArray()) await deleteDataset(database, d.id);
}

/** The backup's JSON, to tamper with as a damaged or foreign file would. */
async function unpack(blob: Blob): Promise<Record<string, unknown>> {
  const text = await new Response(
    blob.stream().pipeThrough(new DecompressionStream('gzip')),
  ).text();
  return JSON.parse(text) as Record<string, unknown>;
}

async function pack(json: unknown): Promise<Blob> {
  const gz = new Blob([JSON.stringify(json)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(gz).blob();
}

describe('backing up all datasets and restoring them', () => {
  it('gives back the same statements, ids included, after everything was deleted', async () => {
    await importFixture('clean.csv', 5);
    await importFixture('messy.csv');
    await importFixture('bad-rows.csv', 2);
    const before = await everything();
    expect(before.statements).toHaveLength(12 + 6 + 5);

    const backup = await createBackup(database);
    await deleteAll();
    expect(await database.chunks.count()).toBe(0);
    const result = await restoreBackup(database, backup);

    expect(result).toEqual({ restored: 3, skipped: 0, statements: 23 });
    expect(await everything()).toEqual(before);
    // Chunk boundaries too: a restored dataset is stored as it was.
    const clean = before.datasets.find((d) => d.name === 'clean.csv')!;
    expect((await datasetChunks(database, clean.id)).map((c) => c.count)).toEqual([5, 5, 2]);
  });

  it('is one gzip file that says what it is', async () => {
    await importFixture('clean.csv');
    const backup = await createBackup(database);

    expect(backup.type).toBe('application/gzip');
    const json = await unpack(backup);
    expect(json).toMatchObject({ kind: BACKUP_KIND, version: 1 });
    expect(json.datasets).toHaveLength(1);
  });

  it('skips a dataset that is still stored instead of overwriting it', async () => {
    await importFixture('clean.csv');
    await importFixture('messy.csv');
    const backup = await createBackup(database);
    const before = await everything();
    await deleteDataset(database, before.datasets[1].id);

    expect(await restoreBackup(database, backup)).toEqual({
      restored: 1,
      skipped: 1,
      statements: 6,
    });
    expect(await everything()).toEqual(before);
  });

  it('leaves out datasets whose import was interrupted', async () => {
    await importFixture('clean.csv');
    await database.datasets.add({
      ...(await database.datasets.toArray())[0],
      id: 'half',
      status: 'importing',
    });

    const json = await unpack(await createBackup(database));

    expect((json.datasets as { meta: { id: string } }[]).map((d) => d.meta.id)).not.toContain(
      'half',
    );
  });

  it.each([
    ['a CSV file', () => new Blob(['date,actor\n']), /not a stance timeline backup/],
    ['gzip of something else', () => pack({ hello: 'world' }), /not a stance timeline backup/],
    [
      'a backup from a newer app',
      () => pack({ kind: BACKUP_KIND, version: 99, datasets: [] }),
      /newer version of the app/,
    ],
  ])('refuses %s with a reason and changes nothing', async (_, file, reason) => {
    await importFixture('clean.csv');
    const before = await everything();

    await expect(restoreBackup(database, await file())).rejects.toThrow(reason);

    expect(await everything()).toEqual(before);
  });

  it('drops javascript: and data: links from a crafted backup, as an import would', async () => {
    await importFixture('clean.csv');
    const json = await unpack(await createBackup(database));
    await deleteAll();
    const chunk = (json.datasets as { chunks: { text: { url: string[] } }[] }[])[0].chunks[0];
    chunk.text.url[0] = 'javascript:alert(document.domain)';
    chunk.text.url[1] = 'data:text/html,<script>alert(1)</script>';
    chunk.text.url[2] = 'https://www.reuters.com/world/';

    await restoreBackup(database, await pack(json));

    const urls = (await everything()).statements.map((s) => s.url).filter(Boolean);
    expect(urls).toContain('https://www.reuters.com/world/');
    expect(urls.every((u) => /^https?:\/\//.test(u))).toBe(true);
  });

  it.each([
    ['text that is not text', (c: Chunk) => (c.text.quote[0] = { toString: 1 } as never)],
    ['an actor code past the dictionary', (c: Chunk) => (c.actor = codes([999_999], c.count))],
    ['a stance outside -2..2', (c: Chunk) => (c.stance = bytes([100], c.count))],
    ['a chunk without a number', (c: Chunk) => (c.chunk = 'x' as never)],
  ])('refuses a backup with %s and keeps nothing of it', async (_, damage) => {
    await importFixture('clean.csv');
    const json = await unpack(await createBackup(database));
    await deleteAll();
    damage((json.datasets as { chunks: Chunk[] }[])[0].chunks[0]);

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(/damaged/);

    expect(await database.datasets.count()).toBe(0);
    expect(await database.chunks.count()).toBe(0);
  });

  it('refuses a damaged backup without keeping part of it', async () => {
    await importFixture('clean.csv', 5);
    await importFixture('messy.csv');
    const json = await unpack(await createBackup(database));
    await deleteAll();
    const datasets = json.datasets as { chunks: Record<string, unknown>[] }[];
    // The second dataset loses a statement's stance byte: a truncated column.
    const chunk = datasets[1].chunks[0];
    chunk.stance = String(chunk.stance).slice(0, -4);

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(/damaged/);

    // The first dataset came back whole; nothing of the damaged one was kept.
    const after = await everything();
    expect(after.datasets.map((d) => d.name)).toEqual(['clean.csv']);
    expect(after.statements).toHaveLength(12);
    expect(await database.chunks.count()).toBe(3);
  });
});

/** A chunk as the backup file holds it: typed columns as base64. */
interface Chunk {
  chunk: number;
  count: number;
  text: Record<string, unknown[]>;
  actor: string;
  stance: string;
}

/** Base64 of a Uint32 column whose first values are `first`, the rest 0. */
function codes(first: number[], count: number): string {
  const a = new Uint32Array(count);
  a.set(first);
  return Buffer.from(a.buffer).toString('base64');
}

/** Base64 of an Int8 column whose first values are `first`, the rest 0. */
function bytes(first: number[], count: number): string {
  const a = new Int8Array(count);
  a.set(first);
  return Buffer.from(a.buffer).toString('base64');
}
