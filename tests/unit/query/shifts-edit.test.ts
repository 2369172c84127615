import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StanceValue, StatementRecord } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import { applyEdits } from '../../../src/query/edit-overlay';
import { filterRows } from '../../../src/query/filter';
import { findShifts, type ShiftOptions, type ShiftTable } from '../../../src/query/shifts';
import { EMPTY_FILTER, type Filter } from '../../../src/query/types';
import { recoded, stanceEditArb } from './stance-edits';
import { rec } from './helpers';

const table = (t: ShiftTable) => ({
  kind: [...t.kind],
  row: [...t.row],
  fromRow: [...t.fromRow],
  at: [...t.at],
});

const PEOPLE: [string, string][] = [
  ['Putin', 'Russia'],
  ['Lavrov', 'Russia'],
  ['Zelensky', 'Ukraine'],
  ['Aaron', ''],
];

describe('shift table after an edit of stances', () => {
  it('is what a scan of the edited records finds (every row or filtered, any kinds)', () => {
    const filters: Filter[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, topics: ['ceasefire'] },
      { ...EMPTY_FILTER, actors: ['Putin', 'Zelensky'] },
    ];
    const kinds: ShiftOptions[] = [{}, { affiliations: false }, { actors: false }];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            d: fc.integer({ min: 1, max: 12 }),
            a: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
            t: fc.constantFrom('ceasefire', 'nato'),
            s: fc.constantFrom(-2, -1, 0, 1, 2, 'c' as const),
          }),
          { minLength: 1, maxLength: 50 },
        ),
        fc.array(stanceEditArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...filters),
        fc.constantFrom(...kinds),
        (rows, edits, filter, options) => {
          // Few days, so several statements of a series often share one (shifts moved, undone).
          const records: StatementRecord[] = rows.map((x) =>
            rec({
              date: `2024-11-${String(x.d).padStart(2, '0')}`,
              actor: PEOPLE[x.a][0],
              affiliation: PEOPLE[x.a][1],
              topic: x.t,
              stance: x.s as StanceValue | 'c',
            }),
          );
          const { latest, expected } = recoded(records, edits);
          const cache = cacheFromRecords(records);
          findShifts(cache, filterRows(cache, filter), options);
          const edited = applyEdits(cache, latest);
          expect(table(findShifts(edited, filterRows(edited, filter), options))).toEqual(
            table(findShifts(expected, filterRows(expected, filter), options)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
