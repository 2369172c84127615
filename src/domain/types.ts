/**
 * The statement record and the shapes shared by ingest, db, query and the views.
 * Pure types and tiny helpers only: imported by the worker and by node tests.
 */

/** How precise a statement's date is; a month-precise statement covers its whole month. */
export type Precision = 'day' | 'month' | 'year';

/** -2 strongly oppose .. +2 strongly support. `conditional` is +1 with the conditional flag. */
export type StanceValue = -2 | -1 | 0 | 1 | 2;

/** One statement as it leaves normalization, before it is encoded into columns. */
export interface StatementRecord {
  /** Stable id: the file's `id` column, or a hash of the normalized record. */
  id: string;
  /** Start of the dated period, in days since 1970-01-01 (UTC). */
  day: number;
  precision: Precision;
  actor: string;
  affiliation: string;
  topic: string;
  stance: StanceValue;
  conditional: boolean;
  /** Not coded yet (no stance in the file, or a value mapped to uncoded): stored with stance 0. */
  uncoded?: boolean;
  conditions: string;
  quote: string;
  summary: string;
  target: string;
  source: string;
  /** Only http(s) links survive normalization; anything else becomes ''. */
  url: string;
  reportedVia: string;
  /** 0..1, or NaN when the file gives none. */
  confidence: number;
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
}

/** A problem found in one row: which line, which column, and why. Never thrown. */
export interface RowIssue {
  line: number;
  column: string;
  message: string;
}

/** The native columns of the CSV format, in the order exports write them. */
export const NATIVE_COLUMNS = [
  'id',
  'date',
  'actor',
  'affiliation',
  'topic',
  'stance',
  'conditions',
  'quote',
  'summary',
  'target',
  'source',
  'url',
  'reported_via',
  'confidence',
] as const;
export type NativeColumn = (typeof NATIVE_COLUMNS)[number];

/** Text columns kept per statement as string arrays in the store and the column cache. */
export const TEXT_COLUMNS = [
  'id',
  'conditions',
  'quote',
  'summary',
  'target',
  'source',
  'url',
  'reportedVia',
] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

/** Bit flags stored per statement. */
export const FLAG_CONDITIONAL = 1;
export const FLAG_REPORTED = 2;
/** No stance yet: the row is evidence to code, never part of a carried-forward state. */
export const FLAG_UNCODED = 4;

export const PRECISION_CODE: Record<Precision, number> = { day: 0, month: 1, year: 2 };
export const PRECISION_BY_CODE: Precision[] = ['day', 'month', 'year'];
