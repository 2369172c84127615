import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { matrixModel, type MatrixOptions } from '../../../src/query/matrix';
import { matrixGrid } from '../../../src/query/matrix-grid';
import type { MatrixGrid } from '../../../src/query/matrix-types';
import { EMPTY_FILTER, type ColumnCache, type StanceFilter } from '../../../src/query/types';
import type { StanceValue } from '../../../src/domain/types';
import { day, rec } from './helpers';

/** Every row and cell of the lazy grid next to the whole model's, for one `toEqual`. */
function grid(g: MatrixGrid) {
  const { row, cell, rowCount, ...counts } = g;
  const rows = Array.from({ length: rowCount }, (_, r) => {
    const cells = new Map<number, ReturnType<typeof cell> & object>();
    for (let c = 0; c < counts.topics.length; c++) {
      const x = cell(r, c);
      if (x) cells.set(c, x);
    }
    return { ...row(r), cells };
  });
  return { ...counts, rows };
}

const ACTORS = ['Putin', 'Lavrov', 'Biden', 'Zelenskiy', 'Kellogg', 'Trump', 'Peskov'];
const AFFILIATIONS = ['Russia', 'United States', 'Ukraine', ''];
const TOPICS = ['ceasefire', 'talks', 'nato', 'territory', 'sanctions'];

const statement = fc.record({
  actor: fc.constantFrom(...ACTORS),
  affiliation: fc.constantFrom(...AFFILIATIONS),
  topic: fc.constantFrom(...TOPICS),
  // Days in 2024: a small range, so same-day ties and both compare directions come up.
  day: fc.integer({ min: 1, max: 60 }),
  stance: fc.constantFrom<StanceValue | 'c' | 'u'>(-2, -1, 0, 1, 2, 'c', 'u'),
});

type Statement = typeof statement extends fc.Arbitrary<infer T> ? T : never;
type Options = typeof options extends fc.Arbitrary<infer T> ? T : never;

const dateOf = (d: number) => new Date(Date.UTC(2024, 0, d)).toISOString().slice(0, 10);

function setup(statements: Statement[]) {
  const cache = cacheFromRecords(
    statements.map((s) =>
      rec({
        date: dateOf(s.day),
        actor: s.actor,
        affiliation: s.affiliation,
        topic: s.topic,
        stance: s.stance === 'u' ? 0 : s.stance,
        uncoded: s.stance === 'u',
      }),
    ),
  );
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

const options = fc.record({
  asOf: fc.integer({ min: 0, max: 62 }),
  compare: fc.option(fc.integer({ min: 0, max: 62 })),
  staleDays: fc.integer({ min: 0, max: 40 }),
  stances: fc.subarray<StanceFilter>([-2, -1, 0, 1, 2, 'c', 'u']),
});

const toOptions = (o: Options): MatrixOptions => ({
  asOf: day(dateOf(o.asOf)),
  compare: o.compare === null ? null : day(dateOf(o.compare)),
  staleDays: o.staleDays,
  stances: o.stances,
});

/** Keeps the rows whose actor is not in `out`: a filter that leaves actors and topics out. */
const without = (cache: ColumnCache, rows: Uint32Array, out: string[]) =>
  rows.filter((r) => !out.includes(cache.actors[cache.actor[r]]));

describe('matrixGrid', () => {
  it('reads the same rows, cells and counts as the whole model', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 0, maxLength: 40 }),
        options,
        fc.subarray(ACTORS, { maxLength: 3 }),
        (statements, o, out) => {
          const { cache, rows } = setup(statements);
          const filtered = without(cache, rows, out);
          const opts = toOptions(o);
          expect(grid(matrixGrid(cache, filtered, opts))).toEqual(
            matrixModel(cache, filtered, opts),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the same when the date moves over the same rows (the index of the rows)', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 40 }),
        fc.array(options, { minLength: 2, maxLength: 4 }),
        (statements, steps) => {
          const { cache, rows } = setup(statements);
          for (const o of steps) {
            const opts = toOptions(o);
            expect(grid(matrixGrid(cache, rows, opts))).toEqual(matrixModel(cache, rows, opts));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hands out each row header once and answers nothing outside the grid', () => {
    const { cache, rows } = setup([
      { actor: 'Putin', affiliation: 'Russia', topic: 'talks', day: 3, stance: 1 },
      { actor: 'Lavrov', affiliation: 'Russia', topic: 'ceasefire', day: 5, stance: -2 },
    ]);
    const g = matrixGrid(
      cache,
      rows,
      toOptions({ asOf: 10, compare: null, staleDays: 90, stances: [] }),
    );
    expect(g.rowCount).toBe(3);
    expect(g.row(1)).toBe(g.row(1));
    expect(g.row(0)).toMatchObject({ kind: 'affiliation', label: 'Russia (all actors)' });
    expect([g.cell(-1, 0), g.cell(3, 0), g.cell(0, 2)]).toEqual([null, null, null]);
  });
});
