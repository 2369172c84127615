import type { DatasetMeta, PartMap, StatementChunk } from '../columnar/chunk';
import { ContentFingerprint } from '../columnar/content-fingerprint';
import { IdSet } from '../columnar/id-set';
import { CrossCheck, mergeSummaries, withoutRows, type SecondPart } from './part';
import { importRows } from './pipeline';
import { EncodingSink } from './encoding-sink';
import type { ImportReport, ImportRequest } from './protocol';
import { dayRange, PART_CHUNK_BASE } from '../columnar/parts';
import type { StanceDB } from '../db/db';
import { ChunkEncoder } from '../columnar/encode';
import { datasetChunks, deleteDataset, importLockName, knownIds } from '../db/store';
import { rehomeShared } from '../db/shared';
import { isQuotaError } from '../db/errors';
import { packText } from '../columnar/packed';
import { textAt } from '../columnar/packed';
import { compareVersions, hashesOf } from '../db/versions';
import { changedUnderEdits, versionedRows } from '../db/reimport-edits';

export interface ImportHooks {
  signal?: AbortSignal;
  onProgress?(rowsRead: number): void;
  /** Records per stored chunk (the pipeline's default, 10 000, when absent); tests make it small. */
  batchSize?: number;
  /**
   * The rest of the file, read by another worker while `text` (the first half) is read here
   * (src/ingest/part.ts); taken in after the first half unless it was dropped.
   */
  second?: SecondPart;
  /** Told of each chunk once stored (again when rewritten), to hand it to the page. */
  onChunk?(chunk: StatementChunk): void;
  /** Told of a stored chunk deleted again (all its rows turned out to be duplicates). */
  onChunkGone?(datasetId: string, chunk: number): void;
}

/** A storage failure the user can act on, with the browser's own error kept as the cause. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super(
      'The browser refused to store more data (storage quota exceeded). Nothing from this file was kept; free space by deleting a dataset or allow this site more storage, then import again.',
      { cause },
    );
    this.name = 'StorageFullError';
  }
}

/**
 * Parses, validates and stores one file as one dataset, all or nothing. The dataset row is
 * written `importing` first, its chunks follow in batches, and only the last transaction flips
 * it to `ready`; a failure or cancel deletes what was written, and a closed tab leaves an
 * `importing` row that `cleanupInterrupted` removes on the next start (the Web Lock held here
 * tells a live import from a dead one).
 */
export async function importIntoDb(
  database: StanceDB,
  text: AsyncIterable<string>,
  request: ImportRequest,
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  const datasetId = newId();
  const run = () => writeDataset(database, datasetId, text, request, hooks);
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) return locks.request(importLockName(datasetId), run);
  return run();
}

async function writeDataset(
  database: StanceDB,
  datasetId: string,
  text: AsyncIterable<string>,
  request: ImportRequest,
  hooks: ImportHooks,
): Promise<ImportReport> {
  const encoder = new ChunkEncoder(datasetId);
  const fingerprint = new ContentFingerprint();
  const meta: DatasetMeta = {
    id: datasetId,
    name: request.name,
    sourceFile: request.sourceFile,
    format: request.format,
    rule: request.rule,
    importedAt: new Date().toISOString(),
    status: 'importing',
    rowCount: 0,
    statementCount: 0,
    duplicateCount: 0,
    rejectedCount: 0,
    chunkCount: 0,
    actors: [],
    affiliations: [],
    topics: [],
    minDay: 0,
    maxDay: 0,
    fingerprint: '',
    bundled: request.bundled ?? false,
  };
  try {
    await database.datasets.add(meta);
    const known = await knownIds(database, request.replaces);
    const seen = new IdSet();
    let nextLine = 1;
    const second = hooks.second;
    const cross = new CrossCheck();
    if (second) {
      second.onIds((ids) => cross.take(ids));
      second.begin(datasetId);
    }
    let summary = await importRows(
      text,
      {
        delimiter: request.delimiter,
        newline: request.newline,
        format: request.format,
        rule: request.formatRule,
        mapping: request.mapping,
        knownIds: known,
        seen,
        onEnd: (line) => (nextLine = line),
        signal: hooks.signal,
        batchSize: hooks.batchSize,
      },
      new EncodingSink(
        encoder,
        fingerprint,
        async ({ chunk }) => {
          hooks.signal?.throwIfAborted();
          await database.chunks.add(chunk);
          hooks.onChunk?.(chunk);
        },
        (rows) => hooks.onProgress?.(rows + (second?.use ? second.rows : 0)),
      ),
    );
    hooks.signal?.throwIfAborted();
    let chunkCount = encoder.chunkCount;
    let { minDay, maxDay } = encoder;
    let parts: PartMap[] | undefined;
    if (second?.use) {
      // The second half, as a single reader would have seen it after the first: its lines
      // follow the first half's, and an id already seen here or stored is a duplicate. Its
      // chunks are stored already; only those holding such duplicates are written again.
      const part = await second.result;
      hooks.signal?.throwIfAborted();
      const lineOffset = nextLine - 1;
      fingerprint.merge(part.fingerprint);
      const drops = cross.finish(seen, (id) => fingerprint.remove(id));
      let crossDuplicates = 0;
      chunkCount += part.chunkCount;
      for (const [chunkNo, rows] of drops) {
        crossDuplicates += rows.length;
        const stored = await database.chunks.get([datasetId, chunkNo]);
        const kept = stored ? withoutRows(stored, rows) : null;
        if (kept) {
          await database.chunks.put(kept);
          cross.ranges.set(chunkNo, dayRange(kept.day));
          hooks.onChunk?.(kept);
        } else {
          await database.chunks.delete([datasetId, chunkNo]);
          cross.ranges.delete(chunkNo);
          chunkCount--;
          hooks.onChunkGone?.(datasetId, chunkNo);
        }
        hooks.signal?.throwIfAborted();
      }
      for (const [low, high] of cross.ranges.values()) {
        minDay = Math.min(minDay, low);
        maxDay = Math.max(maxDay, high);
      }
      const codes = (values: readonly string[], into: ChunkEncoder['actors']) =>
        values.map((v) => into.code(v));
      parts = [
        {
          firstChunk: PART_CHUNK_BASE,
          lineOffset,
          actors: codes(part.dicts.actors, encoder.actors),
          affiliations: codes(part.dicts.affiliations, encoder.affiliations),
          topics: codes(part.dicts.topics, encoder.topics),
        },
      ];
      summary = mergeSummaries(summary, part.summary, lineOffset, crossDuplicates, (id) =>
        seen.has(id),
      );
    }
    if (summary.added === 0) {
      await deleteDataset(database, datasetId);
      return { datasetId: null, summary };
    }
    const ready: DatasetMeta = {
      ...meta,
      status: 'ready',
      rowCount: summary.rowsRead,
      statementCount: summary.added,
      // Updates are not stored here: the statement stays with its dataset, and counts as shared.
      duplicateCount: summary.duplicates + summary.updated,
      rejectedCount: summary.rejected,
      chunkCount,
      actors: encoder.actors.values,
      affiliations: encoder.affiliations.values,
      topics: encoder.topics.values,
      minDay,
      maxDay,
      fingerprint: fingerprint.value(),
      ...(parts ? { parts } : {}),
      ...sharedField(known.hits, second?.use ? (await second.result).shared : []),
    };
    const replaced = request.replaces ? await database.datasets.get(request.replaces) : undefined;
    const before = replaced ? await hashesOf(database, replaced) : null;
    const versioned = replaced ? await versionedRows(database, replaced) : null;
    await database.transaction('rw', database.datasets, database.chunks, async () => {
      if (second && !second.use) {
        // The first reader read the rest itself: what the second worker stored goes (any chunk
        // it might still send is refused once this dataset is ready).
        await database.chunks
          .where('[datasetId+chunk]')
          .between([datasetId, PART_CHUNK_BASE], [datasetId, Infinity])
          .delete();
      }
      if (request.replaces) {
        const old = await database.datasets.get(request.replaces);
        if (old) {
          // A re-import keeps the dataset's name (as renamed) unless another was typed, and
          // its visibility.
          ready.name = request.name || old.name;
          if (old.hidden === true) ready.hidden = true;
          // What other datasets share with the old version and the new one lacks moves to them.
          const oldId = request.replaces;
          await rehomeShared(
            database,
            old,
            () => datasetChunks(database, oldId),
            () => knownIdsOf(database, datasetId),
          );
        }
        await database.chunks.where('datasetId').equals(request.replaces).delete();
        await database.datasets.delete(request.replaces);
      }
      await database.datasets.put(ready);
    });
    const versions = before ? await compareVersions(database, before, ready) : undefined;
    const underEdits = versioned ? await changedUnderEdits(database, versioned, ready) : [];
    return {
      datasetId,
      summary,
      ...(versions ? { versions } : {}),
      ...(underEdits.length > 0 ? { changedUnderEdits: underEdits } : {}),
    };
  } catch (e) {
    hooks.second?.stop();
    await deleteDataset(database, datasetId).catch(() => undefined);
    if (isQuotaError(e)) throw new StorageFullError(e);
    throw e;
  }
}

/** The `shared` field of a new dataset: the stored ids its file also held (none: no field). */
function sharedField(first: ReadonlySet<string>, second: readonly string[]): Partial<DatasetMeta> {
  const ids = new Set([...first, ...second]);
  return ids.size > 0 ? { shared: packText([...ids]) } : {};
}

/** The ids a dataset stores, read inside the caller's transaction. */
async function knownIdsOf(database: StanceDB, datasetId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  await database.chunks
    .where('datasetId')
    .equals(datasetId)
    .each((c) => {
      for (let i = 0; i < c.count; i++) ids.add(textAt(c.text.id, i));
    });
  return ids;
}

function newId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ??
    `d${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
  );
}
