import { dayNumber, parseIsoDay } from '../../../src/domain/dates';
import type { Precision, StanceValue, StatementRecord } from '../../../src/domain/types';

export type RecInput = Partial<Omit<StatementRecord, 'day' | 'precision' | 'stance'>> & {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the precision follows the form. */
  date: string;
  actor: string;
  topic: string;
  /** A stance value, or `'c'` for conditional support (+1 with the flag). */
  stance: StanceValue | 'c';
};

let line = 1;

/** The day number of a date string in any of the three forms (UTC). */
export function day(date: string): number {
  return parse(date).day;
}

function parse(date: string): { day: number; precision: Precision } {
  const parts = date.split('-').map(Number);
  if (parts.length === 3) return { day: parseIsoDay(date)!, precision: 'day' };
  if (parts.length === 2) return { day: dayNumber(parts[0], parts[1], 1), precision: 'month' };
  return { day: dayNumber(parts[0], 1, 1), precision: 'year' };
}

/**
 * A statement record with defaults for everything a test does not care about:
 * `rec({ date: '2024-11', actor: 'Putin', topic: 'ceasefire', stance: 1 })`.
 */
export function rec(input: RecInput): StatementRecord {
  const { date, stance, ...rest } = input;
  const n = ++line;
  return {
    id: `r${n}`,
    affiliation: '',
    conditions: '',
    quote: '',
    summary: '',
    target: '',
    source: '',
    url: '',
    reportedVia: '',
    confidence: NaN,
    line: n,
    ...rest,
    ...parse(date),
    stance: stance === 'c' ? 1 : stance,
    conditional: stance === 'c' || (rest.conditional ?? false),
  };
}

/** Seeded PRNG (mulberry32) so synthetic data is the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
