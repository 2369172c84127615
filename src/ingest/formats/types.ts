/**
 * The shapes every import format shares: how it is detected, what the user can change about how
 * it maps (the rule), and the row mapper that turns one row of the file into native values for
 * validate.ts. Pure types, no code: imported by the worker and the page.
 */
import type { NativeColumn, StanceValue } from '../../domain/types';
import type { CsvRow } from '../papa-rows';
import type { ColumnMapping } from '../columns';
import type { DateFormat, ParsedDate } from './dates';
import type { ReadStance, StanceCode } from './stance-values';

export type FormatId =
  | 'native'
  | 'gdelt1'
  | 'gdelt2'
  | 'icews'
  | 'acled'
  | 'phoenix'
  | 'timelinejs'
  | 'unga'
  | 'wide'
  | 'wide-actors';

/** For event data: QuadClass (PentaClass for Phoenix), or a score with thresholds. */
export type StanceRule = 'quadclass' | 'goldstein';

/**
 * For wide tables: how a cell becomes a stance: the 0-3 or yes/no scale, a stance, a flag
 * (1/yes/x -> `flagStance`, 0/no/empty -> no statement), or a number binned by `stanceCuts`.
 */
export type CellScale = 'strength' | 'stance' | 'flag' | 'binned';

/**
 * Everything the user can change about how a format maps, with the detected defaults. One flat
 * object for every format (each reads only its own fields), so it crosses postMessage as is and
 * the preview edits it with a partial change.
 */
export interface Rule {
  /** The first row is a header (GDELT and Phoenix come with and without one). */
  header: boolean;
  /** How dates are read; null while day/month order is undecided (the user must choose). */
  dateFormat: DateFormat | null;
  /** GDELT, Phoenix, ICEWS. */
  stanceRule: StanceRule;
  /** Score at or beyond which a stance is strong (+-2): Goldstein scale or ICEWS Intensity. */
  strong: number;
  /** Score at or beyond which a stance is not neutral (+-1). */
  weak: number;
  /** ACLED: event type -> stance; types not listed use the built-in defaults. */
  eventStance: Record<string, StanceValue>;
  /** Wide tables: indices of the columns melted into one statement each. */
  topicColumns: number[];
  /** Wide tables: how a cell value becomes a stance. */
  cellScale: CellScale;
  /** Wide tables of flags: the stance a set flag means (a veto: strongly oppose). */
  flagStance: StanceValue;
  /** TimelineJS: the topic every row gets (the sheet has none). */
  topic: string;
  /** TimelineJS: the stance every row gets. */
  stance: StanceValue;
  /** TimelineJS: the actor is the `Group` column or the `Headline`. */
  actorFrom: 'group' | 'headline';
  /** File lines whose `"` are read as text: the user's choice for a quote that never closes. */
  textQuotes?: number[];
  /** Native: stance cell value -> stance (the `Stance values` table); {} when none is needed. */
  stanceValues: Record<string, StanceCode>;
  /** Native: four thresholds binning a numeric stance column (see binStance); [] for none. */
  stanceCuts: number[];
  /** Native: fields that take one value for every row instead of a column (`topic: 'atheism'`). */
  fixed: Partial<Record<NativeColumn, string>>;
  /** Native: fields whose cells list several values, split on this separator. */
  split: Partial<Record<NativeColumn, string>>;
}

/** One row mapped onto native columns, before validation. Text is already cleaned. */
export interface NativeValues {
  id?: string;
  /** The date as written; '' when the row has none. */
  date: string;
  /** A date the format already read (TimelineJS parts); skips parsing `date`. */
  parsedDate?: ParsedDate | null;
  actor: string;
  topic: string;
  stance: string;
  /** A stance the format already computed; skips parsing `stance`. */
  parsedStance?: ReadStance | null;
  affiliation?: string;
  conditions?: string;
  quote?: string;
  summary?: string;
  target?: string;
  source?: string;
  url?: string;
  reportedVia?: string;
  confidence?: string;
  /** Why a required value is missing, in the format's words (`Actor1Name and Actor1Code are empty`). */
  why?: Partial<Record<'date' | 'actor' | 'topic' | 'stance', string>>;
  /** For a row melted into several statements: which column this one came from. */
  part?: string;
  /** The format rejects the row outright (a TimelineJS title slide), with this reason. */
  reject?: { column: string; message: string };
}

/** What a format sees of a sample to recognise itself. */
export interface Sample {
  /** All rows of the sample; the first may be a header. */
  rows: readonly CsvRow[];
  delimiter: string;
  /** The first row, trimmed. */
  first: readonly string[];
  /** `headerKey` of each cell of the first row. */
  keys: ReadonlySet<string>;
}

export interface Detected {
  /** 0 (no) .. 1 (certain). */
  score: number;
  /** The first row is a header. */
  header: boolean;
}

/** What a mapper knows about the file: its column names and the native mapping. */
export interface FormatContext {
  /** The header row, or the codebook's names for a file without one. */
  headers: readonly string[];
  header: boolean;
  /** Native and wide tables: which column holds which native column. */
  mapping: ColumnMapping;
  /** Index of the first of `names` present (compared through `headerKey`), or -1. */
  col(...names: string[]): number;
}

/** One row -> native values; a wide table gives several, one per topic column. */
/**
 * One row's cells -> its statement values (a wide table's row gives several). `clean` says no
 * cell has a character `cleanText` removes or changes (see `needsCleaning`), so a trim is all
 * the cleaning a cell needs; mappers may ignore it.
 */
export type RowMapper = (
  fields: readonly string[],
  line: number,
  clean?: boolean,
) => NativeValues | NativeValues[];

/** What a format lets the user change in the preview; the panel draws exactly these. */
export interface FormatControls {
  /** Columns are mapped by hand (a select per native column). */
  mapping?: boolean;
  /** The stance column's values are mapped in a `Stance values` table. */
  stanceValues?: boolean;
  /** Wide tables: the chosen columns are topics or actors, one statement per cell. */
  melt?: 'topic' | 'actor';
  /** Fields that take a fixed value (`Fixed value…` in their select). */
  fixed?: boolean;
  /**
   * Event data scored by a class and a score (QuadClass or Goldstein thresholds): the two
   * columns the stance rule reads, in the format's own names.
   */
  scored?: { quad: string; score: string };
  /** One topic, stance and actor source for every row (a TimelineJS sheet has none). */
  sheetDefaults?: boolean;
  /** A stance per event type (ACLED's `event_type`), in a table of the types the file holds. */
  eventTypes?: boolean;
}

export interface Format {
  id: FormatId;
  label: string;
  /** Codebook column names, for files without a header (and to describe the layout). */
  columns?: readonly string[];
  /** Raw files without a header never quote (GDELT, Phoenix): a `"` there is plain text. */
  rawUnquoted?: boolean;
  /** Cell values that mean "no value" (`NA` in ICEWS). */
  missing: readonly string[];
  /**
   * Native and wide tables: the column mapping guessed from the header and, where no header
   * names a column, from the sample's rows (the user can change it).
   */
  guessMapping?(headers: readonly string[], rows?: readonly (readonly string[])[]): ColumnMapping;
  /** The controls the preview draws for this format, beyond the Format select. */
  controls?: FormatControls;
  /** Native columns the mapping must give (native: date, actor, topic, stance). */
  required?: readonly NativeColumn[];
  /** The date format, when the format fixes it (`YYYYMMDD` for GDELT). */
  fixedDateFormat?: DateFormat;
  detect(sample: Sample): Detected | null;
  /** The cell the date is read from, to detect its format from a sample; -1 when none. */
  dateColumn?(ctx: FormatContext): number;
  /** Wide tables: the columns that may be melted (their values fit a cell scale). */
  meltCandidates?(ctx: FormatContext, rows: readonly (readonly string[])[]): number[];
  /** Rule defaults that depend on the sample (ACLED's event types, wide topic columns). */
  defaults?(ctx: FormatContext, rows: readonly (readonly string[])[]): Partial<Rule>;
  /** The rule in words, for the preview and the dataset's metadata. */
  describe(rule: Rule, ctx: FormatContext): string;
  mapper(ctx: FormatContext, rule: Rule): RowMapper;
}
