// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_KIND, createBackup, restoreBackup } from '../../../src/db/backup';
import { StanceDB } from '../../../src/db/db';
import { datasetChunks, deleteDataset, readyDatasets } from '../../../src/db/store';
import { historyOf, latestFields, saveVersions } from '../../../src/db/edits';
import { fieldsAt } from '../../../src/query/edit-overlay';
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

    expect(result).toEqual({ restored: 3, skipped: 0, statements: 23, versions: 0 });
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
    expect(json).toMatchObject({ kind: BACKUP_KIND, version: 2 });
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
      versions: 0,
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

  it('refuses a backup with a damaged second dataset and keeps nothing of it, not even the first', async () => {
    await importFixture('clean.csv', 5);
    await importFixture('messy.csv');
    const json = await unpack(await createBackup(database));
    await deleteAll();
    const datasets = json.datasets as { chunks: Record<string, unknown>[] }[];
    // The second dataset loses a statement's stance byte: a truncated column.
    const chunk = datasets[1].chunks[0];
    chunk.stance = String(chunk.stance).slice(0, -4);

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(/damaged/);

    // All or nothing: the whole file is checked before anything is written.
    expect(await database.datasets.count()).toBe(0);
    expect(await database.chunks.count()).toBe(0);
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

/** A backup of clean.csv as JSON, the store emptied, to craft a file from. */
async function craftable() {
  await importFixture('clean.csv');
  const json = await unpack(await createBackup(database));
  await deleteAll();
  const dataset = (json.datasets as { meta: Record<string, unknown>; chunks: Chunk[] }[])[0];
  return { json, meta: dataset.meta, chunk: dataset.chunks[0] };
}

/** Base64 of a column of `count` values of type `Ctor`, the first ones `first`. */
function column(
  Ctor: Int32ArrayConstructor | Uint8ArrayConstructor | Float32ArrayConstructor,
  first: number[],
  count: number,
): string {
  const a = new Ctor(count);
  a.set(first);
  return Buffer.from(a.buffer).toString('base64');
}

describe('edits made in the app', () => {
  it('go into the backup and come back with their history and time', async () => {
    await importFixture('clean.csv');
    const cache = await loadAll(database);
    const id = cache.text.get('id', 0);
    const before = fieldsAt(cache, 0);
    const after = { ...before, stance: -2 as const, uncoded: false, conditional: false };
    await saveVersions(database, [{ id, before, after, origin: 'app', note: 'misread' }]);
    const history = await historyOf(database, id);

    const backup = await createBackup(database);
    await deleteAll();
    await database.edits.clear();
    const result = await restoreBackup(database, backup);

    expect(result.versions).toBe(1);
    expect(await historyOf(database, id)).toEqual(history);
    expect((await latestFields(database)).get(id)!.stance).toBe(-2);
  });

  it('refuses a crafted version (a stance off the scale) and writes nothing', async () => {
    await importFixture('clean.csv');
    const cache = await loadAll(database);
    const before = fieldsAt(cache, 0);
    await saveVersions(database, [
      { id: 'x', before, after: { ...before, stance: 1 as const }, origin: 'app' },
    ]);
    const json = await unpack(await createBackup(database));
    await deleteAll();
    await database.edits.clear();
    (json.edits as { after: { stance: number } }[])[0].after.stance = 7;

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(
      /damaged: version 1 of statement x has an invalid stance/,
    );
    expect(await database.datasets.count()).toBe(0);
    expect(await database.edits.count()).toBe(0);
  });
});

describe('restoring a crafted backup (issue 20, item 7)', () => {
  it.each([
    [
      'minDay -1e300, maxDay 1e300 and hidden "no"',
      (m: Record<string, unknown>) =>
        Object.assign(m, { minDay: -1e300, maxDay: 1e300, hidden: 'no' }),
    ],
    ['hidden "no"', (m: Record<string, unknown>) => (m.hidden = 'no')],
    ['a statement count that is text', (m: Record<string, unknown>) => (m.statementCount = '12')],
    ['a negative duplicate count', (m: Record<string, unknown>) => (m.duplicateCount = -1)],
    ['an import time that is no date', (m: Record<string, unknown>) => (m.importedAt = 'soon')],
    ['a topic list that is not text', (m: Record<string, unknown>) => (m.topics = [1, 2])],
    ['shared ids that are not text', (m: Record<string, unknown>) => (m.shared = [{}])],
  ])('refuses a dataset row with %s, writing nothing', async (_, craft) => {
    const { json, meta } = await craftable();
    craft(meta);

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(
      /^The backup is damaged: .*Nothing was restored\.$/,
    );
    expect(await database.datasets.count()).toBe(0);
    expect(await database.chunks.count()).toBe(0);
  });

  it.each([
    [
      'a day of 2^31-1',
      (c: Chunk) =>
        ((c as unknown as Record<string, string>).day = column(Int32Array, [2 ** 31 - 1], c.count)),
    ],
    [
      'a day before the year 0000',
      (c: Chunk) =>
        ((c as unknown as Record<string, string>).day = column(Int32Array, [-800_000], c.count)),
    ],
    [
      'a confidence of 5',
      (c: Chunk) =>
        ((c as unknown as Record<string, string>).confidence = column(Float32Array, [5], c.count)),
    ],
    [
      'an unknown flag',
      (c: Chunk) =>
        ((c as unknown as Record<string, string>).flags = column(Uint8Array, [128], c.count)),
    ],
    [
      'an unknown date precision',
      (c: Chunk) =>
        ((c as unknown as Record<string, string>).precision = column(Uint8Array, [9], c.count)),
    ],
    [
      'a column that is not base64',
      (c: Chunk) => ((c as unknown as Record<string, string>).line = '%%%'),
    ],
    ['a negative chunk number', (c: Chunk) => (c.chunk = -1)],
  ])('refuses a chunk with %s, writing nothing', async (_, craft) => {
    const { json, chunk } = await craftable();
    craft(chunk);

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(/damaged/);
    expect(await database.datasets.count()).toBe(0);
    expect(await database.chunks.count()).toBe(0);
  });

  it('takes the day range and chunk count from the statements, not from the file', async () => {
    const { json, meta } = await craftable();
    const { minDay, maxDay, chunkCount } = meta;
    Object.assign(meta, { minDay: -5, maxDay: 5, chunkCount: 99, parts: [{}], evil: '<b>' });

    await restoreBackup(database, await pack(json));

    const [stored] = await database.datasets.toArray();
    expect(stored).toMatchObject({ minDay, maxDay, chunkCount, status: 'ready' });
    expect(stored).not.toHaveProperty('parts');
    expect(stored).not.toHaveProperty('evil');
  });

  it('refuses two datasets with the same id, writing nothing', async () => {
    const { json } = await craftable();
    const datasets = json.datasets as unknown[];
    datasets.push(structuredClone(datasets[0]));

    await expect(restoreBackup(database, await pack(json))).rejects.toThrow(/same id|the id/);
    expect(await database.datasets.count()).toBe(0);
  });

  it('stops reading a file that inflates past the limit, writing nothing', async () => {
    // 4 MB of spaces compress to a few KB: a small file that inflates far.
    const bomb = await pack({
      kind: BACKUP_KIND,
      version: 1,
      pad: ' '.repeat(4 * 2 ** 20),
      datasets: [],
    });
    expect(bomb.size).toBeLessThan(64 * 1024);

    await expect(restoreBackup(database, bomb, 2 ** 20)).rejects.toThrow(
      'This backup inflates to more than 1 MB, more than this app writes; it was not read.',
    );
    expect(await database.datasets.count()).toBe(0);
  });

  it('reads a backup just under the limit', async () => {
    const { json } = await craftable();
    const file = await pack(json);
    const size = Buffer.byteLength(JSON.stringify(json));

    await expect(restoreBackup(database, file, size)).resolves.toMatchObject({ restored: 1 });
  });
});
