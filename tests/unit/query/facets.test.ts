import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StanceValue } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import { facetCounts, STANCE_BUCKETS } from '../../../src/query/facets';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER, type ColumnCache, type Filter } from '../../../src/query/types';
import { day, rec } from './helpers';

const records = [
  rec({ date: '2024-11', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 'c' }),
  rec({ date: '2024-11-20', actor: 'Putin', affiliation: 'Russia', topic: 'nato', stance: -2 }),
  rec({
    date: '2024-12-26',
    actor: 'Lavrov',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: -2,
  }),
  rec({ date: '2024-12-18', actor: 'Biden', affiliation: 'USA', topic: 'nato', stance: 2 }),
  rec({ date: '2024-12-19', actor: 'Biden', affiliation: 'USA', topic: 'talks', stance: 0 }),
];
const cache = cacheFromRecords(records, 'seed');

/** Counts by name, dropping zeros, so a table reads like the facet list. */
function named(dict: string[], counts: Uint32Array): Record<string, number> {
  const out: Record<string, number> = {};
  dict.forEach((name, code) => {
    if (counts[code] > 0) out[name] = counts[code];
  });
  return out;
}

describe('facetCounts', () => {
  it('counts every statement per value when nothing is chosen', () => {
    const c = facetCounts(cache, EMPTY_FILTER);
    expect(named(cache.actors, c.actor)).toEqual({ Putin: 2, Lavrov: 1, Biden: 2 });
    expect(named(cache.affiliations, c.affiliation)).toEqual({ Russia: 3, USA: 2 });
    expect(named(cache.topics, c.topic)).toEqual({ ceasefire: 2, nato: 2, talks: 1 });
    // -2, -1, 0, 1, 2, conditional, uncoded
    expect(Array.from(c.stance)).toEqual([2, 0, 1, 0, 1, 1, 0]);
  });

  it("leaves a facet's own choice out of its counts and applies it to the others", () => {
    const c = facetCounts(cache, { ...EMPTY_FILTER, actors: ['Putin'] });
    expect(named(cache.actors, c.actor)).toEqual({ Putin: 2, Lavrov: 1, Biden: 2 });
    expect(named(cache.topics, c.topic)).toEqual({ ceasefire: 1, nato: 1 });
    expect(named(cache.affiliations, c.affiliation)).toEqual({ Russia: 2 });
  });

  it('applies the date range and the search to every facet', () => {
    const c = facetCounts(cache, { ...EMPTY_FILTER, from: day('2024-12-01'), search: 'bid' });
    expect(named(cache.actors, c.actor)).toEqual({ Biden: 2 });
    expect(named(cache.topics, c.topic)).toEqual({ nato: 1, talks: 1 });
  });

  it('counts datasets under the other choices, and applies the dataset scope to the rest', () => {
    const two = cacheFromRecords(records, 'a');
    const c = facetCounts(two, { ...EMPTY_FILTER, topics: ['nato'] }, new Set<number>());
    expect(Array.from(c.dataset)).toEqual([2]);
    expect(Array.from(c.actor).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

/** What the facet promises: choosing only value v in facet F shows count[v] statements. */
function shownWithOnly(cache: ColumnCache, filter: Filter, key: keyof Filter, value: unknown) {
  return filterRows(cache, { ...filter, [key]: [value] }).length;
}

describe('facetCounts agrees with filterRows', () => {
  const actors = ['A', 'B', 'C'];
  const affs = ['X', 'Y'];
  const topics = ['t1', 't2', 't3'];
  const row = fc.record({
    actor: fc.constantFrom(...actors),
    affiliation: fc.constantFrom(...affs),
    topic: fc.constantFrom(...topics),
    stance: fc.constantFrom<StanceValue | 'c'>(-2, -1, 0, 1, 2, 'c'),
    d: fc.integer({ min: 1, max: 28 }),
  });
  const choice = <T>(values: T[]) => fc.subarray(values, { maxLength: values.length });

  it('for every value of every facet, under random data and random choices', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        choice(actors),
        choice(affs),
        choice(topics),
        choice([...STANCE_BUCKETS]),
        (rows, a, f, t, s) => {
          const cache = cacheFromRecords(
            rows.map((r) =>
              rec({ ...r, date: `2024-11-${String(r.d).padStart(2, '0')}`, stance: r.stance }),
            ),
            'p',
          );
          const filter: Filter = {
            ...EMPTY_FILTER,
            actors: a,
            affiliations: f,
            topics: t,
            stances: s,
          };
          const c = facetCounts(cache, filter);
          cache.actors.forEach((name, code) =>
            expect(c.actor[code]).toBe(shownWithOnly(cache, filter, 'actors', name)),
          );
          cache.affiliations.forEach((name, code) =>
            expect(c.affiliation[code]).toBe(shownWithOnly(cache, filter, 'affiliations', name)),
          );
          cache.topics.forEach((name, code) =>
            expect(c.topic[code]).toBe(shownWithOnly(cache, filter, 'topics', name)),
          );
          STANCE_BUCKETS.forEach((bucket, b) =>
            expect(c.stance[b]).toBe(shownWithOnly(cache, filter, 'stances', bucket)),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
