/**
 * Shared steps of the store tests (importer, backup, upgrade). The test files import
 * `fake-indexeddb/auto` first themselves, before anything loads Dexie.
 */
import type { StanceDB } from '../../../src/db/db';
import { importIntoDb, type ImportHooks } from '../../../src/ingest/importer';
import type { ImportReport } from '../../../src/ingest/protocol';
import { datasetChunks, readyDatasets } from '../../../src/db/store';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import { buildCache } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';
import { asAsync, fixtureBytes, fixtureText, type Fixture } from '../ingest/helpers';

/**
 * Imports a fixture into `database` as the worker does: the preview decides the delimiter, line
 * ending and mapping, then the whole file goes through. `importFixture(db, 'clean.csv',
 * { batchSize: 5 })` stores clean.csv's 12 statements in chunks of 5, 5 and 2.
 */
export function importFixture(
  database: StanceDB,
  name: Fixture,
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  const preview = previewText(fixtureText(name));
  return importIntoDb(
    database,
    decodeChunks(asAsync([fixtureBytes(name)])),
    {
      name,
      sourceFile: name,
      format: 'native',
      rule: 'native columns',
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
    },
    hooks,
  );
}

/** Every ready dataset of `database` read back into one column cache, as the app loads it. */
export async function loadAll(database: StanceDB): Promise<ColumnCache> {
  const metas = await readyDatasets(database);
  const parts = await Promise.all(
    metas.map(async (meta) => ({ meta, chunks: await datasetChunks(database, meta) })),
  );
  return buildCache(parts);
}

/**
 * Statement `i` of a cache as a user sees it: names instead of codes. For
 * `{ actors: ['Sergey Lavrov'], actor: [0], ... }`, `seen(cache, 0).actor` is `'Sergey Lavrov'`.
 */
export function seen(cache: ColumnCache, i: number) {
  return {
    id: cache.text.get('id', i),
    day: cache.day[i],
    precision: cache.precision[i],
    actor: cache.actors[cache.actor[i]],
    affiliation: cache.affiliations[cache.affiliation[i]],
    topic: cache.topics[cache.topic[i]],
    stance: cache.stance[i],
    flags: cache.flags[i],
    confidence: cache.confidence[i],
    line: cache.line[i],
    quote: cache.text.get('quote', i),
    conditions: cache.text.get('conditions', i),
    url: cache.text.get('url', i),
  };
}
