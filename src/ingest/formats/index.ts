/**
 * The format registry: every file format the import understands, how one is recognised from a
 * sample, and the rule it maps with (defaults from the sample, then the user's changes).
 */
import { headerKey, type ColumnMapping } from '../columns';
import type { CsvRow } from '../papa-rows';
import { DEFAULT_RULE, makeContext } from './common';
import { detectDateFormat, type DateDetection } from './dates';
import { ACLED } from './acled';
import { GDELT1, GDELT2 } from './gdelt';
import { ICEWS } from './icews';
import { PHOENIX } from './phoenix';
import { NATIVE } from './native';
import { TIMELINEJS } from './timelinejs';
import { UNGA } from './unga';
import { WIDE } from './wide';
import { WIDE_ACTORS } from './wide-actors';
import type { Format, FormatContext, FormatId, Rule, Sample } from './types';

export type { Format, FormatId, Rule } from './types';

/** Every format, in the order the Format select lists them. */
export const FORMATS: readonly Format[] = [
  NATIVE,
  GDELT2,
  GDELT1,
  ICEWS,
  ACLED,
  PHOENIX,
  TIMELINEJS,
  UNGA,
  WIDE,
  WIDE_ACTORS,
];

const BY_ID = new Map<FormatId, Format>(FORMATS.map((f) => [f.id, f]));

/** The format with this id; the native one for an unknown id. */
export function getFormat(id: string | undefined): Format {
  return BY_ID.get(id as FormatId) ?? NATIVE;
}

export interface FormatMatch {
  id: FormatId;
  label: string;
  score: number;
  header: boolean;
}

/**
 * The formats a sample may be in, most likely first; the native format is always among them
 * (it is what the column mapping can make of any table).
 * `detectFormats(sampleOf(gdelt2Rows))` -> `[{ id: 'gdelt2', score: 0.95, header: false }, { id: 'native', ... }]`.
 */
export function detectFormats(sample: Sample): FormatMatch[] {
  const found: FormatMatch[] = [];
  for (const format of FORMATS) {
    const match = format.detect(sample);
    if (match && match.score > 0) {
      found.push({ id: format.id, label: format.label, score: match.score, header: match.header });
    }
  }
  // Stable sort: equal scores keep the registry order.
  return found.sort((a, b) => b.score - a.score);
}

/** The sample as formats see it: rows and the first row's names. */
export function sampleOf(rows: readonly CsvRow[], delimiter: string): Sample {
  const first = rows[0]?.fields.map((f) => f.trim()) ?? [];
  return { rows, delimiter, first, keys: new Set(first.map(headerKey)) };
}

export interface Resolved {
  format: Format;
  ctx: FormatContext;
  rule: Rule;
  /** What the sample's dates look like; null when the format fixes the date format. */
  dates: DateDetection | null;
  /** Data rows of the sample (the header left out). */
  dataRows: readonly CsvRow[];
}

/**
 * The format's context and rule for a sample: whether the first row is a header (detected, or
 * as the user said), the column names, the mapping, then the rule: defaults, what the sample
 * shows (date format, ACLED event types, wide topic columns), and the user's changes on top.
 */
export function resolveFormat(
  format: Format,
  sample: Sample,
  given: { rule?: Partial<Rule>; mapping?: ColumnMapping } = {},
): Resolved {
  const header = given.rule?.header ?? format.detect(sample)?.header ?? !format.rawUnquoted;
  const headers = header ? sample.first : (format.columns ?? []);
  const rows = (header ? sample.rows.slice(1) : sample.rows).map((r) => r.fields);
  const mapping = format.guessMapping ? (given.mapping ?? format.guessMapping(headers, rows)) : {};
  const ctx = makeContext(headers, header, mapping);
  const dataRows = header ? sample.rows.slice(1) : sample.rows;
  const rule: Rule = {
    ...DEFAULT_RULE,
    header,
    ...format.defaults?.(
      ctx,
      dataRows.map((r) => r.fields),
    ),
  };
  let dates: DateDetection | null = null;
  if (format.fixedDateFormat) {
    rule.dateFormat = format.fixedDateFormat;
  } else {
    const i = format.dateColumn?.(ctx) ?? -1;
    dates = detectDateFormat(i < 0 ? [] : dataRows.map((r) => r.fields[i] ?? ''));
    rule.dateFormat = dates.format;
  }
  for (const [key, value] of Object.entries(given.rule ?? {})) {
    if (value !== undefined) (rule as unknown as Record<string, unknown>)[key] = value;
  }
  if (format.fixedDateFormat) rule.dateFormat = format.fixedDateFormat;
  rule.header = header;
  return { format, ctx, rule, dates, dataRows };
}

/**
 * The columns of a format's context, for a readable rule: `formatRuleText(resolved)` ->
 * 'GDELT 2.0 events: no header row (61 codebook columns); actor <- Actor1Name ...'.
 */
export function formatRuleText(resolved: Pick<Resolved, 'format' | 'ctx' | 'rule'>): string {
  return `${resolved.format.label}: ${resolved.format.describe(resolved.rule, resolved.ctx)}`;
}
