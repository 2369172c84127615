/**
 * The stance column's values as coders write them: words in their common English forms
 * (`opposes`, `in favour`, `open to`, FAVOR / AGAINST / NONE), numbers on other scales (0..1
 * proportions, percentages, 0..10 left-right, -10..10 Goldstein) binned by thresholds, and the
 * value -> stance table the user edits in the preview (`Stance values`). Runs in the worker.
 */
import { STANCE_LABEL } from '../../domain/stance';
import type { StanceValue } from '../../domain/types';
import { parseStance } from '../normalize';

/** A mapped value: a stance -2..2, `c` (conditional support) or `u` (uncoded). */
export type StanceCode = '-2' | '-1' | '0' | '1' | '2' | 'c' | 'u';

export const STANCE_CODES: readonly { code: StanceCode; label: string }[] = [
  { code: '-2', label: STANCE_LABEL[-2] },
  { code: '-1', label: STANCE_LABEL[-1] },
  { code: '0', label: STANCE_LABEL[0] },
  { code: '1', label: STANCE_LABEL[1] },
  { code: '2', label: STANCE_LABEL[2] },
  { code: 'c', label: 'conditional' },
  { code: 'u', label: 'uncoded' },
];

/** What a stance cell becomes: a stance, or an uncoded statement (stored with stance 0). */
export interface ReadStance {
  stance: StanceValue;
  conditional: boolean;
  uncoded?: boolean;
}

export const UNCODED: Readonly<ReadStance> = Object.freeze({
  stance: 0,
  conditional: false,
  uncoded: true,
});

/** Every error about a stance ends with this, so the user knows what is accepted. */
export const ACCEPTED_STANCES =
  'accepted: -2..2, strongly oppose, oppose, neutral, support, strongly support, conditional, or a value mapped in Stance values';

/** `codeStance('c')` -> `{ stance: 1, conditional: true }`; `codeStance('u')` -> UNCODED. */
export function codeStance(code: StanceCode): ReadStance {
  if (code === 'u') return UNCODED;
  if (code === 'c') return { stance: 1, conditional: true };
  return { stance: Number(code) as StanceValue, conditional: false };
}

/** Word forms, tried in order on the lower-cased value with `_`/`-` as spaces. */
const WORDS: readonly [RegExp, StanceCode][] = [
  [/^(strongly|firmly|totally|completely) (oppos\w*|against|rejects?|rejected)$/, '-2'],
  [/^(strongly|firmly|fully|totally) (support\w*|in favou?r|favou?rs?|backs?|backed)$/, '2'],
  [/^(open to|willing|conditional\w*|conditionally support\w*|open)$/, 'c'],
  [/^(oppos\w*|against|rejects?|rejected|rejecting|disagrees?|anti|con)$/, '-1'],
  [/^(support\w*|in favou?r|favou?rs?|backs?|backed|backing|agrees?|pro|for)$/, '1'],
  [/^(neutral|none|unclear|neither|mixed|ambiguous|no position|undecided)$/, '0'],
];

/**
 * The stance a value most likely means, or null when nothing is proposed.
 * `proposeStance('Strongly opposes')` -> '-2'; `proposeStance('FAVOR')` -> '1';
 * `proposeStance('open to')` -> 'c'; `proposeStance('')` -> 'u'; `proposeStance('maybe')` -> null.
 */
export function proposeStance(value: string): StanceCode | null {
  const t = value.trim();
  if (t === '') return 'u';
  const parsed = parseStance(t);
  if (parsed) return parsed.conditional ? 'c' : (String(parsed.stance) as StanceCode);
  const words = t.toLowerCase().replace(/[\s_-]+/g, ' ');
  for (const [pattern, code] of WORDS) if (pattern.test(words)) return code;
  return null;
}

/** A number as a stance cell writes it (a decimal comma too): `numberOf('0,5')` -> 0.5. */
export function numberOf(text: string): number {
  const t = text.trim().replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

export interface NumericScale {
  label: string;
  /** Four ascending thresholds: below the first -2, then -1, 0, +1, at or above the last +2. */
  cuts: number[];
}

/**
 * The scale a column of numbers is on, from its range, or null when some value is not a
 * number or every value is already -2..2 in whole steps.
 * `numericScale(['0.1', '0.75'])` -> `{ label: '0..1 proportion', cuts: [0.2, 0.4, 0.6, 0.8] }`.
 */
export function numericScale(values: readonly string[]): NumericScale | null {
  let min = Infinity;
  let max = -Infinity;
  let native = true;
  let any = false;
  for (const v of values) {
    if (v.trim() === '') continue;
    const n = numberOf(v);
    if (Number.isNaN(n)) return null;
    any = true;
    min = Math.min(min, n);
    max = Math.max(max, n);
    if (!Number.isInteger(n) || n < -2 || n > 2) native = false;
  }
  if (!any || native) return null;
  if (min >= 0 && max <= 1) return { label: '0..1 proportion', cuts: [0.2, 0.4, 0.6, 0.8] };
  if (min >= 0 && max <= 10) return { label: '0..10 scale', cuts: [2, 4, 6, 8] };
  if (min >= 0 && max <= 100) return { label: '0..100 percentage', cuts: [20, 40, 60, 80] };
  if (min >= -10 && max <= 10) return { label: '-10..10 (Goldstein)', cuts: [-6, -2, 2, 6] };
  const step = (max - min) / 5;
  return { label: `${min}..${max}`, cuts: [1, 2, 3, 4].map((k) => min + k * step) };
}

/** `binStance(0.7, [0.2, 0.4, 0.6, 0.8])` -> 1. */
export function binStance(n: number, cuts: readonly number[]): StanceValue {
  let i = 0;
  while (i < 4 && n >= cuts[i]) i++;
  return (i - 2) as StanceValue;
}

export interface ValueCount {
  value: string;
  count: number;
}

/** The most values the preview lists (a free-text column would list every cell). */
export const MAX_LISTED_VALUES = 200;

/**
 * Distinct values with their counts, the most frequent first (ties in first-seen order).
 * `valueCounts(['a', 'b', 'b'])` -> `[{ value: 'b', count: 2 }, { value: 'a', count: 1 }]`.
 */
export function valueCounts(values: readonly string[]): ValueCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_LISTED_VALUES);
}

/**
 * The proposed table for a sample's stance values: {} when every value is already a native
 * stance (nothing to map), else each value's proposal (values with none are left out, so their
 * rows are rejected until the user maps them).
 * `proposeTable(['opposes', 'in favour'])` -> `{ opposes: '-1', 'in favour': '1' }`.
 */
export function proposeTable(values: readonly string[]): Record<string, StanceCode> {
  if (values.every((v) => v === '' || parseStance(v) !== null)) return {};
  const table: Record<string, StanceCode> = Object.create(null) as Record<string, StanceCode>;
  for (const { value } of valueCounts(values)) {
    const code = proposeStance(value);
    if (code !== null) table[value] = code;
  }
  return { ...table };
}

/**
 * A reader of stance cells by the rule: the user's table first, then the native scale, then
 * the numeric thresholds; empty is uncoded; null when nothing reads the value.
 * `stanceReader({ opposes: '-1' }, [])('opposes')` -> `{ stance: -1, conditional: false }`.
 */
export function stanceReader(
  table: Readonly<Record<string, StanceCode>>,
  cuts: readonly number[],
): (text: string) => ReadStance | null {
  // A Map, so a value such as `constructor` never finds Object.prototype's.
  const known = new Map<string, ReadStance>(
    Object.entries(table).map(([value, code]) => [value, codeStance(code)]),
  );
  const binned = cuts.length === 4;
  return (text) => {
    const mapped = known.get(text);
    if (mapped !== undefined) return mapped;
    if (text === '') return UNCODED;
    if (binned) {
      const n = numberOf(text);
      if (!Number.isNaN(n)) return { stance: binStance(n, cuts), conditional: false };
    }
    return parseStance(text);
  };
}

/** `codeOf({ stance: 1, conditional: true })` -> 'c'; null -> '' (not mapped). */
export function codeOf(read: ReadStance | null): StanceCode | '' {
  if (read === null) return '';
  if (read.uncoded) return 'u';
  if (read.conditional) return 'c';
  return String(read.stance) as StanceCode;
}
