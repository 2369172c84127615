import { CHUNK_NUMBERS, type DatasetMeta, type StatementChunk } from '../columnar/chunk';
import { TEXT_COLUMNS } from '../domain/types';
import { applyParts } from '../columnar/parts';
import { unpackText } from '../columnar/packed';
import { checkDataset, DamagedBackup } from './backup-check';
import type { StanceDB } from './db';
import { datasetChunks, readyDatasets } from './store';
import { allVersions } from './edits';
import { checkVersions, versionsToJson, type JsonVersion } from './backup-edits';
import type { StatementVersion } from '../domain/edits';
import { toBase64 } from '../util/base64';

/**
 * Backup of every dataset in one file: JSON with the typed arrays as base64, gzip-compressed by
 * the platform's CompressionStream. Restore checks the whole file first and writes it all or
 * nothing, keeping ids.
 */
export const BACKUP_KIND = 'stance-timeline-backup';
/** Format 2 adds the statements' versions (edits made in the app); format 1 files still restore. */
export const BACKUP_VERSION = 2;

interface BackupFile {
  kind: typeof BACKUP_KIND;
  version: number;
  createdAt: string;
  datasets: {
    meta: Omit<DatasetMeta, 'shared'> & { shared?: string[] };
    chunks: Record<string, unknown>[];
  }[];
  /** Every version of statements corrected in the app (format 2). */
  edits?: JsonVersion[];
}

/** Backup of every ready dataset. */
export async function createBackup(database: StanceDB): Promise<Blob> {
  const entries = [];
  for (const meta of await readyDatasets(database)) {
    entries.push({ meta, chunks: await datasetChunks(database, meta) });
  }
  return backupOf(entries, await allVersions(database));
}

/**
 * Backup of one deleted dataset still held in memory (its chunks as stored), restorable with
 * `restoreBackup`: what an Undo that could not be written offers instead.
 */
export function backupOfDeleted(deleted: { meta: DatasetMeta; chunks: StatementChunk[] }) {
  // Copies: the held chunks must stay as stored for a later Undo; applyParts rewrites in place.
  const chunks = applyParts(structuredClone(deleted.chunks), deleted.meta.parts);
  return backupOf([{ meta: { ...deleted.meta, status: 'ready' }, chunks }]);
}

/** The backup file of `entries` (each dataset with its chunks read as `datasetChunks` reads them). */
async function backupOf(
  entries: { meta: DatasetMeta; chunks: StatementChunk[] }[],
  versions: readonly StatementVersion[] = [],
): Promise<Blob> {
  const datasets: BackupFile['datasets'] = entries.map(({ meta, chunks: stored }) => {
    const chunks = stored.map((c) => {
      // Text as plain lists in the file (format 1, whatever the store's layout): readable, and
      // restorable by every version of the app that reads format 1.
      const text = Object.fromEntries(TEXT_COLUMNS.map((col) => [col, unpackText(c.text[col])]));
      const out: Record<string, unknown> = { chunk: c.chunk, count: c.count, text };
      for (const k of CHUNK_NUMBERS) out[k] = toBase64(c[k] as ArrayBufferView);
      return out;
    });
    // The chunks are written with the dataset's own codes and lines, so no part map goes along.
    const { parts: _parts, shared, ...plain } = meta;
    // Shared ids (src/db/shared.ts) as a plain list, as the text columns.
    return { meta: { ...plain, ...(shared ? { shared: unpackText(shared) } : {}) }, chunks };
  });
  const file: BackupFile = {
    kind: BACKUP_KIND,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    datasets,
    edits: versionsToJson(versions),
  };
  const json = new Blob([JSON.stringify(file)], { type: 'application/json' });
  // Never hand out a file the restore would refuse (see MAX_BACKUP_BYTES).
  if (json.size > MAX_BACKUP_BYTES) {
    throw new Error(
      `These datasets make a backup of ${Math.ceil(json.size / 2 ** 20)} MB, more than a restore reads (${MAX_BACKUP_BYTES / 2 ** 20} MB); no file was written.`,
    );
  }
  const gz = json.stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(gz).blob().then((b) => new Blob([b], { type: 'application/gzip' }));
}

export interface RestoreResult {
  restored: number;
  skipped: number;
  statements: number;
  /** Versions of edited statements written (those already stored are kept as they are). */
  versions: number;
}

/**
 * The most a backup may inflate to. The app writes ~196 bytes of JSON per statement of the
 * generated data (scripts/gen-lib.mjs, 20k rows), so 1M statements make ~196 MB; a file that
 * inflates past this is refused as it is read, before the tab runs out of memory (a 478 KB
 * file can inflate to 500 MB), and a backup that would be larger is not written.
 */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

/**
 * Restores a backup, all or nothing: the whole file is read (at most `maxBytes` inflated) and
 * every dataset checked (src/db/backup-check.ts) before anything is written, then every dataset
 * not stored yet is written in one transaction. A dataset whose id is already stored is skipped
 * (never overwritten). Ids are kept, so a restored dataset holds exactly the statements (and
 * statement ids) that were backed up.
 */
export async function restoreBackup(
  database: StanceDB,
  blob: Blob,
  maxBytes = MAX_BACKUP_BYTES,
): Promise<RestoreResult> {
  const file = await readBackup(blob, maxBytes);
  if (file?.kind !== BACKUP_KIND || !Array.isArray(file.datasets)) {
    throw new Error('This file is not a stance timeline backup.');
  }
  if (!Number.isInteger(file.version) || file.version < 1) {
    throw new Error('This file is not a stance timeline backup (it has no format version).');
  }
  if (file.version > BACKUP_VERSION) {
    throw new Error(`This backup was made by a newer version of the app (format ${file.version}).`);
  }
  const checked = (file.datasets as unknown[]).map(checkDataset);
  const ids = new Set<string>();
  for (const { meta } of checked) {
    if (ids.has(meta.id)) throw new DamagedBackup(`two datasets have the id ${meta.id}`);
    ids.add(meta.id);
  }
  const versions = checkVersions(file.edits);
  return database.transaction(
    'rw',
    database.datasets,
    database.chunks,
    database.edits,
    async () => {
      const result: RestoreResult = { restored: 0, skipped: 0, statements: 0, versions: 0 };
      for (const v of versions) {
        if (await database.edits.get([v.id, v.version])) continue;
        await database.edits.add(v);
        result.versions++;
      }
      for (const { meta, chunks } of checked) {
        if (await database.datasets.get(meta.id)) {
          result.skipped++;
          continue;
        }
        await database.datasets.add(meta);
        await database.chunks.bulkAdd(chunks);
        result.restored++;
        result.statements += meta.statementCount;
      }
      return result;
    },
  );
}

/**
 * The backup's JSON, inflated as it is read: refused once past `maxBytes`, and refused when it
 * is not gzip-compressed JSON.
 */
async function readBackup(blob: Blob, maxBytes: number): Promise<BackupFile | null> {
  const notBackup = 'This file is not a stance timeline backup (it is not gzip-compressed JSON).';
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new Error(notBackup);
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw new TooLarge();
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
    return JSON.parse(parts.join('')) as BackupFile | null;
  } catch (e) {
    if (e instanceof TooLarge) {
      throw new Error(
        `This backup inflates to more than ${Math.round(maxBytes / 2 ** 20)} MB, more than this app writes; it was not read.`,
        { cause: e },
      );
    }
    throw new Error(notBackup, { cause: e });
  }
}

class TooLarge extends Error {}
