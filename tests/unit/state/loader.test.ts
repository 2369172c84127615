// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, resetDbForTests } from '../../../src/db/db';
import { saveVersions } from '../../../src/db/edits';
import { readyDatasets } from '../../../src/db/store';
import { fieldsAt } from '../../../src/query/edit-overlay';
import { CacheLoader, type Loaded } from '../../../src/state/loader';
import { importFixture } from '../db/helpers';

let applied: Loaded[];
let loader: CacheLoader;

beforeEach(async () => {
  resetDbForTests();
  await db().delete();
  resetDbForTests();
  applied = [];
  loader = new CacheLoader(
    (loaded) => applied.push(loaded),
    () => {
      throw new Error('closed');
    },
  );
  await importFixture(db(), 'clean.csv');
});

afterEach(() => resetDbForTests());

describe('loading the column cache', () => {
  it('drops a load overtaken by a newer one, and both callers wait for the newer result', async () => {
    const first = loader.load();
    const second = loader.load();
    await Promise.all([first, second]);
    expect(applied).toHaveLength(1);
    expect(applied[0].cache!.n).toBe(12);
  });

  it('keeps a small dataset`s chunks, so the next load does not read them back', async () => {
    await loader.load();
    const datasets = await readyDatasets(db());
    // Were the chunks read again, the next cache would be empty.
    await db().chunks.clear();
    await loader.load(datasets);
    expect(applied.at(-1)!.cache!.n).toBe(12);
    // A dataset whose counts changed is read again.
    await loader.load(datasets.map((d) => ({ ...d, chunkCount: d.chunkCount + 1 })));
    expect(applied.at(-1)!.cache).toBeTruthy();
    expect(applied.at(-1)!.cache!.n).toBe(0);
  });

  it('lays the edits saved in the app over the stored statements', async () => {
    await loader.load();
    const cache = applied[0].cache!;
    const id = cache.text.get('id', 0);
    const before = fieldsAt(cache, 0);
    await saveVersions(db(), [
      { id, before, after: { ...before, summary: 'corrected' }, origin: 'app' },
    ]);
    await loader.load();
    const again = applied.at(-1)!.cache!;
    const row = again.text.find('id', id);
    expect(again.text.get('summary', row)).toBe('corrected');
  });
});
