import { describe, expect, it } from 'vitest';
import { buildCache, cacheFromRecords, recordsToPart } from '../../../src/query/cache';
import { filterRows, stateFilter } from '../../../src/query/filter';
import { EMPTY_FILTER, type Filter } from '../../../src/query/types';
import { day, rec } from './helpers';

const records = [
  rec({
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: -1,
    quote: 'We will not FREEZE the conflict',
  }),
  rec({
    date: '2024-11-20',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'dialogue',
    stance: 'c',
    conditions: 'if Washington sends serious signals',
  }),
  rec({
    date: '2024-12-18',
    actor: 'Joe Biden',
    affiliation: 'United States',
    topic: 'nato-membership-ukraine',
    stance: 2,
    source: 'Fox News',
  }),
  rec({
    date: '2024',
    actor: 'Pope Francis',
    topic: 'ceasefire',
    stance: 1,
    summary: 'Calls for a Christmas truce',
  }),
  rec({
    date: '2025-01-05',
    actor: 'Joe Biden',
    affiliation: 'United States',
    topic: 'dialogue',
    stance: 1,
  }),
];
const cache = cacheFromRecords(records);

/** The actor and date of each matching row, in result order. */
function run(filter: Partial<Filter>, from = cache): string[] {
  return Array.from(
    filterRows(from, { ...EMPTY_FILTER, ...filter }),
    (i) => `${from.actors[from.actor[i]]}`,
  );
}

describe('filterRows', () => {
  it('returns every row, in date order, for the empty filter', () => {
    expect(run({})).toEqual([
      'Pope Francis',
      'Vladimir Putin',
      'Sergey Lavrov',
      'Joe Biden',
      'Joe Biden',
    ]);
  });

  it.each([
    // A month-precise statement covers the whole month, a year-precise one the whole year.
    ['2024-11-15', '2024-11-18', ['Pope Francis', 'Vladimir Putin']],
    ['2024-11-30', '2024-11-30', ['Pope Francis', 'Vladimir Putin']],
    ['2024-12-01', '2024-12-17', ['Pope Francis']],
    ['2024-12-01', '2024-12-18', ['Pope Francis', 'Joe Biden']],
    ['2024-10-01', '2024-10-31', ['Pope Francis']],
    ['2025-01-01', '2025-01-31', ['Joe Biden']],
    ['2023-01-01', '2023-12-31', []],
  ])('from %s to %s keeps the statements whose period overlaps it', (from, to, expected) => {
    expect(run({ from: day(from), to: day(to) })).toEqual(expected);
  });

  it('treats an open end as unbounded and an inverted range as empty', () => {
    expect(run({ from: day('2024-12-19') })).toEqual(['Pope Francis', 'Joe Biden']);
    expect(run({ to: day('2024-01-01') })).toEqual(['Pope Francis']);
    expect(run({ from: day('2024-12-01'), to: day('2024-11-01') })).toEqual([]);
  });

  it.each<[Partial<Filter>, string[]]>([
    [{ actors: ['Joe Biden'] }, ['Joe Biden', 'Joe Biden']],
    [{ actors: ['Joe Biden', 'Nobody'] }, ['Joe Biden', 'Joe Biden']],
    [{ actors: ['Nobody'] }, []],
    [{ affiliations: ['Russia'] }, ['Vladimir Putin', 'Sergey Lavrov']],
    [{ affiliations: [''] }, ['Pope Francis']],
    [{ topics: ['ceasefire'] }, ['Pope Francis', 'Vladimir Putin']],
    [{ topics: ['ceasefire'], actors: ['Joe Biden'] }, []],
  ])('selects by name: %j', (filter, expected) => {
    expect(run(filter)).toEqual(expected);
  });

  it.each<[Partial<Filter>, string[]]>([
    [{ stances: ['c'] }, ['Sergey Lavrov']],
    [{ stances: [1] }, ['Pope Francis', 'Joe Biden']],
    [{ stances: [1, 'c'] }, ['Pope Francis', 'Sergey Lavrov', 'Joe Biden']],
    [{ stances: [-2, -1] }, ['Vladimir Putin']],
    [{ stances: [0] }, []],
  ])('selects stances, conditional rows only by "c": %j', (filter, expected) => {
    expect(run(filter)).toEqual(expected);
  });

  it('partitions the rows by stance choice, so the counts add up to the total', () => {
    const counts = ([-2, -1, 0, 1, 2, 'c'] as const).map((s) => run({ stances: [s] }).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(cache.n);
  });

  const searches: [string, string[]][] = [
    ['freeze', ['Vladimir Putin']],
    ['  SERIOUS signals ', ['Sergey Lavrov']],
    ['fox', ['Joe Biden']],
    ['christmas', ['Pope Francis']],
    ['putin', ['Vladimir Putin']],
    ['NATO-membership', ['Joe Biden']],
    ['united states', ['Joe Biden', 'Joe Biden']],
    ['russia', ['Vladimir Putin', 'Sergey Lavrov']],
    ['conflict\0Calls', []],
    ['nowhere', []],
  ];

  it.each(searches)(
    'searches %j case-insensitively in text, names and affiliations',
    (search, expected) => {
      expect(run({ search })).toEqual(expected);
    },
  );

  it.each(searches)(
    'finds the same rows for %j when every statement is stored in a chunk of its own',
    (search, expected) => {
      const spread = buildCache([recordsToPart(records, 'spread', 1)]);
      expect(run({ search }, spread)).toEqual(expected);
    },
  );

  it('combines every condition', () => {
    expect(
      run({
        from: day('2024-12-01'),
        affiliations: ['United States'],
        stances: [1],
        search: 'biden',
      }),
    ).toEqual(['Joe Biden']);
  });

  it('does not modify the filter', () => {
    const filter: Filter = {
      ...EMPTY_FILTER,
      actors: ['Joe Biden'],
      stances: [1, 'c'],
      search: 'X',
    };
    const before = structuredClone(filter);
    filterRows(cache, filter);
    expect(filter).toEqual(before);
  });
});

describe('stateFilter', () => {
  it('drops the date range and keeps everything else', () => {
    const filter: Filter = { ...EMPTY_FILTER, from: 1, to: 9, topics: ['ceasefire'], search: 'x' };
    expect(stateFilter(filter)).toEqual({ ...filter, from: null, to: null });
    expect(filter.from).toBe(1);
  });
});
