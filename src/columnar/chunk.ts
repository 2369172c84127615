import type { PackedText } from './packed';
import type { TextColumn } from '../domain/types';

/**
 * One columnar chunk of a dataset's statements, as stored in IndexedDB and as the worker
 * builds it. Dictionary codes index the dataset's own `actors` / `affiliations` / `topics`.
 * Chunks, not a record per statement: >1M rows/s written against 5-12k (docs/performance.md).
 */
export interface StatementChunk {
  datasetId: string;
  chunk: number;
  count: number;
  day: Int32Array;
  precision: Uint8Array;
  stance: Int8Array;
  flags: Uint8Array;
  actor: Uint32Array;
  affiliation: Uint32Array;
  topic: Uint32Array;
  confidence: Float32Array;
  line: Uint32Array;
  /** Each text column packed into one string (schema version 2; version 1 stored arrays). */
  text: Record<TextColumn, PackedText>;
}

/** The names of a chunk's typed-array columns (`day`, `precision`, ...). */
export type ChunkNumber = {
  [K in keyof StatementChunk]: StatementChunk[K] extends ArrayBufferView ? K : never;
}[keyof StatementChunk];

/** A typed-array type: made empty with a length, or over stored bytes. */
export interface TypedArrayType {
  new (length: number): ArrayBufferView;
  new (buffer: ArrayBuffer): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * Each typed-array column of a chunk with its array type, in record order: the one list that
 * encoding, taking rows out and backups read.
 */
export const CHUNK_ARRAYS = {
  day: Int32Array,
  precision: Uint8Array,
  stance: Int8Array,
  flags: Uint8Array,
  actor: Uint32Array,
  affiliation: Uint32Array,
  topic: Uint32Array,
  confidence: Float32Array,
  line: Uint32Array,
} as const satisfies Record<ChunkNumber, TypedArrayType>;

/** The typed-array columns of a chunk, in record order. */
export const CHUNK_NUMBERS = Object.keys(CHUNK_ARRAYS) as ChunkNumber[];

/** A chunk's typed-array columns alone. */
export type ChunkArrays = Pick<StatementChunk, ChunkNumber>;

/**
 * Every typed-array column, each made by `make` from its name and array type.
 * `chunkArrays((_, Type) => new Type(2))` -> `{ day: Int32Array [0, 0], precision: ..., ... }`.
 */
export function chunkArrays(
  make: (name: ChunkNumber, Type: TypedArrayType) => ArrayBufferView,
): ChunkArrays {
  const out: Partial<Record<ChunkNumber, ArrayBufferView>> = {};
  for (const k of CHUNK_NUMBERS) out[k] = make(k, CHUNK_ARRAYS[k]);
  return out as ChunkArrays;
}

export type DatasetStatus = 'importing' | 'ready';

/** A dataset's metadata row. It is shown only once `status` is `ready`. */
export interface DatasetMeta {
  id: string;
  name: string;
  sourceFile: string;
  format: string;
  /** The mapping rule used (column mapping, stance rule, ...), for the dataset manager. */
  rule: string;
  importedAt: string;
  status: DatasetStatus;
  /** Data rows read from the file. */
  rowCount: number;
  statementCount: number;
  duplicateCount: number;
  rejectedCount: number;
  chunkCount: number;
  actors: string[];
  affiliations: string[];
  topics: string[];
  minDay: number;
  maxDay: number;
  /** Short content fingerprint carried by share links. */
  fingerprint: string;
  /** Bundled example data, restorable from the empty state. */
  bundled?: boolean;
  hidden?: boolean;
  /**
   * How to read the chunks a second import worker stored with its own codes and lines
   * (src/columnar/parts.ts); applied by `datasetChunks`. Absent for data read by one worker.
   */
  parts?: PartMap[];
  /**
   * Ids of statements the file held that another dataset had stored first (counted as
   * duplicates): the statement belongs to both, and moves here if that dataset is deleted.
   */
  shared?: PackedText;
}

/**
 * Chunks stored by a second import worker (src/ingest/part.ts), which reads the later half of
 * a large file at the same time as the import worker reads the first. That worker cannot know
 * the dataset's dictionary codes or the file line its half starts on until the first half is
 * read, so its chunks are stored with its own codes and lines counted from its own first line,
 * and the dataset's metadata keeps this map to read them by. Rewriting them instead would clone
 * all their text into IndexedDB a second time, on the import's critical path.
 */
export interface PartMap {
  /** Chunks numbered from here on belong to the part (`PART_CHUNK_BASE`). */
  firstChunk: number;
  /** Added to each stored line: the file line before the part's first line. */
  lineOffset: number;
  /** The dataset's code of each of the part's own codes (index = the part's code). */
  actors: number[];
  affiliations: number[];
  topics: number[];
}
