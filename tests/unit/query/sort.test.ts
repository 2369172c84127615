import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFromRecords, compareNames } from '../../../src/query/cache';
import { sortRows, type SortKey } from '../../../src/query/sort';
import type { ColumnCache } from '../../../src/query/types';
import { rec } from './helpers';

const cache = cacheFromRecords([
  rec({ date: '2024-01-01', actor: 'Vladimir Putin', topic: 'talks', stance: -1, source: 'TASS' }),
  rec({ date: '2024-01-02', actor: 'Joe Biden', topic: 'ceasefire', stance: 2, source: 'AP' }),
  rec({ date: '2024-01-03', actor: 'Vladimir Putin', topic: 'ceasefire', stance: 1 }),
  rec({ date: '2024-01-04', actor: 'Ursula von der Leyen', topic: 'aid', stance: 2, source: 'ap' }),
]);
const all = Uint32Array.from({ length: cache.n }, (_, i) => i);

/** The actor and source of each row, in the order given. */
const shown = (c: ColumnCache, rows: Uint32Array) =>
  Array.from(rows, (r) => `${c.actors[c.actor[r]]} / ${c.text.get('source', r)}`);

describe('sorting the statements table', () => {
  it('keeps date order as it is, and reverses it when descending', () => {
    expect(sortRows(cache, all, 'date', false)).toBe(all);
    expect(Array.from(sortRows(cache, all, 'date', true))).toEqual([3, 2, 1, 0]);
  });

  it('orders by actor name, ties in date order, in both directions', () => {
    expect(shown(cache, sortRows(cache, all, 'actor', false))).toEqual([
      'Joe Biden / AP',
      'Ursula von der Leyen / ap',
      'Vladimir Putin / TASS',
      'Vladimir Putin / ',
    ]);
    expect(shown(cache, sortRows(cache, all, 'actor', true))).toEqual([
      'Vladimir Putin / TASS',
      'Vladimir Putin / ',
      'Ursula von der Leyen / ap',
      'Joe Biden / AP',
    ]);
  });

  it('orders by source as names sort everywhere (case-insensitive, empty first)', () => {
    expect(shown(cache, sortRows(cache, all, 'source', false))).toEqual([
      'Vladimir Putin / ',
      'Joe Biden / AP',
      'Ursula von der Leyen / ap',
      'Vladimir Putin / TASS',
    ]);
  });

  it('orders by stance from strongly oppose to strongly support', () => {
    expect(Array.from(sortRows(cache, all, 'stance', false), (r) => cache.stance[r])).toEqual([
      -1, 1, 2, 2,
    ]);
  });

  it('sorts only the rows it is given', () => {
    const some = Uint32Array.of(0, 3);
    expect(shown(cache, sortRows(cache, some, 'topic', false))).toEqual([
      'Ursula von der Leyen / ap',
      'Vladimir Putin / TASS',
    ]);
  });

  it('gives the order a comparison sort gives, for any rows and any column', () => {
    const names = ['A', 'a', 'B', 'Ä', 'b2', 'b10', ''];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            actor: fc.constantFrom(...names.slice(0, 6)),
            source: fc.constantFrom(...names),
            stance: fc.constantFrom(-2, -1, 0, 1, 2),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom<SortKey>('actor', 'topic', 'stance', 'source', 'affiliation'),
        fc.boolean(),
        (items, key, descending) => {
          const c = cacheFromRecords(
            items.map((it, i) =>
              rec({
                date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
                actor: it.actor,
                affiliation: it.source,
                topic: it.actor.toLowerCase() || 'x',
                stance: it.stance as -2 | -1 | 0 | 1 | 2,
                source: it.source,
              }),
            ),
          );
          const rows = Uint32Array.from({ length: c.n }, (_, i) => i);
          const value = (r: number): string | number =>
            key === 'stance'
              ? c.stance[r]
              : key === 'actor'
                ? c.actors[c.actor[r]]
                : key === 'topic'
                  ? c.topics[c.topic[r]]
                  : key === 'affiliation'
                    ? c.affiliations[c.affiliation[r]]
                    : c.text.get('source', r);
          const expected = Array.from(rows).sort((a, b) => {
            const va = value(a);
            const vb = value(b);
            const d = typeof va === 'number' ? va - (vb as number) : compareNames(va, vb as string);
            return (descending ? -d : d) || a - b;
          });
          expect(Array.from(sortRows(c, rows, key, descending))).toEqual(expected);
        },
      ),
    );
  });
});
