/**
 * Turning one cell of text into a typed value. Each parser returns null (or '' / NaN) for
 * text it does not accept; validate.ts turns that into a message for the user.
 */
import { dayNumber, daysInMonth } from '../domain/dates';
import type { Precision, StanceValue } from '../domain/types';

/**
 * A date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with the precision it was given in. Days must be
 * real calendar days. `parseDate('2024-12')` -> `{ day: 20058, precision: 'month' }`;
 * `parseDate('2024-02-30')` -> null.
 */
export function parseDate(text: string): { day: number; precision: Precision } | null {
  if (text.length === 10) {
    const fast = isoDayFast(text);
    if (fast !== undefined) return fast;
  }
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { day: dayNumber(year, 1, 1), precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { day: dayNumber(year, month, 1), precision: 'month' };
  const day = Number(m[3]);
  // Checked by arithmetic: formatting each date back (parseIsoDay) was the slowest step here.
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { day: dayNumber(year, month, day), precision: 'day' };
}

/**
 * `YYYY-MM-DD` read by character codes, the shape nearly every native file uses: undefined when
 * the text is not exactly that shape (the regex path then decides), null when it is but names no
 * real day. The regex path costs 0.28 µs a row in a node profile; this one is below notice.
 * `isoDayFast('2024-12-18')` -> `{ day: 20075, precision: 'day' }`; `isoDayFast('2024-02-30')` -> null.
 */
function isoDayFast(t: string): { day: number; precision: Precision } | null | undefined {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 7);
  const day = digits(t, 8, 10);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { day: dayNumber(year, month, day), precision: 'day' };
}

/** The decimal number in `t[from..to)`, or -1 when a character is not a digit. */
function digits(t: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** True when the text has the shape of a full date, to tell "wrong format" from "no such day". */
export function looksLikeIsoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
}

const STANCE_LABELS = new Map<string, { stance: StanceValue; conditional: boolean }>([
  ['strongly oppose', { stance: -2, conditional: false }],
  ['oppose', { stance: -1, conditional: false }],
  ['neutral', { stance: 0, conditional: false }],
  ['ambiguous', { stance: 0, conditional: false }],
  ['support', { stance: 1, conditional: false }],
  ['strongly support', { stance: 2, conditional: false }],
  ['conditional', { stance: 1, conditional: true }],
  ['conditional support', { stance: 1, conditional: true }],
]);

/** Every label and number as a clean cell writes it; results are shared (callers only read). */
const STANCE_EXACT = new Map<string, { stance: StanceValue; conditional: boolean }>([
  ...STANCE_LABELS,
  ...([-2, -1, 0, 1, 2] as const).map(
    (n) => [String(n), { stance: n as StanceValue, conditional: false }] as const,
  ),
  ['+1', { stance: 1, conditional: false }],
  ['+2', { stance: 2, conditional: false }],
]);

/**
 * A stance as a number from -2 to 2 (`+1`, and a typographic minus `−1`, are fine) or a label
 * in any case, with spaces, underscores or dashes between words. `conditional` is +1 with the
 * conditional flag. `parseStance(' Strongly_Oppose ')` -> `{ stance: -2, conditional: false }`;
 * `parseStance('conditional support')` -> `{ stance: 1, conditional: true }`;
 * `parseStance('3')` -> null.
 */
export function parseStance(text: string): { stance: StanceValue; conditional: boolean } | null {
  // Clean cells (`oppose`, `-1`) are one Map lookup: the trim/replace/regex path below was
  // 0.17 µs a row in a node CPU profile of generated rows, this 0.08 µs.
  const exact = STANCE_EXACT.get(text);
  if (exact !== undefined) return exact;
  const t = text.trim().replace(/^[\u2212\u2013]/, '-');
  if (/^[+-]?[0-2]$/.test(t)) {
    const n = Number(t);
    return { stance: (n === 0 ? 0 : n) as StanceValue, conditional: false };
  }
  const label = t.toLowerCase().replace(/[\s_-]+/g, ' ');
  return STANCE_LABELS.get(label) ?? null;
}

export { safeUrl } from '../domain/links';

/**
 * A confidence as a plain decimal number; a decimal comma is accepted because semicolon files
 * from European spreadsheets write `0,8`. NaN when empty or not a number; the 0..1 range is
 * checked by validate.ts. `parseConfidence('0,75')` -> 0.75; `parseConfidence('')` -> NaN.
 */
export function parseConfidence(text: string): number {
  const fast = plainDecimal(text);
  if (fast >= 0) return fast;
  let t = text.trim();
  if (t.includes(',')) t = t.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/** Exact powers of ten: 10 ** k is a double without rounding up to k = 22. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `digits` or `digits.digits`, at most 15 characters, read by character codes as
 * integer / 10^k, the shape nearly every confidence has; -1 for any other text (the regex path
 * of parseConfidence then decides). Both operands are exact doubles and IEEE division rounds
 * correctly, so the result is the double `Number(text)` gives (the regex path: 0.23 s per 1M rows).
 * `plainDecimal('0.63')` -> 0.63; `plainDecimal('1')` -> 1; `plainDecimal(' 0.5')` -> -1.
 */
function plainDecimal(t: string): number {
  const n = t.length;
  if (n === 0 || n > 15) return -1;
  let int = 0;
  let point = -1;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 46 && point < 0 && i > 0 && i < n - 1) {
      point = i;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    int = int * 10 + d;
  }
  return point < 0 ? int : int / POW10[n - 1 - point];
}

/** The characters cleanText removes or changes inside a cell (a CR becomes part of a `\n`). */
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * True when some character of `text` is one cleanText removes or changes (besides white space at
 * the ends). One scan of the text of many rows spares a regex call per cell (~0.4 -> ~0.3 s of
 * cleaning per 500k rows).
 * `needsCleaning('a,b\n"c"')` -> false; `needsCleaning('a\r\nb')` -> true.
 */
export function needsCleaning(text: string): boolean {
  return NEEDS_CLEANING.test(text);
}

const NEEDS_CLEANING_FROM = new RegExp(NEEDS_CLEANING.source, 'g');

/**
 * Where the first character cleanText changes is in `text`, from `from` on; -1 when none is.
 * `uncleanAt('ab\r\ncd\u0000', 3)` -> 6.
 */
export function uncleanAt(text: string, from: number): number {
  NEEDS_CLEANING_FROM.lastIndex = from;
  return NEEDS_CLEANING_FROM.exec(text)?.index ?? -1;
}

/**
 * Cleans a text cell: trims, turns `\r\n` and lone `\r` into `\n`, and drops control characters
 * other than newline and tab (they break display and export). Unicode is kept as is.
 * `cleanText('  «Перемирие»\r\nведёт\u0000 ')` -> `'«Перемирие»\nведёт'`.
 */
export function cleanText(text: string): string {
  // Empty cells skip the regex call, and the quick test keeps clean cells free of allocations
  // (a charCodeAt loop measured 3.5x slower in a Chromium worker).
  if (text === '') return text;
  if (NEEDS_CLEANING.test(text)) {
    text = text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
  }
  return text.trim();
}

/** The normalized fields the record id is computed from (see `recordId`). */
export interface IdFields {
  day: number;
  precision: Precision;
  actor: string;
  affiliation: string;
  topic: string;
  stance: StanceValue;
  conditional: boolean;
  /** Uncoded statements hash as stance `u`, apart from neutral ones; others as if absent. */
  uncoded?: boolean;
  quote: string;
  summary: string;
  source: string;
  url: string;
  target: string;
  conditions: string;
  reportedVia: string;
}

/**
 * A stable id for a record whose file has no id: two 32-bit hashes (FNV-1a, and a
 * Murmur3-mixed variant with another seed) of the normalized fields, as 16 hex digits after an
 * `h`. Not cryptographic; 64 bits keep accidental collisions away at millions of rows, and the
 * same record always gets the same id, so re-importing a file adds nothing.
 * `recordId({ day: 20075, precision: 'day', actor: 'Sergey Lavrov', ... })` -> `'h3f9a…'`.
 */
export function recordId(fields: IdFields): string {
  // Field by field into the two running hashes, rather than through an array of the parts:
  // one array fewer per row of a file without ids.
  hashA = 0x811c9dc5;
  hashB = 0x9747b28c;
  feed(String(fields.day));
  feed(fields.precision);
  feed(fields.actor);
  feed(fields.affiliation);
  feed(fields.topic);
  feed(fields.uncoded ? 'u' : String(fields.stance));
  feed(fields.conditional ? '1' : '0');
  feed(fields.quote);
  feed(fields.summary);
  feed(fields.source);
  feed(fields.url);
  feed(fields.target);
  feed(fields.conditions);
  feed(fields.reportedVia);
  // Murmur3's finalizer spreads the last characters over all bits.
  let b = hashB;
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return 'h' + hex8(hashA) + hex8(b);
}

/** recordId's two running hashes; recordId resets them, so calls never mix. */
let hashA = 0;
let hashB = 0;

/** Adds one field and its separator to recordId's running hashes. */
function feed(part: string): void {
  let a = hashA;
  let b = hashB;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // A U+001F separator, which cleanText removes from fields, keeps `ab|` apart from `a|b`.
  a = Math.imul(a ^ 0x1f, 0x01000193);
  b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  b ^= b >>> 15;
  hashA = a;
  hashB = b;
}

/** Byte -> two hex digits; `toString(16).padStart` was the slowest step of recordId here. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `hex8(255)` -> `'000000ff'`. */
function hex8(n: number): string {
  return HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}
