/**
 * The matrix grid for a cache, its rows and the view, remembered per rows array: opening the
 * view builds it in a task of its own (`open.ts`), and the first draw then only reads it.
 */
import { matrixGrid } from '../../query/matrix-grid';
import type { MatrixGrid } from '../../query/matrix-types';
import type { ColumnCache } from '../../query/types';
import type { ViewState } from '../../url/view-state';

export type GridView = Pick<ViewState, 'asOf' | 'compare' | 'staleDays' | 'stances'>;

/** The last grid built over each rows array (a new filter makes a new array, and drops it). */
const grids = new WeakMap<Uint32Array, { key: string; cache: ColumnCache; grid: MatrixGrid }>();

/** The grid of `matrixGrid` for these rows as of the view's date (the data's last day when unset). */
export function gridFor(cache: ColumnCache, rows: Uint32Array, view: GridView): MatrixGrid {
  const asOf = view.asOf ?? cache.maxDay;
  const key = `${asOf} ${view.compare} ${view.staleDays} ${view.stances.join(',')}`;
  const kept = grids.get(rows);
  if (kept && kept.cache === cache && kept.key === key) return kept.grid;
  const grid = matrixGrid(cache, rows, {
    asOf,
    compare: view.compare,
    staleDays: view.staleDays,
    stances: view.stances,
  });
  grids.set(rows, { key, cache, grid });
  return grid;
}
