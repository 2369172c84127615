import type { StanceValue } from '../domain/types';
import type { TextTable } from './text';

/** Row indices, as `filterRows` returns them (a Uint32Array) or a plain array. */
export type Rows = ArrayLike<number>;

/**
 * The in-memory column cache over every visible dataset: one global dictionary per coded
 * column, rows sorted by (day, actor, topic) so that as-of queries are a forward scan.
 * Built once after load or import (1M rows: about 0.5 s), then every filter and aggregate
 * reads it.
 */
export interface ColumnCache {
  n: number;
  /** Start day of each statement (days since 1970-01-01 UTC). */
  day: Int32Array;
  /** First day after the statement's period (day + 1 for day precision). */
  end: Int32Array;
  /** 0 day, 1 month, 2 year (PRECISION_BY_CODE). */
  precision: Uint8Array;
  stance: Int8Array;
  /** FLAG_CONDITIONAL | FLAG_REPORTED | FLAG_UNCODED. */
  flags: Uint8Array;
  actor: Uint32Array;
  affiliation: Uint32Array;
  topic: Uint32Array;
  confidence: Float32Array;
  /** Line in the source file. */
  line: Uint32Array;
  /** Index into `datasets`. */
  dataset: Uint16Array;
  /** Text columns, read per row: `text.get('quote', row)`. */
  text: TextTable;
  actors: string[];
  affiliations: string[];
  topics: string[];
  /** Ids of the datasets the rows come from, in cache order. */
  datasets: string[];
  /** Most frequent affiliation code of each actor (-1 when none). */
  actorAffiliation: Int32Array;
  minDay: number;
  maxDay: number;
  /**
   * Set on a cache made by an edit that changed only the stance, flags, confidence or text of
   * `rows` (src/query/edit-overlay.ts): what was worked out from `from` can be patched, not redone.
   */
  edited?: { from: ColumnCache; rows: Uint32Array };
}

/** Stance filter values: the five stances plus `c` for conditional and `u` for uncoded. */
export type StanceFilter = StanceValue | 'c' | 'u';

/** A filter over the cache. Empty lists mean "all"; names are the dictionary strings. */
export interface Filter {
  from: number | null;
  to: number | null;
  actors: string[];
  affiliations: string[];
  topics: string[];
  stances: StanceFilter[];
  search: string;
}

export const EMPTY_FILTER: Filter = {
  from: null,
  to: null,
  actors: [],
  affiliations: [],
  topics: [],
  stances: [],
  search: '',
};
