/**
 * How many statements fit in a portable link. Not a speed figure (those are never asserted); it
 * prints the counts so PORTABLE_MAX_URL_CHARS can be set from them, and checks they grow with
 * the budget. Rows are seeded-random but shaped like coded statements from the seed article.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber, formatDay } from '../../../src/domain/dates';
import { encodePortable, type PortablePayload } from '../../../src/url/portable';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTORS = [
  ['Sergey Lavrov', 'Russia'],
  ['Vladimir Putin', 'Russia'],
  ['Dmitry Peskov', 'Russia'],
  ['Maria Zakharova', 'Russia'],
  ['Volodymyr Zelenskiy', 'Ukraine'],
  ['Andrii Sybiha', 'Ukraine'],
  ['Andriy Yermak', 'Ukraine'],
  ['Donald Trump', 'United States'],
  ['Keith Kellogg', 'United States'],
  ['Marco Rubio', 'United States'],
  ['US officials', 'United States'],
  ['Mark Rutte', 'NATO'],
  ['Emmanuel Macron', 'France'],
  ['Olaf Scholz', 'Germany'],
  ['Keir Starmer', 'United Kingdom'],
  ['Recep Tayyip Erdogan', 'Turkey'],
  ['Wang Yi', 'China'],
  ['Viktor Orban', 'Hungary'],
  ['Kaja Kallas', 'European Union'],
  ['Ursula von der Leyen', 'European Union'],
] as const;
const TOPICS = [
  'ceasefire',
  'nato-membership-ukraine',
  'territorial-concessions',
  'dialogue',
  'binding-settlement',
  'security-guarantees',
  'sanctions-relief',
  'peacekeepers',
];
const STANCES = ['-2', '-1', '0', '1', '2', 'conditional'];
const SOURCES = [
  'Reuters',
  'Fox News',
  'TASS',
  'AP',
  'BBC',
  'Kyiv Independent',
  'Politico',
  'Interfax',
];
const WORDS = (
  'said would must could talks peace negotiations war conflict Ukraine Russia Washington Moscow ' +
  'Kyiv administration signals serious dialogue restore interrupted respond responsibility first ' +
  'step initiative relations bilateral genuine intentions envoy broker resolution parties prepared ' +
  'ceasefire front line territory occupied regions guarantees security alliance membership NATO ' +
  'sanctions lifted frozen assets troops withdrawal referendum recognition sovereignty borders ' +
  'demands conditions unacceptable ready open willing reject support oppose insist warned rejected ' +
  'welcomed proposal plan summit meeting phone call week month year new president minister foreign ' +
  'European leaders partners allies aid weapons long-range strikes energy infrastructure grain deal ' +
  'humanitarian prisoners exchange monitoring mission international law Charter UN Security Council ' +
  'the a of to in and on for with that not as by from at this any only after before until without'
).split(' ');

/** One statement row: date, actor, affiliation, topic, stance, a ~80-character summary, source. */
function statementRows(n: number, withUrl: boolean): string[][] {
  const random = mulberry32(20241218);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const header = ['date', 'actor', 'affiliation', 'topic', 'stance', 'summary', 'source'];
  if (withUrl) header.push('url');
  const rows = [header];
  let day = dayNumber(2024, 1, 1);
  for (let i = 0; i < n; i++) {
    day += Math.floor(random() * 3);
    const [actor, affiliation] = pick(ACTORS);
    let summary = pick(WORDS);
    while (summary.length < 80) summary += ` ${pick(WORDS)}`;
    const source = pick(SOURCES);
    const row = [formatDay(day), actor, affiliation, pick(TOPICS), pick(STANCES), summary, source];
    if (withUrl) {
      const slug = Math.floor(random() * 36 ** 8).toString(36);
      row.push(
        `https://www.${source.toLowerCase().replaceAll(' ', '')}.com/world/europe/${slug}-${formatDay(day)}`,
      );
    }
    rows.push(row);
  }
  return rows;
}

/** Length of `#d=...` for the first n statements. */
async function fragmentChars(n: number, withUrl: boolean): Promise<number> {
  const payload: PortablePayload = { v: 1, name: 'seed', rows: statementRows(n, withUrl) };
  return 1 + (await encodePortable(payload)).length;
}

/** Most statements whose fragment fits in `budget` characters (binary search). */
async function fits(budget: number, withUrl: boolean): Promise<number> {
  let lo = 0;
  let hi = 1;
  while ((await fragmentChars(hi, withUrl)) <= budget) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((await fragmentChars(mid, withUrl)) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('portable link capacity', () => {
  it.each([false, true])(
    'fits more statements in a longer link (url column: %s)',
    async (withUrl) => {
      const budgets = [2000, 8000, 32000];
      const counts: number[] = [];
      for (const budget of budgets) counts.push(await fits(budget, withUrl));
      const perRow = (await fragmentChars(counts[2], withUrl)) / counts[2];
      console.log(
        `portable link, ${withUrl ? 'with' : 'without'} a url column: ` +
          budgets.map((b, i) => `${b} chars -> ${counts[i]} statements`).join(', ') +
          ` (about ${perRow.toFixed(1)} chars per statement)`,
      );
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBeGreaterThan(counts[0]);
      expect(counts[2]).toBeGreaterThan(counts[1]);
    },
  );
});
