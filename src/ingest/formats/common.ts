/**
 * Small pieces the formats share: the default rule, column lookup by name, reading a cell with
 * the format's missing-value tokens, and the score -> stance thresholds.
 */
import type { NativeColumn, StanceValue } from '../../domain/types';
import { headerKey, type ColumnMapping } from '../columns';
import { cleanText } from '../normalize';
import { dateFormatLabel } from './dates';
import type { FormatContext, Rule, Sample } from './types';

/** The rule before a format or the sample says otherwise. */
export const DEFAULT_RULE: Readonly<Rule> = Object.freeze({
  header: true,
  dateFormat: 'iso',
  stanceRule: 'quadclass',
  strong: 5,
  weak: 1,
  eventStance: {},
  topicColumns: [],
  cellScale: 'strength',
  flagStance: 1,
  topic: 'timeline',
  stance: 0,
  actorFrom: 'group',
  stanceValues: {},
  stanceCuts: [],
  fixed: {},
  split: {},
});

/** Cell values that mean "no value" in files analysts make (SPSS's `#NULO#`, R's `NA`). */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  'NA',
  'N/A',
  'na',
  'n/a',
  '#NULO#',
  '#NULL!',
  '-',
  '\u2013',
  '?',
]);

/**
 * True when a cleaned cell is a missing-value marker. The first character is tested before the
 * set, so the common cell costs one comparison: `isMissingMarker('N/A')` -> true.
 */
export function isMissingMarker(value: string): boolean {
  if (value.length > 6 || value === '') return false;
  const c = value.charCodeAt(0);
  if (c === 45) return value.length === 1;
  return (
    (c === 78 || c === 110 || c === 35 || c === 63 || c === 0x2013) && MISSING_MARKERS.has(value)
  );
}

/**
 * The context a mapper works in. With a header, columns are found by their names in it
 * (compared through `headerKey`); without one, by their place in the codebook.
 * `makeContext(['SQLDATE', 'Actor1Name'], true, {}).col('actor1name')` -> 1.
 */
export function makeContext(
  headers: readonly string[],
  header: boolean,
  mapping: ColumnMapping,
): FormatContext {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!index.has(key)) index.set(key, i);
  });
  return {
    headers,
    header,
    mapping,
    col: (...names: string[]) => {
      for (const name of names) {
        const i = index.get(headerKey(name));
        if (i !== undefined) return i;
      }
      return -1;
    },
  };
}

/**
 * A reader of cleaned cells that turns the format's missing-value tokens into ''.
 * `cellReader(['NA'])(['x', ' NA '], 1)` -> ''; an index of -1 or past the row's end -> ''.
 */
export function cellReader(
  missing: readonly string[],
): (fields: readonly string[], i: number) => string {
  const tokens = new Set(missing);
  return (fields, i) => {
    if (i < 0) return '';
    const raw = fields[i];
    if (raw === undefined || raw === '') return '';
    const value = cleanText(raw);
    return tokens.has(value) ? '' : value;
  };
}

/**
 * A score on a symmetric scale (Goldstein -10..10, ICEWS Intensity) -> stance by thresholds:
 * at or past `strong` is +-2, at or past `weak` is +-1, between is neutral. Null for a non-number.
 * `thresholdStance('7.0', 5, 1)` -> 2; `thresholdStance('-2.5', 5, 1)` -> -1;
 * `thresholdStance('0.4', 5, 1)` -> 0; `thresholdStance('', 5, 1)` -> null.
 */
export function thresholdStance(text: string, strong: number, weak: number): StanceValue | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const score = Number(text);
  const size = Math.abs(score);
  const sign = score < 0 ? -1 : 1;
  if (size >= strong) return (2 * sign) as StanceValue;
  if (size >= weak) return sign as StanceValue;
  return 0;
}

/**
 * QuadClass -> stance: 1 verbal cooperation +1, 2 material cooperation +2, 3 verbal conflict -1,
 * 4 material conflict -2; Phoenix's PentaClass adds 0 (neutral statement) -> 0. Null otherwise.
 * `quadStance('4')` -> -2; `quadStance('0', true)` -> 0; `quadStance('0')` -> null.
 */
export function quadStance(text: string, penta = false): StanceValue | null {
  switch (text) {
    case '0':
      return penta ? 0 : null;
    case '1':
      return 1;
    case '2':
      return 2;
    case '3':
      return -1;
    case '4':
      return -2;
    default:
      return null;
  }
}

/** Share of the sample's rows with exactly `n` fields: `fieldCountShare(sample, 61)` -> 1. */
export function fieldCountShare(sample: Sample, ...counts: number[]): number {
  if (sample.rows.length === 0) return 0;
  let n = 0;
  for (const row of sample.rows) if (counts.includes(row.fields.length)) n++;
  return n / sample.rows.length;
}

/** True when the first row names every one of `names` (compared through `headerKey`). */
export function hasHeaders(sample: Sample, ...names: string[]): boolean {
  return names.every((n) => sample.keys.has(headerKey(n)));
}

/** The host of an http(s) link, as a source name: `hostOf('https://www.bbc.co.uk/x')` -> 'www.bbc.co.uk'. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : '';
  } catch {
    return '';
  }
}

/** `date <- Date, actor <- Speaker`: a mapping in words. */
export function mappingText(ctx: FormatContext, skip: readonly NativeColumn[] = []): string {
  return Object.entries(ctx.mapping)
    .filter(([col, i]) => i !== undefined && i >= 0 && !skip.includes(col as NativeColumn))
    .map(([col, i]) => `${col} <- ${ctx.headers[i as number] || `column ${(i as number) + 1}`}`)
    .join(', ');
}

export function dateText(rule: Rule): string {
  return rule.dateFormat === null
    ? 'dates: day/month order not chosen'
    : `dates as ${dateFormatLabel(rule.dateFormat)}`;
}
