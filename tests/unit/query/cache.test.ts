import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/domain/dates';
import { FLAG_CONDITIONAL, FLAG_REPORTED } from '../../../src/domain/types';
import {
  buildCache,
  buildCacheAsync,
  cacheFromRecords,
  recordsToPart,
} from '../../../src/query/cache';
import { day, rec } from './helpers';

/** Each row as `date actor topic stance`, in cache order. */
function rows(cache: ReturnType<typeof cacheFromRecords>): string[] {
  return Array.from(
    { length: cache.n },
    (_, i) =>
      `${formatDay(cache.day[i])} ${cache.actors[cache.actor[i]]} ${cache.topics[cache.topic[i]]} ${cache.stance[i]}`,
  );
}

describe('buildCache', () => {
  it('sorts rows by day, then actor, then topic, keeping file order among ties', () => {
    const cache = cacheFromRecords([
      rec({ date: '2024-03-02', actor: 'Putin', topic: 'talks', stance: 1 }),
      rec({ date: '2024-03-01', actor: 'Zelensky', topic: 'ceasefire', stance: -1 }),
      rec({ date: '2024-03-01', actor: 'Biden', topic: 'talks', stance: 2 }),
      rec({ date: '2024-03-01', actor: 'Biden', topic: 'ceasefire', stance: 0 }),
      rec({ date: '2024-03-01', actor: 'Biden', topic: 'ceasefire', stance: -2 }),
    ]);
    expect(rows(cache)).toEqual([
      '2024-03-01 Biden ceasefire 0',
      '2024-03-01 Biden ceasefire -2',
      '2024-03-01 Biden talks 2',
      '2024-03-01 Zelensky ceasefire -1',
      '2024-03-02 Putin talks 1',
    ]);
  });

  it('moves every column with its row', () => {
    const cache = cacheFromRecords([
      rec({ date: '2024-05', actor: 'B', topic: 't', stance: 'c', quote: 'late', line: 7 }),
      rec({ date: '2024-01-09', actor: 'A', topic: 't', stance: -1, quote: 'early', line: 9 }),
    ]);
    expect([0, 1].map((r) => cache.text.get('quote', r))).toEqual(['early', 'late']);
    expect(Array.from(cache.line)).toEqual([9, 7]);
    expect(Array.from(cache.precision)).toEqual([0, 1]);
    expect(Array.from(cache.flags)).toEqual([0, FLAG_CONDITIONAL]);
  });

  it.each([
    ['2024-11-15', '2024-11-16'],
    ['2024-11', '2024-12-01'],
    ['2024-02', '2024-03-01'],
    ['2024-12', '2025-01-01'],
    ['2024', '2025-01-01'],
  ])('a statement dated %s covers up to (not including) %s', (date, end) => {
    const cache = cacheFromRecords([rec({ date, actor: 'A', topic: 't', stance: 0 })]);
    expect(formatDay(cache.end[0])).toBe(end);
  });

  it('merges two datasets with overlapping dictionaries, remapping their codes', () => {
    const a = recordsToPart(
      [
        rec({
          date: '2024-01-01',
          actor: 'Putin',
          affiliation: 'Russia',
          topic: 'ceasefire',
          stance: -1,
        }),
        rec({
          date: '2024-01-03',
          actor: 'Lavrov',
          affiliation: 'Russia',
          topic: 'talks',
          stance: 1,
        }),
      ],
      'a',
    );
    const b = recordsToPart(
      [
        rec({
          date: '2024-01-02',
          actor: 'Biden',
          affiliation: 'United States',
          topic: 'talks',
          stance: 2,
          reportedVia: 'Reuters',
        }),
        rec({
          date: '2024-01-04',
          actor: 'Putin',
          affiliation: 'Russia',
          topic: 'ceasefire',
          stance: -2,
        }),
      ],
      'b',
    );
    expect(a.meta.actors).toEqual(['Putin', 'Lavrov']);
    expect(b.meta.actors).toEqual(['Biden', 'Putin']);
    const cache = buildCache([a, b]);
    expect(cache.actors).toEqual(['Biden', 'Lavrov', 'Putin']);
    expect(cache.topics).toEqual(['ceasefire', 'talks']);
    expect(cache.affiliations).toEqual(['Russia', 'United States']);
    expect(cache.datasets).toEqual(['a', 'b']);
    expect(rows(cache)).toEqual([
      '2024-01-01 Putin ceasefire -1',
      '2024-01-02 Biden talks 2',
      '2024-01-03 Lavrov talks 1',
      '2024-01-04 Putin ceasefire -2',
    ]);
    expect(Array.from(cache.dataset, (d) => cache.datasets[d])).toEqual(['a', 'b', 'a', 'b']);
    expect(Array.from(cache.affiliation, (f) => cache.affiliations[f])).toEqual([
      'Russia',
      'United States',
      'Russia',
      'Russia',
    ]);
    expect(cache.flags[1]).toBe(FLAG_REPORTED);
    expect(cache.text.get('reportedVia', 1)).toBe('Reuters');
  });

  it('reads chunks in chunk order, whatever order they are given in', () => {
    const records = ['first', 'second', 'third'].map((quote) =>
      rec({ date: '2024-01-01', actor: 'A', topic: 't', stance: 0, quote }),
    );
    const part = recordsToPart(records, 'd', 1);
    expect(part.chunks).toHaveLength(3);
    const cache = buildCache([{ meta: part.meta, chunks: [...part.chunks].reverse() }]);
    expect([0, 1, 2].map((r) => cache.text.get('quote', r))).toEqual(['first', 'second', 'third']);
  });

  it('gives each actor its most frequent affiliation, and -1 to actors that never have one', () => {
    const cache = cacheFromRecords([
      rec({ date: '2024-01-01', actor: 'Putin', affiliation: 'Russia', topic: 't', stance: 0 }),
      rec({ date: '2024-01-02', actor: 'Putin', affiliation: '', topic: 't', stance: 0 }),
      rec({ date: '2024-01-03', actor: 'Putin', affiliation: '', topic: 't', stance: 0 }),
      rec({ date: '2024-01-01', actor: 'Kellogg', affiliation: 'NATO', topic: 't', stance: 0 }),
      rec({
        date: '2024-01-02',
        actor: 'Kellogg',
        affiliation: 'United States',
        topic: 't',
        stance: 0,
      }),
      rec({
        date: '2024-01-03',
        actor: 'Kellogg',
        affiliation: 'United States',
        topic: 't',
        stance: 0,
      }),
      rec({ date: '2024-01-01', actor: 'Pope', affiliation: '', topic: 't', stance: 0 }),
    ]);
    const affiliationOf = (actor: string) => {
      const code = cache.actorAffiliation[cache.actors.indexOf(actor)];
      return code < 0 ? null : cache.affiliations[code];
    };
    expect(affiliationOf('Putin')).toBe('Russia');
    expect(affiliationOf('Kellogg')).toBe('United States');
    expect(affiliationOf('Pope')).toBeNull();
  });

  it('spans minDay to the last day any statement covers', () => {
    const cache = cacheFromRecords([
      rec({ date: '2023', actor: 'A', topic: 't', stance: 0 }),
      rec({ date: '2023-06-01', actor: 'A', topic: 't', stance: 0 }),
    ]);
    expect(formatDay(cache.minDay)).toBe('2023-01-01');
    expect(formatDay(cache.maxDay)).toBe('2023-12-31');
  });

  it('builds an empty cache from no data', () => {
    const cache = buildCache([]);
    expect(cache.n).toBe(0);
    expect(cache.actors).toEqual([]);
    expect(cache.minDay).toBe(0);
  });

  it('does not modify its inputs', () => {
    const records = [
      rec({ date: '2024-02-01', actor: 'Z', topic: 'b', stance: 1 }),
      rec({ date: '2024-01-01', actor: 'A', topic: 'a', stance: -1 }),
    ];
    const a = recordsToPart(records, 'a', 1);
    const b = recordsToPart([rec({ date: '2023-01-01', actor: 'M', topic: 'a', stance: 2 })], 'b');
    const before = structuredClone([a, b]);
    const recordsBefore = structuredClone(records);
    buildCache([a, b]);
    cacheFromRecords(records);
    expect([a, b]).toEqual(before);
    expect(records).toEqual(recordsBefore);
    expect(day('2024-01-01')).toBe(records[1].day);
  });
});

describe('buildCacheAsync', () => {
  it('builds the same cache as buildCache, over several datasets and chunks', async () => {
    const records = Array.from({ length: 50 }, (_, i) =>
      rec({
        id: `r${i}`,
        date: `2024-0${(i % 9) + 1}-1${i % 10}`,
        actor: `A${i % 7}`,
        topic: `t${i % 3}`,
        stance: ((i % 5) - 2) as -2 | -1 | 0 | 1 | 2,
        quote: `quote ${i % 4}`,
        line: i + 2,
      }),
    );
    const parts = [
      recordsToPart(records.slice(0, 30), 'a', 7),
      recordsToPart(records.slice(30), 'b', 4),
    ];
    // A zero slice yields after every step: the result must not depend on where it paused.
    expect(await buildCacheAsync(parts, 0)).toEqual(buildCache(parts));
  });
});
