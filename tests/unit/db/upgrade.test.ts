// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { db, DB_NAME, onVersionChange, resetDbForTests, StanceDB } from '../../../src/db/db';
import { readyDatasets } from '../../../src/db/store';
import {
  declareSchema,
  SCHEMA_V1,
  SCHEMA_VERSIONS,
  type SchemaVersion,
} from '../../../src/db/schema';
import type { DatasetMeta, StatementChunk } from '../../../src/columnar/chunk';
import { unpackText } from '../../../src/columnar/packed';
import type { StatementRecord } from '../../../src/domain/types';
import { previewText } from '../../../src/ingest/preview';
import { buildCache, recordsToPart } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';
import { loadAll } from './helpers';

const seedText = readFileSync(
  new URL('../../../data/seed-statements.csv', import.meta.url),
  'utf8',
);
const seedRecords: StatementRecord[] = previewText(seedText).rows;

/**
 * A hypothetical next release: an index on the datasets' fingerprint and an `ids` table of every
 * statement id, filled from the chunks by its upgrade. It exists in this test only.
 */
const NEXT: SchemaVersion = {
  version: SCHEMA_VERSIONS.at(-1)!.version + 1,
  stores: {
    datasets: 'id, status, importedAt, fingerprint',
    ids: 'id, datasetId',
  },
  upgrade: async (tx) => {
    const rows: { id: string; datasetId: string }[] = [];
    await tx
      .table<StatementChunk>('chunks')
      .each((c) =>
        unpackText(c.text.id).forEach((id) => rows.push({ id, datasetId: c.datasetId })),
      );
    await tx.table('ids').bulkAdd(rows);
  },
};

const names: string[] = [];
function freshName(): string {
  const name = `upgrade-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  resetDbForTests();
  onVersionChange(() => undefined);
  for (const name of names.splice(0)) await Dexie.delete(name);
  await Dexie.delete(DB_NAME);
});

/**
 * Writes datasets as the first release did: a Dexie declared from the frozen `SCHEMA_V1` only
 * (not the app's class), two datasets in several chunks, then closed.
 */
async function writeWithFirstRelease(name: string): Promise<DatasetMeta[]> {
  const old = new Dexie(name) as Dexie & {
    datasets: Table<DatasetMeta, string>;
    chunks: Table<StatementChunk, [string, number]>;
  };
  declareSchema(old, [SCHEMA_V1]);
  const a = recordsToPart(seedRecords, 'seed', 5);
  const b = recordsToPart(seedRecords.slice(0, 7).map(renamed), 'other', 3);
  const metas = [
    { ...a.meta, name: 'Seed', fingerprint: 'fp-seed', importedAt: '2024-12-20T10:00:00.000Z' },
    { ...b.meta, name: 'Other', fingerprint: 'fp-other', importedAt: '2024-12-21T10:00:00.000Z' },
  ];
  await old.datasets.bulkAdd(metas);
  // The first release stored each text column as a list of strings.
  await old.chunks.bulkAdd([...a.chunks, ...b.chunks].map(asFirstRelease));
  expect(old.verno).toBe(1);
  old.close();
  return metas;
}

/** A chunk as version 1 stored it: each text column a list of strings. */
function asFirstRelease(chunk: StatementChunk): StatementChunk {
  const text = Object.fromEntries(
    Object.entries(chunk.text).map(([col, packed]) => [col, unpackText(packed)]),
  );
  return { ...chunk, text } as unknown as StatementChunk;
}

/** The same statement under another id, as a second dataset would hold it. */
function renamed(r: StatementRecord): StatementRecord {
  return { ...r, id: `other-${r.id}` };
}

/** Every statement as a user sees it, in cache order. */
function statements(cache: ColumnCache) {
  return Array.from({ length: cache.n }, (_, i) => ({
    id: cache.text.get('id', i),
    day: cache.day[i],
    actor: cache.actors[cache.actor[i]],
    topic: cache.topics[cache.topic[i]],
    stance: cache.stance[i],
    flags: cache.flags[i],
    quote: cache.text.get('quote', i),
    url: cache.text.get('url', i),
  }));
}

/** What the first release would show: the same records encoded without any store. */
function expectedCache(): ColumnCache {
  const a = recordsToPart(seedRecords, 'seed', 5);
  const b = recordsToPart(seedRecords.slice(0, 7).map(renamed), 'other', 3);
  return buildCache([a, b]);
}

describe('the first released schema', () => {
  it('is frozen as it was released: datasets by id, status and time; chunks by dataset', () => {
    expect(SCHEMA_V1).toEqual({
      version: 1,
      stores: { datasets: 'id, status, importedAt', chunks: '[datasetId+chunk], datasetId' },
    });
    expect(Object.isFrozen(SCHEMA_V1.stores)).toBe(true);
    expect(SCHEMA_VERSIONS[0]).toBe(SCHEMA_V1);
  });

  it('declares versions that only ever go up, one entry per version', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('opening data written by the first release', () => {
  it('keeps every statement, with its id, under the current schema', async () => {
    const name = freshName();
    const metas = await writeWithFirstRelease(name);

    const current = new StanceDB(name);
    const cache = await loadAll(current);

    expect(current.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect((await readyDatasets(current)).map((d) => d.name)).toEqual(['Seed', 'Other']);
    expect(cache.n).toBe(seedRecords.length + 7);
    expect(statements(cache)).toEqual(statements(expectedCache()));
    expect(metas.map((m) => m.statementCount)).toEqual([seedRecords.length, 7]);
    // Version 2 packed the stored text: one string and its end offsets per column.
    const stored = await current.chunks.toArray();
    expect(stored.every((c) => typeof c.text.quote.chars === 'string')).toBe(true);
    expect(stored.every((c) => c.text.id.ends.length === c.count)).toBe(true);
    current.close();
  });

  it('keeps every statement through a next version that adds an index and a filled table', async () => {
    const name = freshName();
    await writeWithFirstRelease(name);

    const next = new StanceDB(name, [...SCHEMA_VERSIONS, NEXT]);
    await next.open();

    expect(next.verno).toBe(NEXT.version);
    expect(statements(await loadAll(next))).toEqual(statements(expectedCache()));
    // The upgrade ran over the old data: one `ids` row per statement.
    const ids = next.table<{ id: string; datasetId: string }>('ids');
    expect(await ids.count()).toBe(seedRecords.length + 7);
    expect(await ids.where('datasetId').equals('other').count()).toBe(7);
    expect(await ids.get(seedRecords[0].id)).toEqual({ id: seedRecords[0].id, datasetId: 'seed' });
    // And the new index answers for the old rows.
    const found = await next.datasets.where('fingerprint').equals('fp-other').toArray();
    expect(found.map((d) => d.name)).toEqual(['Other']);
    next.close();
  });

  it('leaves nothing half-upgraded when the upgrade fails, and the data opens again', async () => {
    const name = freshName();
    await writeWithFirstRelease(name);
    const broken: SchemaVersion = {
      ...NEXT,
      upgrade: async (tx) => {
        await NEXT.upgrade!(tx);
        throw new Error('upgrade bug');
      },
    };

    await expect(new StanceDB(name, [...SCHEMA_VERSIONS, broken]).open()).rejects.toThrow(
      /upgrade bug/,
    );

    const again = new StanceDB(name);
    expect(statements(await loadAll(again))).toEqual(statements(expectedCache()));
    expect(again.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    again.close();
  });
});

describe('an upgrade while an old tab is open', () => {
  it('closes the old connection at once and tells the page to reload; the upgrade is not blocked', async () => {
    await writeWithFirstRelease(DB_NAME);
    let told = 0;
    onVersionChange(() => told++);
    const page = db();
    expect((await readyDatasets(page)).length).toBe(2);

    // Another tab opens the next version. Were the old connection kept open, this would wait
    // for it ("blocked") and never resolve.
    const other = new StanceDB(DB_NAME, [...SCHEMA_VERSIONS, NEXT]);
    await other.open();

    expect(other.verno).toBe(NEXT.version);
    expect(told).toBe(1);
    expect(page.isOpen()).toBe(false);
    expect(await other.table('ids').count()).toBe(seedRecords.length + 7);
    other.close();
  });
});
