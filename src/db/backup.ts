import { CHUNK_NUMBERS, type DatasetMeta, type StatementChunk } from '../domain/columns';
import { PRECISION_BY_CODE, TEXT_COLUMNS, type TextColumn } from '../domain/types';
import { safeUrl } from '../domain/links';
import { applyParts } from '../domain/parts';
import { packColumn, packText, unpackText } from '../domain/packed';
import type { StanceDB } from './db';
import { datasetChunks, deleteDataset, readyDatasets } from './store';

/**
 * Backup of every dataset in one file: JSON with the typed arrays as base64, gzip-compressed by
 * the platform's CompressionStream. Restore writes each dataset all-or-nothing and keeps ids, so
 * a restored dataset holds exactly the statements (and statement ids) that were backed up.
 */
export const BACKUP_KIND = 'stance-timeline-backup';
export const BACKUP_VERSION = 1;

const TYPED = CHUNK_NUMBERS;
type TypedKey = (typeof TYPED)[number];
const CTORS: Record<
  TypedKey,
  { new (buffer: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number }
> = {
  day: Int32Array,
  precision: Uint8Array,
  stance: Int8Array,
  flags: Uint8Array,
  actor: Uint32Array,
  affiliation: Uint32Array,
  topic: Uint32Array,
  confidence: Float32Array,
  line: Uint32Array,
};

interface BackupFile {
  kind: typeof BACKUP_KIND;
  version: number;
  createdAt: string;
  datasets: {
    meta: Omit<DatasetMeta, 'shared'> & { shared?: string[] };
    chunks: Record<string, unknown>[];
  }[];
}

/** Backup of every ready dataset. */
export async function createBackup(database: StanceDB): Promise<Blob> {
  const entries = [];
  for (const meta of await readyDatasets(database)) {
    entries.push({ meta, chunks: await datasetChunks(database, meta) });
  }
  return backupOf(entries);
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
async function backupOf(entries: { meta: DatasetMeta; chunks: StatementChunk[] }[]): Promise<Blob> {
  const datasets: BackupFile['datasets'] = entries.map(({ meta, chunks: stored }) => {
    const chunks = stored.map((c) => {
      // Text as plain lists in the file (format 1, whatever the store's layout): readable, and
      // restorable by every version of the app that reads format 1.
      const text = Object.fromEntries(TEXT_COLUMNS.map((col) => [col, unpackText(c.text[col])]));
      const out: Record<string, unknown> = { chunk: c.chunk, count: c.count, text };
      for (const k of TYPED) out[k] = toBase64(c[k] as ArrayBufferView);
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
  };
  const json = new Blob([JSON.stringify(file)], { type: 'application/json' });
  const gz = json.stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(gz).blob().then((b) => new Blob([b], { type: 'application/gzip' }));
}

export interface RestoreResult {
  restored: number;
  skipped: number;
  statements: number;
}

/**
 * Restores a backup. A dataset whose id is already stored is skipped (never overwritten); each
 * other dataset is written in one transaction, so a bad or partial file leaves nothing half-done.
 * A backup is a file from anywhere (a colleague, a stranger), so it is checked as strictly as a
 * CSV: text must be text, codes must point into the dictionaries, and only http(s) links are
 * kept (a `javascript:` link in a crafted backup is dropped, as an import would drop it).
 */
export async function restoreBackup(database: StanceDB, blob: Blob): Promise<RestoreResult> {
  let file: BackupFile;
  try {
    const text = await new Response(
      blob.stream().pipeThrough(new DecompressionStream('gzip')),
    ).text();
    file = JSON.parse(text) as BackupFile;
  } catch {
    throw new Error('This file is not a stance timeline backup (it is not gzip-compressed JSON).');
  }
  if (file?.kind !== BACKUP_KIND || !Array.isArray(file.datasets)) {
    throw new Error('This file is not a stance timeline backup.');
  }
  if (file.version > BACKUP_VERSION) {
    throw new Error(`This backup was made by a newer version of the app (format ${file.version}).`);
  }
  const result: RestoreResult = { restored: 0, skipped: 0, statements: 0 };
  for (const entry of file.datasets) {
    const meta = checkMeta(entry?.meta);
    const chunks = Array.isArray(entry?.chunks) ? entry.chunks : null;
    if (!chunks) throw new Error(`The backup of "${meta.name}" is damaged: it has no statements.`);
    if (await database.datasets.get(meta.id)) {
      result.skipped++;
      continue;
    }
    const decoded = chunks.map((c) => decodeChunk(meta, c));
    const total = decoded.reduce((n, c) => n + c.count, 0);
    if (total !== meta.statementCount) {
      throw new Error(
        `The backup of "${meta.name}" is damaged: it holds ${total} of ${meta.statementCount} statements.`,
      );
    }
    try {
      await database.transaction('rw', database.datasets, database.chunks, async () => {
        await database.datasets.add({ ...meta, status: 'ready' });
        await database.chunks.bulkAdd(decoded);
      });
    } catch (e) {
      await deleteDataset(database, meta.id).catch(() => undefined);
      throw e;
    }
    result.restored++;
    result.statements += total;
  }
  return result;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

/**
 * The dataset row of a backup, checked field by field: anything that is not what the app writes
 * makes the file "damaged" rather than reaching the views.
 * `checkMeta({ id: 7 })` -> throws `The backup is damaged: a dataset has no id.`
 */
function checkMeta(raw: unknown): DatasetMeta {
  const meta = raw as (Omit<DatasetMeta, 'shared'> & { shared?: unknown }) | null;
  if (typeof meta !== 'object' || meta === null || !isText(meta.id) || meta.id === '') {
    throw new Error('The backup is damaged: a dataset has no id.');
  }
  const texts = [meta.name, meta.sourceFile, meta.format, meta.rule, meta.importedAt];
  const numbers = [meta.statementCount, meta.rowCount, meta.minDay, meta.maxDay];
  if (
    !texts.every(isText) ||
    !numbers.every((n) => Number.isFinite(n)) ||
    !isTextList(meta.actors) ||
    !isTextList(meta.affiliations) ||
    !isTextList(meta.topics)
  ) {
    throw new Error(`The backup of dataset ${meta.id} is damaged: its description is incomplete.`);
  }
  // A backup's chunks carry the dataset's own codes: a part map (written by no version of the
  // export) would only move codes out of the dictionaries that were just checked.
  delete meta.parts;
  if (meta.shared !== undefined && !isTextList(meta.shared)) {
    throw new Error(`The backup of dataset ${meta.id} is damaged: its shared ids are not text.`);
  }
  const { shared, ...rest } = meta;
  return { ...rest, ...(shared ? { shared: packText(shared) } : {}) };
}

function decodeChunk(meta: DatasetMeta, raw: Record<string, unknown>): StatementChunk {
  const datasetId = meta.id;
  const count = Number(raw?.count);
  const text = raw?.text as Record<TextColumn, string[]>;
  if (!Number.isInteger(count) || count < 0 || typeof text !== 'object' || text === null) {
    throw new Error('The backup is damaged: a chunk has no statement count or text.');
  }
  const chunk = { datasetId, chunk: Number(raw.chunk), count } as StatementChunk;
  if (!Number.isInteger(chunk.chunk)) {
    throw new Error('The backup is damaged: a chunk has no number.');
  }
  for (const k of TYPED) {
    const bytes = fromBase64(String(raw[k] ?? ''));
    const Ctor = CTORS[k];
    if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
      throw new Error(`The backup is damaged: column ${k} has the wrong length.`);
    }
    (chunk as unknown as Record<string, unknown>)[k] = new Ctor(bytes.buffer as ArrayBuffer);
  }
  for (const c of TEXT_COLUMNS) {
    if (!isTextList(text[c]) || text[c].length !== count) {
      throw new Error(`The backup is damaged: column ${c} has the wrong length or is not text.`);
    }
  }
  const inRange = (codes: ArrayLike<number>, size: number) => {
    for (let i = 0; i < count; i++) if (codes[i] >= size) return false;
    return true;
  };
  if (
    !inRange(chunk.actor, meta.actors.length) ||
    !inRange(chunk.affiliation, meta.affiliations.length) ||
    !inRange(chunk.topic, meta.topics.length) ||
    !inRange(chunk.precision, PRECISION_BY_CODE.length) ||
    !Array.prototype.every.call(chunk.stance, (v: number) => v >= -2 && v <= 2)
  ) {
    throw new Error('The backup is damaged: a statement points outside its dataset.');
  }
  // Only http(s) links are ever kept, whatever the file says.
  text.url = text.url.map(safeUrl);
  chunk.text = Object.fromEntries(
    TEXT_COLUMNS.map((c) => [c, packColumn(text[c])]),
  ) as StatementChunk['text'];
  return chunk;
}

function toBase64(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let binary = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) {
    binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
