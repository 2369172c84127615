import type { DatasetMeta, StatementChunk } from '../columnar/chunk';
import { textAt } from '../columnar/packed';
import { applyParts } from '../columnar/parts';
import { chunkRowHash, type ChunkNames } from '../columnar/content-hash';
import type { StanceDB } from './db';
import { KnownIds, rehomeShared, undoRehome, type Rehomed } from './shared';

/** Name of the Web Lock an import holds while it writes; cleanup skips locked datasets. */
export const importLockName = (datasetId: string) => `stance-import:${datasetId}`;

/** Ready datasets, oldest first. */
export async function readyDatasets(database: StanceDB): Promise<DatasetMeta[]> {
  const all = await database.datasets.where('status').equals('ready').toArray();
  for (const meta of all) {
    // Only `true` hides (a crafted backup's `"no"` once did); a name must be text to be shown.
    if (meta.hidden !== undefined && meta.hidden !== true) delete meta.hidden;
    if (typeof meta.name !== 'string') meta.name = String(meta.name);
  }
  return all.sort((a, b) => String(a.importedAt).localeCompare(String(b.importedAt)));
}

/**
 * Every chunk of a dataset, in chunk order. Read a few chunks per request: the browser decodes
 * each request's records in one main-thread task, and 1M rows in one request took seconds.
 * Given the dataset's metadata, chunks stored by a second import worker are read with the
 * dataset's codes and lines (`meta.parts`); given only an id, chunks come as stored.
 */
export async function datasetChunks(
  database: StanceDB,
  dataset: DatasetMeta | string,
  perRequest = 4,
): Promise<StatementChunk[]> {
  const datasetId = typeof dataset === 'string' ? dataset : dataset.id;
  const keys = await database.chunks.where('datasetId').equals(datasetId).primaryKeys();
  keys.sort((a, b) => a[1] - b[1]);
  const chunks: StatementChunk[] = [];
  for (let i = 0; i < keys.length; i += perRequest) {
    const batch = await database.chunks.bulkGet(keys.slice(i, i + perRequest));
    for (const chunk of batch) if (chunk) chunks.push(chunk);
  }
  return typeof dataset === 'string' ? chunks : applyParts(chunks, dataset.parts);
}

/** Deletes a dataset and its chunks in one transaction: all or nothing. */
export async function deleteDataset(database: StanceDB, datasetId: string): Promise<void> {
  await database.transaction('rw', database.datasets, database.chunks, async () => {
    await database.chunks.where('datasetId').equals(datasetId).delete();
    await database.datasets.delete(datasetId);
  });
}

/**
 * Removes what an interrupted import left behind (a closed tab, a crash): datasets still
 * `importing` whose writer no longer holds its lock. Returns how many were removed at once.
 *
 * A held lock is either a live import in another tab or the worker of a tab that is still
 * closing (right after a reload, the old page's worker can outlive the new page's start by a
 * moment; seen in Chromium under load). Either way the lock is waited for in the background,
 * and what is still `importing` once it is released is removed: a finished import is `ready`
 * by then and stays, a dead one goes without waiting for the next start.
 */
export async function cleanupInterrupted(database: StanceDB): Promise<number> {
  const pending = await database.datasets.where('status').equals('importing').toArray();
  if (pending.length === 0) return 0;
  const held = await heldLocks();
  let removed = 0;
  for (const meta of pending) {
    if (held.has(importLockName(meta.id))) {
      void removeWhenReleased(database, meta.id);
      continue;
    }
    await deleteDataset(database, meta.id);
    removed++;
  }
  return removed;
}

/** Waits for an import's lock, then removes the dataset if it is still `importing`. */
async function removeWhenReleased(database: StanceDB, datasetId: string): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request) return;
  try {
    await locks.request(importLockName(datasetId), async () => {
      const meta = await database.datasets.get(datasetId);
      if (meta?.status === 'importing') await deleteDataset(database, datasetId);
    });
  } catch {
    // The connection closed meanwhile (an upgrade, a test): the next start cleans up instead.
  }
}

async function heldLocks(): Promise<Set<string>> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.query) return new Set();
  const snapshot = await locks.query();
  return new Set((snapshot.held ?? []).map((l) => l.name ?? ''));
}

/**
 * Every statement id stored in ready datasets, with its content hash: re-importing one with the
 * same content adds nothing, with other content it is an update. The set remembers which of
 * them the import asked about (`hits`: the statements it shares). Each dataset's chunks are
 * read with its own names (`meta.parts` applied), a few at a time.
 */
export async function knownIds(database: StanceDB, except?: string): Promise<KnownIds> {
  const ids = new KnownIds();
  for (const meta of await readyDatasets(database)) {
    if (meta.id === except) continue;
    // The first stored copy stands, as the cache shows it.
    await eachRowHash(database, meta, (id, hash) => {
      if (ids.get(id) === undefined) ids.set(id, hash);
    });
  }
  return ids;
}

/**
 * Calls `take` with each statement id of a dataset and its content hash, its chunks read with
 * the dataset's names (`meta.parts` applied) a few at a time, not all in memory at once.
 */
export async function eachRowHash(
  database: StanceDB,
  meta: DatasetMeta,
  take: (id: string, hash: number) => void,
): Promise<void> {
  await eachRow(database, meta, (id, chunk, i, names) => take(id, chunkRowHash(chunk, i, names)));
}

/** Calls `take` with each statement id of a dataset and where its row is (see `eachRowHash`). */
export async function eachRow(
  database: StanceDB,
  meta: DatasetMeta,
  take: (id: string, chunk: StatementChunk, i: number, names: ChunkNames) => void,
): Promise<void> {
  const names = { actors: meta.actors, affiliations: meta.affiliations, topics: meta.topics };
  const keys = await database.chunks.where('datasetId').equals(meta.id).primaryKeys();
  keys.sort((a, b) => a[1] - b[1]);
  for (let k = 0; k < keys.length; k += 4) {
    const batch = (await database.chunks.bulkGet(keys.slice(k, k + 4))).filter(
      (c) => c !== undefined,
    );
    for (const chunk of applyParts(batch, meta.parts)) {
      const packed = chunk.text.id;
      for (let i = 0; i < chunk.count; i++) take(textAt(packed, i), chunk, i, names);
    }
  }
}

/** Renames a dataset (the name shown in the manager and in exports). */
export async function renameDataset(database: StanceDB, id: string, name: string): Promise<void> {
  await database.datasets.update(id, { name });
}

/** Hides a dataset from every view, or shows it again; nothing is deleted. */
export async function setDatasetHidden(
  database: StanceDB,
  id: string,
  hidden: boolean,
): Promise<void> {
  await database.datasets.update(id, { hidden });
}

/** A deleted dataset held in memory so the deletion can be undone. */
export interface DeletedDataset {
  meta: DatasetMeta;
  chunks: StatementChunk[];
  /** Its statements other datasets also held, moved to them (src/db/shared.ts). */
  rehomed: Rehomed[];
}

/**
 * Deletes a dataset, returning what is needed to put it back with `undoDelete`. Statements
 * another dataset also holds move to that dataset, in the same transaction.
 */
export async function deleteWithUndo(
  database: StanceDB,
  id: string,
): Promise<DeletedDataset | null> {
  return database.transaction('rw', database.datasets, database.chunks, async () => {
    const meta = await database.datasets.get(id);
    if (!meta) return null;
    // As stored (the id, not the metadata): they go back as they were, with `meta.parts`.
    const chunks = await datasetChunks(database, id);
    const rehomed = await rehomeShared(database, meta, async () => chunks);
    await database.chunks.where('datasetId').equals(id).delete();
    await database.datasets.delete(id);
    return { meta, chunks, rehomed };
  });
}

/** Puts a deleted dataset back exactly as it was, in one transaction. */
export async function undoDelete(database: StanceDB, deleted: DeletedDataset): Promise<void> {
  await database.transaction('rw', database.datasets, database.chunks, async () => {
    await undoRehome(database, deleted.rehomed);
    await database.datasets.put(deleted.meta);
    await database.chunks.bulkPut(deleted.chunks);
  });
}
