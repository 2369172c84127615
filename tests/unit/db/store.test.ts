// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StanceDB } from '../../../src/db/db';
import { datasetChunks, readyDatasets } from '../../../src/db/store';
import { recordsToPart } from '../../../src/query/cache';
import { rec } from '../query/helpers';
import { unpackText } from '../../../src/columnar/packed';

let database: StanceDB;

beforeEach(() => {
  database = new StanceDB(`store-${Math.random().toString(36).slice(2)}`);
});

afterEach(async () => {
  await database.delete();
});

/** Stores a dataset of `rows` statements in chunks of `chunkSize` rows, in shuffled order. */
async function store(id: string, rows: number, chunkSize: number): Promise<void> {
  const records = Array.from({ length: rows }, (_, i) =>
    rec({ id: `${id}-${i}`, date: '2024-01-01', actor: 'A', topic: 't', stance: 1 }),
  );
  const { chunks } = recordsToPart(records, id, chunkSize);
  // Written last chunk first, so the read order cannot come from the write order.
  await database.chunks.bulkPut([...chunks].reverse());
}

describe('datasetChunks', () => {
  it.each([1, 2, 4, 100])(
    'reads every chunk of the dataset in chunk order, %i chunks per request',
    async (perRequest) => {
      await store('a', 23, 5);
      await store('b', 7, 5);

      const chunks = await datasetChunks(database, 'a', perRequest);

      expect(chunks.map((c) => c.chunk)).toEqual([0, 1, 2, 3, 4]);
      expect(chunks.map((c) => c.count)).toEqual([5, 5, 5, 5, 3]);
      expect(chunks.flatMap((c) => unpackText(c.text.id))).toEqual(
        Array.from({ length: 23 }, (_, i) => `a-${i}`),
      );
    },
  );

  it('reads nothing for a dataset with no chunks', async () => {
    await store('b', 7, 5);
    expect(await datasetChunks(database, 'a')).toEqual([]);
  });
});

describe('readyDatasets', () => {
  it('shows a dataset whose stored "hidden" is not true (a crafted backup once wrote "no")', async () => {
    const { meta } = recordsToPart(
      [rec({ id: 'x', date: '2024-01-01', actor: 'A', topic: 't', stance: 1 })],
      'x',
      10,
    );
    await database.datasets.put({ ...meta, status: 'ready', hidden: 'no' as unknown as boolean });
    await database.datasets.put({ ...meta, id: 'y', status: 'ready', hidden: true });

    const read = await readyDatasets(database);

    expect(read.map((d) => [d.id, d.hidden])).toEqual([
      ['x', undefined],
      ['y', true],
    ]);
  });
});
