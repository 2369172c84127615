/**
 * A large file imported by two workers at once: the import worker reads the first half and a
 * second worker the rest, each on its own core (this machine's two cores: one worker took ~12 s
 * for 1M generated rows, almost all of it parsing and checking rows). The halves meet at a line
 * ending. Each worker stores its own chunks as it goes; the second numbers them from
 * `PART_CHUNK_BASE` and keeps its own dictionary codes and lines, which the dataset's part map
 * turns into the dataset's own on load (src/columnar/parts.ts). The import worker checks each of
 * the second half's ids against the first half's and the stored ones as they arrive, and takes
 * out the few rows one reader would have counted as duplicates. The result is the one a single
 * reader gives, row for row: if the cut fell inside a quoted field (a quote count that is odd at
 * the cut), the first reader simply reads on to the end and the second half's chunks are deleted.
 */
import type { StanceDB } from '../db/db';
import { chunkArrays, type StatementChunk } from '../columnar/chunk';
import { ContentFingerprint, type FingerprintSums } from '../columnar/content-fingerprint';
import type { IdSet } from '../columnar/id-set';
import { ChunkEncoder, packFor } from '../columnar/encode';
import { knownIds as storedIds } from '../db/store';
import { textAt, type PackedText } from '../columnar/packed';
import { dayRange, PART_CHUNK_BASE } from '../columnar/parts';
import { TEXT_COLUMNS, type TextColumn } from '../domain/types';
import { getFormat } from './formats/index';
import type { Rule } from './formats/types';
import { importRows, MAX_STORED_ISSUES, type ImportOptions, type ImportSummary } from './pipeline';
import { EncodingSink } from './encoding-sink';
import type { ImportRequest } from './protocol';
import { mergeRejected } from './rejected';
import { MAX_KEPT_UPDATES } from './updates';

export { SPLIT_MIN_BYTES } from './protocol';

/** What the second worker reports once its half is read and stored. */
export interface PartResult {
  /** Its own dictionaries: its chunks' codes index these. */
  dicts: { actors: string[]; affiliations: string[]; topics: string[] };
  /** Counts and issues of the second half, lines counted from its own first line. */
  summary: ImportSummary;
  /** Chunks it stored, numbered from `PART_CHUNK_BASE`. */
  chunkCount: number;
  /** The content fingerprint of the ids it stored. */
  fingerprint: FingerprintSums;
  /** Ids its rows held that other datasets had stored (duplicates the two share). */
  shared: string[];
}

/** The ids and day range of one chunk the second worker stored. */
export interface PartIds {
  chunk: number;
  ids: PackedText;
  /** Each id's key (`ContentFingerprint.add`): an id whose key the first half lacks is new. */
  keys: Uint32Array;
  minDay: number;
  maxDay: number;
}

/** From the second worker to the import worker, in this order: ids and progress, then done. */
export type FromPart =
  | ({ type: 'part-ids' } & PartIds)
  | { type: 'part-progress'; rows: number; bytes: number }
  | ({ type: 'part-done' } & PartResult)
  | { type: 'error'; message: string; name: string };

/** From the import worker to the second: the dataset to store into, or stop. */
export type ToPart = { type: 'part-begin'; datasetId: string } | { type: 'cancel' };

/** The second half while it is being read elsewhere. */
export interface SecondPart {
  /** False once the first reader went on through the rest itself (the cut was inside quotes). */
  use: boolean;
  /** Rows and bytes read so far by the second worker, for the progress bar. */
  rows: number;
  bytes: number;
  /** Lets the second worker store its chunks into this dataset (its row now exists). */
  begin(datasetId: string): void;
  /** Calls `take` with each stored chunk's ids: those that came already, then as they come. */
  onIds(take: (ids: PartIds) => void): void;
  /** Resolves when the second worker has read and stored everything (rejects with its error). */
  result: Promise<PartResult>;
  /** Stops the second worker (no-op once stopped). */
  stop(): void;
}

/**
 * The import worker's end of the line to a second worker: `send` carries messages to it,
 * `receive` takes its messages. The line itself (a MessagePort, or a call in a test) is the
 * caller's.
 */
export function linkSecond(send: (m: ToPart) => void): {
  part: SecondPart;
  receive: (m: FromPart) => void;
} {
  const early: PartIds[] = [];
  let taker: ((ids: PartIds) => void) | null = null;
  let stopped = false;
  let settle!: { resolve: (r: PartResult) => void; reject: (e: Error) => void };
  const result = new Promise<PartResult>((resolve, reject) => (settle = { resolve, reject }));
  // Observed here: a failure is thrown where the result is awaited, not reported as unhandled.
  result.catch(() => undefined);
  const part: SecondPart = {
    use: true,
    rows: 0,
    bytes: 0,
    result,
    begin: (datasetId) => {
      if (!stopped) send({ type: 'part-begin', datasetId });
    },
    onIds: (take) => {
      taker = take;
      for (const ids of early.splice(0)) take(ids);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      send({ type: 'cancel' });
    },
  };
  const receive = (m: FromPart) => {
    if (m.type === 'part-ids') {
      const { chunk, ids: packed, keys, minDay, maxDay } = m;
      const ids: PartIds = { chunk, ids: packed, keys, minDay, maxDay };
      if (taker) taker(ids);
      else early.push(ids);
    } else if (m.type === 'part-progress') {
      part.rows = m.rows;
      part.bytes = m.bytes;
    } else if (m.type === 'part-done') {
      part.rows = m.summary.rowsRead;
      const { dicts, summary, chunkCount, fingerprint, shared } = m;
      settle.resolve({ dicts, summary, chunkCount, fingerprint, shared });
    } else settle.reject(new Error(m.message));
  };
  return { part, receive };
}

/**
 * The byte offset just after the first line feed at or past the middle of `bytes` (the window
 * starting at `from` in the file), or -1 when it has none. A line feed byte never occurs inside
 * a multi-byte UTF-8 or a Windows-1252 character, so both halves decode on their own.
 * `cutAfterNewline(Uint8Array.of(97, 10, 98), 100)` -> 102.
 */
export function cutAfterNewline(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(10);
  return i === -1 ? -1 : from + i + 1;
}

/** Whether the file's rows may hold quoted fields (a raw GDELT or Phoenix file never quotes). */
export function usesQuotes(formatId: string | undefined, rule: Rule | undefined): boolean {
  const format = getFormat(formatId);
  return !(format.rawUnquoted && rule && !rule.header);
}

/**
 * The first half's text, then, only if it ended inside a quoted field, the rest of the file
 * (read by this reader; the second half is marked unused and stopped).
 */
export async function* firstHalf(
  first: AsyncIterable<string>,
  rest: () => AsyncIterable<string>,
  quotes: boolean,
  second: SecondPart,
): AsyncIterable<string> {
  let odd = false;
  for await (const text of first) {
    if (quotes) {
      for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) odd = !odd;
    }
    yield text;
  }
  if (odd) {
    second.use = false;
    second.stop();
    yield* rest();
  }
}

/** What the second worker reads its half with: the import's choices, and its header row. */
export type PartOptions = ImportOptions & { partHeaders?: readonly string[]; replaces?: string };

/**
 * The options a second worker reads with, from what the user chose in the preview.
 * `partOptions({ delimiter: ',', headers: ['date', ...], ... })`
 * -> `{ delimiter: ',', partHeaders: ['date', ...], ... }`.
 */
export function partOptions(request: ImportRequest): PartOptions {
  return {
    delimiter: request.delimiter,
    newline: request.newline,
    format: request.format,
    rule: request.formatRule,
    mapping: request.mapping,
    partHeaders: request.headers,
    replaces: request.replaces,
  };
}

/**
 * The second worker's job: reads the second half with the header row given (its first row is
 * data), encodes each batch with the part's own dictionaries, and once `datasetId` is known
 * stores it as chunk `PART_CHUNK_BASE + k` of that dataset, then tells `onIds` its ids and
 * `onStored` the chunk. Ids already stored in other datasets (all but `replaces`) are
 * duplicates here, as in the first half.
 * Rejects with an AbortError when the dataset is no longer being imported (see `storeChunk`).
 */
export async function storePart(
  text: AsyncIterable<string>,
  opts: PartOptions,
  database: StanceDB,
  datasetId: Promise<string>,
  onIds: (ids: PartIds) => void,
  onProgress?: (rows: number) => void,
  onStored?: (chunk: StatementChunk) => void,
): Promise<PartResult> {
  const encoder = new ChunkEncoder('part');
  const fingerprint = new ContentFingerprint();
  const knownIds = await storedIds(database, opts.replaces);
  const summary = await importRows(
    text,
    { ...opts, knownIds },
    new EncodingSink(
      encoder,
      fingerprint,
      async ({ chunk, keys }) => {
        chunk.datasetId = await datasetId;
        chunk.chunk += PART_CHUNK_BASE;
        await storeChunk(database, chunk);
        const [minDay, maxDay] = dayRange(chunk.day);
        onIds({ chunk: chunk.chunk, ids: chunk.text.id, keys, minDay, maxDay });
        onStored?.(chunk);
      },
      (rows) => onProgress?.(rows),
    ),
  );
  return {
    summary,
    chunkCount: encoder.chunkCount,
    fingerprint: fingerprint.sums,
    shared: [...knownIds.hits],
    dicts: {
      actors: encoder.actors.values,
      affiliations: encoder.affiliations.values,
      topics: encoder.topics.values,
    },
  };
}

/**
 * Stores a second-half chunk only while its dataset is being imported, checked in the same
 * transaction: once the import worker has given up (a cancel, an error: it deletes the dataset)
 * or finished, a late chunk is refused rather than left behind with no dataset.
 */
async function storeChunk(database: StanceDB, chunk: StatementChunk): Promise<void> {
  await database.transaction('rw', database.datasets, database.chunks, async () => {
    const meta = await database.datasets.get(chunk.datasetId);
    if (meta?.status !== 'importing') {
      throw new DOMException('The import was cancelled.', 'AbortError');
    }
    await database.chunks.add(chunk);
  });
}

/**
 * The import worker's check of the second half's ids against the first half's, once the first
 * half is read. Each second-half id comes with a small integer key (`ContentFingerprint.add`),
 * the same key the first half's IdSet holds its ids by: only an id whose key the first half
 * has is compared as text (a few hundred of 500k by chance, besides the real duplicates), as
 * every id checked as text cost ~0.5 s per 500k rows against ~20 ms. A second-half row whose id
 * the first half has anywhere is a duplicate, as one reader would count it.
 */
export class CrossCheck {
  private readonly parts: PartIds[] = [];
  /** Each stored chunk's day range. */
  readonly ranges = new Map<number, [number, number]>();

  take(ids: PartIds): void {
    this.parts.push(ids);
    this.ranges.set(ids.chunk, [ids.minDay, ids.maxDay]);
  }

  /**
   * The rows to take out, by chunk (rows ascending), given the first half's ids; `dropped` is
   * told each such row's id.
   */
  finish(seen: IdSet, dropped: (id: string) => void): Map<number, number[]> {
    const drops = new Map<number, number[]>();
    for (const { chunk, ids, keys } of this.parts) {
      for (let i = 0; i < keys.length; i++) {
        if (!seen.hasKey(keys[i])) continue;
        const id = textAt(ids, i);
        if (!seen.hasKeyed(id, keys[i])) continue;
        dropped(id);
        const rows = drops.get(chunk);
        if (rows) rows.push(i);
        else drops.set(chunk, [i]);
      }
    }
    this.parts.length = 0;
    return drops;
  }
}

/**
 * The chunk without the rows at `drop` (ascending), its text packed again; null when no row is
 * left. `withoutRows({ count: 3, day: [1, 2, 3], ... }, [1])` -> `{ count: 2, day: [1, 3], ... }`.
 */
export function withoutRows(chunk: StatementChunk, drop: readonly number[]): StatementChunk | null {
  const gone = new Set(drop);
  const rows: number[] = [];
  for (let i = 0; i < chunk.count; i++) if (!gone.has(i)) rows.push(i);
  if (rows.length === 0) return null;
  const text = {} as Record<TextColumn, PackedText>;
  for (const c of TEXT_COLUMNS) {
    text[c] = packFor(
      c,
      rows.map((i) => textAt(chunk.text[c], i)),
    );
  }
  return {
    ...chunk,
    count: rows.length,
    ...chunkArrays((k, Type) => {
      const column = chunk[k];
      const out = new Type(rows.length) as typeof column;
      rows.forEach((i, j) => (out[j] = column[i]));
      return out;
    }),
    text,
  };
}

/**
 * The summary of the whole file from its two halves: counts added up, the second half's issues
 * and updates after the first's with their lines moved on, `crossDuplicates` (second-half rows
 * whose id the first half or the store already had) moved from added to duplicates, and
 * second-half updates of an id the first half already held (`firstHas`) moved from updated to
 * duplicates, as one reader counts them.
 */
export function mergeSummaries(
  first: ImportSummary,
  second: ImportSummary,
  lineOffset: number,
  crossDuplicates: number,
  firstHas: (id: string) => boolean = () => false,
): ImportSummary {
  const moved = <T extends { line: number }>(list: T[]) =>
    list.map((issue) => ({ ...issue, line: issue.line + lineOffset }));
  const secondUpdates = second.updates.filter((r) => !firstHas(r.id));
  const repeated = second.updates.length - secondUpdates.length;
  return {
    rowsRead: first.rowsRead + second.rowsRead,
    added: first.added + second.added - crossDuplicates,
    duplicates: first.duplicates + second.duplicates + crossDuplicates + repeated,
    updated: first.updated + second.updated - repeated,
    updates: [...first.updates, ...moved(secondUpdates)].slice(0, MAX_KEPT_UPDATES),
    rejected: first.rejected + second.rejected,
    issues: [...first.issues, ...moved(second.issues)].slice(0, MAX_STORED_ISSUES),
    issueCount: first.issueCount + second.issueCount,
    warnings: [...first.warnings, ...moved(second.warnings)].slice(0, MAX_STORED_ISSUES),
    warningCount: first.warningCount + second.warningCount,
    invalidChars: (first.invalidChars ?? 0) + (second.invalidChars ?? 0),
    rejectedRows: mergeRejected(first.rejectedRows, second.rejectedRows, lineOffset),
  };
}
