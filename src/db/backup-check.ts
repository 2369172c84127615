import {
  CHUNK_ARRAYS,
  CHUNK_NUMBERS,
  type DatasetMeta,
  type StatementChunk,
} from '../columnar/chunk';
import { safeUrl } from '../domain/links';
import { packColumn, packText } from '../columnar/packed';
import {
  FLAG_CONDITIONAL,
  FLAG_REPORTED,
  FLAG_UNCODED,
  PRECISION_BY_CODE,
  TEXT_COLUMNS,
  type TextColumn,
} from '../domain/types';
import { fromBase64 } from '../util/base64';

/**
 * The checks a backup file passes before anything of it is written. A backup is a file from
 * anywhere (a colleague, a stranger), so it is checked as strictly as a CSV: every field has the
 * type and range the app writes, text is text, codes point into the dictionaries, days are
 * dates the views can draw, and only http(s) links are kept. What the app can work out from the
 * statements (day range, chunk count) is taken from them, not from the file.
 */

/** 0000-01-01 and 9999-12-31 as day numbers: the four-digit years a date column can hold. */
export const MIN_DAY = -719_528;
export const MAX_DAY = 2_932_896;

const KNOWN_FLAGS = FLAG_CONDITIONAL | FLAG_REPORTED | FLAG_UNCODED;

/** A damaged backup: its message names the dataset and what is wrong. */
export class DamagedBackup extends Error {
  constructor(what: string) {
    super(`The backup is damaged: ${what}. Nothing was restored.`);
    this.name = 'DamagedBackup';
  }
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isOptionalFlag = (v: unknown) => v === undefined || typeof v === 'boolean';

/**
 * The dataset row of a backup, checked field by field and rebuilt from the fields the app knows
 * (anything else in the file is dropped). `minDay`, `maxDay` and `chunkCount` are set from the
 * chunks by `checkDataset`.
 * `checkMeta({ id: 7 })` -> throws `The backup is damaged: a dataset has no id. ...`
 */
export function checkMeta(raw: unknown): DatasetMeta {
  const m = raw as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || !isText(m.id) || m.id === '') {
    throw new DamagedBackup('a dataset has no id');
  }
  const bad = (field: string) => new DamagedBackup(`dataset ${m.id} has an invalid ${field}`);
  for (const field of ['name', 'sourceFile', 'format', 'rule', 'fingerprint'] as const) {
    if (!isText(m[field])) throw bad(field);
  }
  if (!isText(m.importedAt) || !Number.isFinite(Date.parse(m.importedAt))) throw bad('importedAt');
  for (const field of ['statementCount', 'rowCount', 'duplicateCount', 'rejectedCount'] as const) {
    if (!isCount(m[field])) throw bad(field);
  }
  for (const field of ['actors', 'affiliations', 'topics'] as const) {
    if (!isTextList(m[field])) throw bad(field);
  }
  if (!isOptionalFlag(m.hidden)) throw bad('hidden (not true or false)');
  if (!isOptionalFlag(m.bundled)) throw bad('bundled (not true or false)');
  if (m.shared !== undefined && !isTextList(m.shared)) throw bad('list of shared ids');
  // A backup's chunks carry the dataset's own codes: no part map is taken from the file.
  return {
    id: m.id,
    name: m.name as string,
    sourceFile: m.sourceFile as string,
    format: m.format as string,
    rule: m.rule as string,
    importedAt: m.importedAt,
    status: 'ready',
    rowCount: m.rowCount as number,
    statementCount: m.statementCount as number,
    duplicateCount: m.duplicateCount as number,
    rejectedCount: m.rejectedCount as number,
    chunkCount: 0,
    actors: m.actors as string[],
    affiliations: m.affiliations as string[],
    topics: m.topics as string[],
    minDay: 0,
    maxDay: 0,
    fingerprint: m.fingerprint as string,
    ...(m.bundled === true ? { bundled: true } : {}),
    ...(m.hidden === true ? { hidden: true } : {}),
    ...(Array.isArray(m.shared) && m.shared.length > 0
      ? { shared: packText(m.shared as string[]) }
      : {}),
  };
}

/**
 * A dataset of a backup, checked whole: its row, then every chunk; the day range and chunk count
 * come from the chunks, and the statements must be as many as the row says.
 */
export function checkDataset(entry: unknown): { meta: DatasetMeta; chunks: StatementChunk[] } {
  const e = entry as { meta?: unknown; chunks?: unknown } | null;
  const meta = checkMeta(e?.meta);
  if (!Array.isArray(e?.chunks)) throw new DamagedBackup(`"${meta.name}" has no statements`);
  const numbers = new Set<number>();
  const chunks = (e.chunks as unknown[]).map((c) => {
    const chunk = decodeChunk(meta, c);
    if (numbers.has(chunk.chunk)) throw new DamagedBackup(`"${meta.name}" repeats a chunk`);
    numbers.add(chunk.chunk);
    return chunk;
  });
  const total = chunks.reduce((n, c) => n + c.count, 0);
  if (total !== meta.statementCount) {
    throw new DamagedBackup(`"${meta.name}" holds ${total} of ${meta.statementCount} statements`);
  }
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const c of chunks) {
    for (const day of c.day) {
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
    }
  }
  if (total === 0) minDay = maxDay = 0;
  return { meta: { ...meta, chunkCount: chunks.length, minDay, maxDay }, chunks };
}

/** One chunk of a backup, decoded and checked value by value. */
function decodeChunk(meta: DatasetMeta, raw: unknown): StatementChunk {
  const r = raw as Record<string, unknown> | null;
  const where = `a chunk of "${meta.name}"`;
  const count = r?.count;
  const text = r?.text as Record<TextColumn, unknown> | undefined;
  if (!isCount(count) || typeof text !== 'object' || text === null) {
    throw new DamagedBackup(`${where} has no statement count or text`);
  }
  if (!isCount(r!.chunk)) throw new DamagedBackup(`${where} has no number`);
  const chunk = { datasetId: meta.id, chunk: r!.chunk, count } as StatementChunk;
  const columns = chunk as unknown as Record<string, unknown>;
  for (const k of CHUNK_NUMBERS) {
    const encoded = r![k];
    if (!isText(encoded)) throw new DamagedBackup(`${where} has no column ${k}`);
    const bytes = fromBase64(encoded);
    if (!bytes) throw new DamagedBackup(`${where} has a column that is not base64`);
    const Ctor = CHUNK_ARRAYS[k];
    if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
      throw new DamagedBackup(`column ${k} of ${where} has the wrong length`);
    }
    columns[k] = new Ctor(bytes.buffer as ArrayBuffer);
  }
  const lists = {} as Record<TextColumn, string[]>;
  for (const c of TEXT_COLUMNS) {
    const values = text[c];
    if (!isTextList(values) || values.length !== count) {
      throw new DamagedBackup(`column ${c} of ${where} has the wrong length or is not text`);
    }
    lists[c] = values;
  }
  const outside = firstOutside(chunk, meta);
  if (outside) throw new DamagedBackup(`${where} has ${outside}`);
  // Only http(s) links are ever kept, whatever the file says.
  lists.url = lists.url.map(safeUrl);
  chunk.text = Object.fromEntries(
    TEXT_COLUMNS.map((c) => [c, packColumn(lists[c])]),
  ) as StatementChunk['text'];
  return chunk;
}

/** What the first value out of range is, in words, or null when every value is in range. */
function firstOutside(chunk: StatementChunk, meta: DatasetMeta): string | null {
  for (let i = 0; i < chunk.count; i++) {
    const day = chunk.day[i];
    if (day < MIN_DAY || day > MAX_DAY) return `a day outside the years 0000-9999 (${day})`;
    if (chunk.precision[i] >= PRECISION_BY_CODE.length) return 'an unknown date precision';
    if (chunk.stance[i] < -2 || chunk.stance[i] > 2) return 'a stance outside -2..2';
    if ((chunk.flags[i] & ~KNOWN_FLAGS) !== 0) return 'an unknown flag';
    const confidence = chunk.confidence[i];
    // NaN: no confidence given.
    if (confidence < 0 || confidence > 1) return 'a confidence outside 0..1';
    if (chunk.actor[i] >= meta.actors.length) return 'an actor outside its dictionary';
    if (chunk.affiliation[i] >= meta.affiliations.length) {
      return 'an affiliation outside its dictionary';
    }
    if (chunk.topic[i] >= meta.topics.length) return 'a topic outside its dictionary';
  }
  return null;
}
