/**
 * How many statements fit in a portable link, measured through the app's own path: CSV text ->
 * the import pipeline -> column cache -> `portableLink` (the payload Copy portable link makes,
 * with deflate-raw and base64url). Prints a table for two shapes of data and checks only that a
 * longer link holds more; the figures set PORTABLE_MAX_URL_CHARS (see src/url/portable.ts).
 *
 * - "seed-shaped": rows built like data/seed-statements.csv (the bundled, hand-coded dataset):
 *   its actors, topics, ids, targets and confidences, and summaries/quotes of the same lengths
 *   drawn word by word from the seed's own text (word frequencies kept, so it compresses like
 *   real prose, not like 19 rows repeated, which deflate would shrink to nothing).
 * - "generator": scripts/gen-lib.mjs rows (300 actors, 40 topics, short templated quotes and
 *   summaries, a url on most rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateCsv } from '../../../scripts/gen-lib.mjs';
import { HEADER, csvField, mulberry32 } from '../../../scripts/gen-lib.mjs';
import type { StatementRecord } from '../../../src/domain/types';
import { formatDay } from '../../../src/domain/dates';
import { portableLink } from '../../../src/export/share';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { cacheFromRecords } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';

const SEED_TEXT = fs.readFileSync(
  path.resolve(__dirname, '../../../data/seed-statements.csv'),
  'utf8',
);
type Row = Record<string, string>;
const SEED: Row[] = Papa.parse<Row>(SEED_TEXT, { header: true, skipEmptyLines: true }).data;

/** A page address of a published copy, with a typical narrowed view, as links carry it. */
const BASE =
  'https://analysts.example.org/stance-timeline/?view=statements&q=ceasefire&fp=9abc039f';
const BUDGETS = [2_000, 8_000, 32_000];

/**
 * `n` statements shaped like the seed: each copies the non-text fields of a random seed row
 * (actor with its affiliation, topic, stance, conditions, target, source, reported_via,
 * confidence) and gets a fresh id, a date in 2024, and a summary (and quote, where the seed row
 * has one) of the same length drawn from the seed's words.
 */
function seedShapedCsv(n: number, seed = 20241226): string {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const words = SEED.flatMap((r) => `${r.summary} ${r.quote}`.split(/\s+/)).filter(Boolean);
  const prose = (length: number) => {
    let text = pick(words);
    while (text.length < length) text += ` ${pick(words)}`;
    return text;
  };
  const lines = [HEADER];
  const start = Date.UTC(2024, 0, 1) / 86_400_000;
  for (let i = 0; i < n; i++) {
    const t = pick(SEED);
    const row: Row = {
      ...t,
      id: `seed-${String(i + 1).padStart(4, '0')}`,
      date: formatDay(start + Math.floor(random() * 366)),
      quote: t.quote ? prose(t.quote.length) : '',
      summary: prose(t.summary.length),
    };
    lines.push(
      HEADER.split(',')
        .map((c) => csvField(row[c] ?? ''))
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

async function* whole(text: string): AsyncIterable<string> {
  yield text;
}

/** CSV text through the import pipeline into a column cache, as a browser would hold it. */
async function cacheOf(csv: string): Promise<ColumnCache> {
  const preview = previewText(csv);
  expect(preview.missing).toEqual([]);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    whole(csv),
    { delimiter: preview.delimiter, newline: preview.newline, mapping: preview.mapping },
    { batch: (batch) => void records.push(...batch) },
  );
  expect(summary.rejected).toBe(0);
  return cacheFromRecords(records, 'capacity');
}

/** Length of the portable link for the first `n` rows of the cache (date order). */
async function linkChars(cache: ColumnCache, n: number): Promise<number> {
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const result = await portableLink(BASE, cache, rows, 'Shared view (2026-01-01)');
  return result.ok ? result.url.length : result.length;
}

/** Most statements whose link fits in `budget` characters (binary search over a prefix). */
async function fits(cache: ColumnCache, budget: number): Promise<number> {
  let lo = 0;
  let hi = 1;
  while (hi <= cache.n && (await linkChars(cache, hi)) <= budget) hi *= 2;
  hi = Math.min(hi, cache.n + 1);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((await linkChars(cache, mid)) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('portable link capacity on real-shaped data', () => {
  it('fits all 19 bundled statements in a link and says how long it is', async () => {
    const cache = await cacheOf(SEED_TEXT);
    expect(cache.n).toBe(SEED.length);
    const chars = await linkChars(cache, cache.n);
    console.log(
      `bundled dataset: all ${cache.n} statements -> a link of ${chars} characters ` +
        `(${((chars - BASE.length) / cache.n).toFixed(0)} per statement)`,
    );
    expect(chars).toBeGreaterThan(BASE.length);
  });

  it.each([
    ['seed-shaped', () => seedShapedCsv(2_000)],
    ['generator', () => generateCsv({ rows: 2_000, seed: 11 })],
  ])('fits more %s statements in a longer link', async (shape, csv) => {
    const cache = await cacheOf(csv());
    const counts: number[] = [];
    for (const budget of BUDGETS) counts.push(await fits(cache, budget));
    const perStatement = ((await linkChars(cache, counts[2])) - BASE.length) / counts[2];
    console.log(
      `${shape}: ` +
        BUDGETS.map((b, i) => `${b.toLocaleString('en')} chars -> ${counts[i]} statements`).join(
          ', ',
        ) +
        ` (about ${perStatement.toFixed(0)} characters per statement)`,
    );
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(counts[0]);
    expect(counts[2]).toBeGreaterThan(counts[1]);
    expect(counts[2]).toBeLessThan(cache.n);
  });
});
