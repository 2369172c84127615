import type { PackedText } from './packed';
import type { PartMap } from './parts';
import type { TextColumn } from './types';

/**
 * One columnar chunk of a dataset's statements, as stored in IndexedDB and as the worker
 * builds it. Dictionary codes index the dataset's own `actors` / `affiliations` / `topics`.
 * DESIGN.md "Storage and speed": chunk records write at >1M rows/s, one record per statement
 * at 5-12k rows/s.
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

/** The typed-array columns of a chunk, in record order. */
export const CHUNK_NUMBERS = [
  'day',
  'precision',
  'stance',
  'flags',
  'actor',
  'affiliation',
  'topic',
  'confidence',
  'line',
] as const;

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
   * (src/domain/parts.ts); applied by `datasetChunks`. Absent for data read by one worker.
   */
  parts?: PartMap[];
  /**
   * Ids of statements the file held that another dataset had stored first (counted as
   * duplicates): the statement belongs to both, and moves here if that dataset is deleted.
   */
  shared?: PackedText;
}
