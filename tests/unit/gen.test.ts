import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { generateCsv, generateRows, HEADER } from '../../scripts/gen-lib.mjs';
import { NATIVE_COLUMNS } from '../../src/domain/types';

type Row = Record<(typeof NATIVE_COLUMNS)[number], string>;

const ROWS = 4000;
const csv = generateCsv({ rows: ROWS, seed: 7, actors: 300, topics: 40 });
const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true });
const [header, ...cells] = parsed.data;
const rows: Row[] = cells.map(
  (fields) => Object.fromEntries(NATIVE_COLUMNS.map((c, i) => [c, fields[i]])) as Row,
);

const STANCE_WORDS: Record<string, number> = {
  'strongly oppose': -2,
  oppose: -1,
  neutral: 0,
  support: 1,
  'strongly support': 2,
  conditional: 1,
};

/** The numeric stance of a cell: `-1` -> -1, `strongly support` -> 2, `conditional` -> 1. */
function stanceOf(cell: string): number {
  return cell in STANCE_WORDS ? STANCE_WORDS[cell] : Number(cell);
}

/** Day number of a date cell, at the start of its period: `2019-04` -> 1 Apr 2019. */
function startDay(date: string): number {
  const [y, m = '1', d = '1'] = date.split('-');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
}

describe('the synthetic generator', () => {
  it('writes the same file for the same seed', () => {
    expect(generateCsv({ rows: ROWS, seed: 7 })).toBe(csv);
  });

  it('writes a different file for a different seed', () => {
    const other = generateCsv({ rows: ROWS, seed: 8 });
    expect(other).not.toBe(csv);
    expect(other.split('\n')[1]).not.toBe(csv.split('\n')[1]);
  });

  it('starts with the native header and writes one line per requested row', () => {
    expect(header).toEqual([...NATIVE_COLUMNS]);
    expect(csv.split('\n')[0]).toBe(HEADER);
    expect(rows).toHaveLength(ROWS);
    expect(parsed.errors).toEqual([]);
  });

  it('writes only the header when asked for no rows', () => {
    expect([...generateRows({ rows: 0, seed: 1 })]).toEqual([HEADER]);
  });

  it('gives every row all 14 fields', () => {
    const short = cells.filter((fields) => fields.length !== 14);
    expect(short).toEqual([]);
  });

  it('numbers ids by seed and row, without repeats', () => {
    expect(rows[0].id).toBe('syn-7-1');
    expect(rows[ROWS - 1].id).toBe(`syn-7-${ROWS}`);
    expect(new Set(rows.map((r) => r.id)).size).toBe(ROWS);
  });

  it('marks every row as synthetic in its source', () => {
    expect(rows.filter((r) => !r.source.includes('synthetic'))).toEqual([]);
  });

  it('dates every row within 2015..2024 as a real day, month or year', () => {
    const bad = rows.filter((r) => {
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(r.date)) return true;
      const day = startDay(r.date);
      const iso = new Date(day * 86_400_000).toISOString();
      // A date like 2019-02-30 would roll over into March and fail this round trip.
      return !iso.startsWith(r.date) || r.date < '2015' || r.date > '2024-12-31';
    });
    expect(bad).toEqual([]);
  });

  it.each([
    ['day', 10, 0.85, 1],
    ['month', 7, 0.02, 0.1],
    ['year', 4, 0.001, 0.03],
  ])('dates a plausible share of rows to the %s', (_name, length, min, max) => {
    const share = rows.filter((r) => r.date.length === length).length / ROWS;
    expect(share).toBeGreaterThanOrEqual(min);
    expect(share).toBeLessThanOrEqual(max);
  });

  it('uses only stances the importer understands', () => {
    const bad = rows.filter(
      (r) => !(r.stance in STANCE_WORDS) && !/^(-2|-1|0|1|2)$/.test(r.stance),
    );
    expect(bad).toEqual([]);
  });

  it('gives a condition to conditional stances and to no others', () => {
    const conditional = rows.filter((r) => r.stance === 'conditional');
    expect(conditional.length).toBeGreaterThan(0);
    expect(conditional.filter((r) => r.conditions === '')).toEqual([]);
    expect(rows.filter((r) => r.stance !== 'conditional' && r.conditions !== '')).toEqual([]);
  });

  it('keeps most stances from one statement to the next, and shifts some', () => {
    const byPair = new Map<string, { day: number; line: number; stance: number }[]>();
    rows.forEach((r, line) => {
      const key = `${r.actor}\u0000${r.topic}`;
      const list = byPair.get(key) ?? [];
      list.push({ day: startDay(r.date), line, stance: stanceOf(r.stance) });
      byPair.set(key, list);
    });
    let follows = 0;
    let shifts = 0;
    for (const list of byPair.values()) {
      list.sort((a, b) => a.day - b.day || a.line - b.line);
      for (let i = 1; i < list.length; i++) {
        follows++;
        if (list[i].stance !== list[i - 1].stance) shifts++;
      }
    }
    expect(follows).toBeGreaterThan(500);
    expect(shifts).toBeGreaterThan(0);
    // The generator shifts 10% of follow-up statements; random stances would differ ~75%.
    expect(shifts / follows).toBeGreaterThan(0.03);
    expect(shifts / follows).toBeLessThan(0.25);
  });

  it('varies actors, topics and blocs like a real dataset', () => {
    expect(new Set(rows.map((r) => r.actor)).size).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.topic)).size).toBe(40);
    expect(new Set(rows.map((r) => r.affiliation)).size).toBe(12);
  });

  it('writes quotes with commas, double quotes and non-ASCII text that survive parsing', () => {
    const quotes = rows.map((r) => r.quote);
    expect(quotes.some((q) => q.includes(','))).toBe(true);
    expect(quotes.some((q) => q.includes('"'))).toBe(true);
    expect(quotes.some((q) => /[\u0400-\u04ff]/.test(q))).toBe(true);
    expect(quotes.some((q) => /[À-ÿ]/.test(q))).toBe(true);
    expect(quotes.some((q) => /\p{Extended_Pictographic}/u.test(q))).toBe(true);
    expect(csv).toContain('""');
  });

  it('links only to https example.org pages, and not on every row', () => {
    const linked = rows.filter((r) => r.url !== '');
    expect(linked.filter((r) => !/^https:\/\/example\.org\/s\/\d+$/.test(r.url))).toEqual([]);
    expect(linked.length).toBeGreaterThan(ROWS * 0.3);
    expect(linked.length).toBeLessThan(ROWS * 0.9);
  });

  it('marks about a tenth of rows as reported second-hand', () => {
    const share = rows.filter((r) => r.reported_via !== '').length / ROWS;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
  });

  it('gives a confidence between 0.50 and 1.00 with two decimals', () => {
    const bad = rows.filter((r) => !/^(0\.[5-9]\d|1\.00)$/.test(r.confidence));
    expect(bad).toEqual([]);
  });

  it('averages about 200 bytes a row', () => {
    const perRow = Buffer.byteLength(csv) / ROWS;
    expect(perRow).toBeGreaterThan(150);
    expect(perRow).toBeLessThan(260);
  });
});
