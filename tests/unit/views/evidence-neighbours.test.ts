import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { affiliationGroups } from '../../../src/query/affiliation-groups';
import { pairIndex } from '../../../src/query/steps';
import type { ColumnCache } from '../../../src/query/types';
import { affiliationNeighbours, neighbours } from '../../../src/views/evidence/evidence';
import { rec } from '../query/helpers';
import { seedCache } from '../query/seed';

/** The definition, row by row: a scan of every row before and after. */
function scanned(cache: ColumnCache, row: number, same: (r: number) => boolean) {
  const earlier: number[] = [];
  const later: number[] = [];
  for (let r = row - 1; r >= 0; r--) if (same(r)) earlier.push(r);
  for (let r = row + 1; r < cache.n; r++) if (same(r)) later.push(r);
  return { earlier, later };
}

describe('a statement’s neighbours', () => {
  it('lists Putin’s earlier ceasefire statement for Lavrov’s, as Russia’s', async () => {
    const cache = await seedCache();
    const lavrov = Array.from({ length: cache.n }, (_, r) => r).find(
      (r) => cache.text.get('id', r) === 'seed-017',
    )!;
    const group = affiliationNeighbours(cache, lavrov);
    const actors = group.earlier.map((r) => cache.actors[cache.actor[r]]);
    expect(actors).toContain('Vladimir Putin');
    expect(
      neighbours(cache, lavrov).earlier.map((r) => cache.actors[cache.actor[r]]),
    ).not.toContain('Vladimir Putin');
  });

  it('are the rows a scan finds, nearest first (own pair, and the affiliation’s other actors)', () => {
    const people: [string, string][] = [
      ['Putin', 'Russia'],
      ['Lavrov', 'Russia'],
      ['Zelensky', 'Ukraine'],
      ['Aaron', ''],
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            d: fc.integer({ min: 1, max: 28 }),
            a: fc.integer({ min: 0, max: people.length - 1 }),
            t: fc.constantFrom('ceasefire', 'nato'),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => {
          const cache = cacheFromRecords(
            rows.map((x) =>
              rec({
                date: `2024-11-${String(x.d).padStart(2, '0')}`,
                actor: people[x.a][0],
                affiliation: people[x.a][1],
                topic: x.t,
                stance: 0,
              }),
            ),
          );
          const id = pairIndex(cache).id;
          const slot = affiliationGroups(cache).slotOfPair;
          for (let row = 0; row < cache.n; row++) {
            expect(neighbours(cache, row)).toEqual(scanned(cache, row, (r) => id[r] === id[row]));
            const g = slot[id[row]];
            expect(affiliationNeighbours(cache, row)).toEqual(
              g < 0
                ? { earlier: [], later: [] }
                : scanned(cache, row, (r) => id[r] !== id[row] && slot[id[r]] === g),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
