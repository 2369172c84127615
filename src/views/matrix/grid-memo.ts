/**
 * The matrix grid for a cache, its rows and the view, remembered per rows array: opening the
 * view builds it in slices before the first draw (`open.ts`), which then only reads it.
 */
import { matrixGrid, matrixGridSteps } from '../../query/matrix-grid';
import type { MatrixGrid, MatrixOptions } from '../../query/matrix-types';
import type { ColumnCache } from '../../query/types';
import type { ViewState } from '../../url/view-state';
import { finishInSlices } from '../../util/steps';

export type GridView = Pick<ViewState, 'asOf' | 'compare' | 'staleDays' | 'stances'>;

/** The last grid built over each rows array (a new filter makes a new array, and drops it). */
const grids = new WeakMap<Uint32Array, { key: string; cache: ColumnCache; grid: MatrixGrid }>();

const keyOf = (cache: ColumnCache, view: GridView) =>
  `${view.asOf ?? cache.maxDay} ${view.compare} ${view.staleDays} ${view.stances.join(',')}`;

/** The options of `matrixGrid` for a view: as of the data's last day when it sets none. */
const optionsOf = (cache: ColumnCache, view: GridView): MatrixOptions => ({
  asOf: view.asOf ?? cache.maxDay,
  compare: view.compare,
  staleDays: view.staleDays,
  // A copy: a filter changed while a grid is built in slices must not reach it half-way.
  stances: [...view.stances],
});

function kept(cache: ColumnCache, rows: Uint32Array, view: GridView): MatrixGrid | null {
  const grid = grids.get(rows);
  return grid && grid.cache === cache && grid.key === keyOf(cache, view) ? grid.grid : null;
}

/** The grid of `matrixGrid` for these rows and the view, built now unless remembered. */
export function gridFor(cache: ColumnCache, rows: Uint32Array, view: GridView): MatrixGrid {
  const known = kept(cache, rows, view);
  if (known) return known;
  const grid = matrixGrid(cache, rows, optionsOf(cache, view));
  grids.set(rows, { key: keyOf(cache, view), cache, grid });
  return grid;
}

/**
 * `gridFor`'s grid built in slices of about 25 ms with a task between them, and remembered:
 * the view opened next draws it without building it.
 */
export async function prepareGrid(
  cache: ColumnCache,
  rows: Uint32Array,
  view: GridView,
): Promise<MatrixGrid> {
  const known = kept(cache, rows, view);
  if (known) return known;
  const key = keyOf(cache, view);
  const grid = await finishInSlices(matrixGridSteps(cache, rows, optionsOf(cache, view)));
  grids.set(rows, { key, cache, grid });
  return grid;
}
