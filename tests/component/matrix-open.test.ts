import { describe, expect, it, vi } from 'vitest';
import { cacheFromRecords } from '../../src/query/cache';
import { filterRows } from '../../src/query/filter';
import { matrixGrid, matrixGridSteps } from '../../src/query/matrix-grid';
import { EMPTY_FILTER } from '../../src/query/types';
import { DEFAULT_VIEW } from '../../src/url/view-state';
import { gridFor } from '../../src/views/matrix/grid-memo';
import { openMatrix } from '../../src/views/matrix/open';
import { rec } from '../unit/query/helpers';

// Counts the grids built, at once or in slices, still building them for real.
vi.mock('../../src/query/matrix-grid', async (original) => {
  const actual = await original<typeof import('../../src/query/matrix-grid')>();
  return {
    matrixGrid: vi.fn(actual.matrixGrid),
    matrixGridSteps: vi.fn(actual.matrixGridSteps),
  };
});

const cache = cacheFromRecords(
  [
    { date: '2024-11-01', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 1 },
    { date: '2024-12-26', actor: 'Lavrov', affiliation: 'Russia', topic: 'ceasefire', stance: -2 },
    {
      date: '2024-12-18',
      actor: 'Kellogg',
      affiliation: 'United States',
      topic: 'talks',
      stance: 1,
    },
  ].map((r) => rec({ ...r, stance: r.stance as 1 | -2 })),
);
const every = filterRows(cache, EMPTY_FILTER);

describe('opening the Matrix', () => {
  it('builds the grid of the rows at hand before handing over the view, which then reads it', async () => {
    const sliced = vi.mocked(matrixGridSteps);
    const whole = vi.mocked(matrixGrid);
    sliced.mockClear();
    whole.mockClear();
    let rows = every.slice(0, 1);
    const view = { ...DEFAULT_VIEW };
    const opening = openMatrix(() => ({ cache, rows, view }));
    // The filters changed while the code was on its way: the grid is of the rows then in view.
    rows = every.slice();
    const module = await opening;
    expect(module.default).toBeTypeOf('function');
    expect(sliced).toHaveBeenCalledTimes(1);
    expect(sliced.mock.calls[0][1]).toBe(rows);

    const grid = gridFor(cache, rows, view);
    expect(whole).not.toHaveBeenCalled();
    expect(grid.rowCount).toBe(5);
    expect(grid.actorCount).toBe(3);
    // Built in slices, it is the grid built at once.
    const { row, cell, ...counts } = grid;
    const fresh = vi.mocked(matrixGrid).getMockImplementation()!(cache, rows, {
      asOf: cache.maxDay,
      compare: null,
      staleDays: view.staleDays,
      stances: [],
    });
    const { row: freshRow, cell: freshCell, ...freshCounts } = fresh;
    expect(counts).toEqual(freshCounts);
    const all = [0, 1, 2, 3, 4];
    expect(all.map((r) => row(r))).toEqual(all.map((r) => freshRow(r)));
    expect(all.flatMap((r) => [cell(r, 0), cell(r, 1)])).toEqual(
      all.flatMap((r) => [freshCell(r, 0), freshCell(r, 1)]),
    );
    whole.mockClear();

    // Another date, another grid, built at once as a date step does.
    const later = gridFor(cache, rows, { ...view, asOf: grid.asOf - 30 });
    expect(whole).toHaveBeenCalledTimes(1);
    expect(later.cell(1, 0)).toBeNull();
    expect(gridFor(cache, rows, { ...view, stances: [-2] }).actorCount).toBe(1);
  });

  it('opens without data', async () => {
    const module = await openMatrix(() => null);
    expect(module.default).toBeTypeOf('function');
  });
});
