/**
 * Which days the timeline shows first: where the statements lie densely, padded, rather than
 * from the start of the earliest period. A statement dated only "2024" starts on 1 January, so
 * fitting every period would open on a year where nothing happened until November.
 */
import type { ColumnCache } from '../../query/types';
import type { Window } from './draw';

/** Share of statements left out at each end of the dense range (outliers in time). */
const TRIM = 0.01;

/**
 * The dense range of `rows` (ascending, so in date order): from the start of the first
 * statement to the end of the last, among statements known to the day or month when there are
 * any (year-only ones are spans that would stretch it), leaving out the first and last 1% when
 * there are at least 100 of them. Null without rows.
 * Bundled data: eight `2024` statements, three `2024-11` and eight from 2024-12-18 to 2024-12-26
 * -> `[2024-11-01, 2024-12-27)`.
 */
export function denseWindow(cache: ColumnCache, rows: ArrayLike<number>): [number, number] | null {
  const n = rows.length;
  if (n === 0) return null;
  let precise = 0;
  for (let k = 0; k < n; k++) if (cache.precision[rows[k]] < 2) precise++;
  const year = precise === 0;
  const m = year ? n : precise;
  const skip = m >= 100 ? Math.floor(m * TRIM) : 0;
  // The `skip`-th and the `m - 1 - skip`-th of the counted statements, in date order.
  let seen = 0;
  let lo = 0;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    if (!year && cache.precision[r] === 2) continue;
    if (seen === skip) lo = cache.day[r];
    if (seen >= skip && seen <= m - 1 - skip && cache.end[r] > hi) hi = cache.end[r];
    seen++;
  }
  return [lo, hi];
}

/**
 * The window to open on: the dense range padded by 8% of its length (at least three days) on
 * each side, so the marks at its edges are not cut. No rows: a week around `fallback`.
 * `openingWindow([100, 200])` -> `[92, 208]`; `openingWindow(null, 50)` -> `[47, 54]`.
 */
export function openingWindow(dense: readonly [number, number] | null, fallback = 0): Window {
  if (!dense) return [fallback - 3, fallback + 4];
  const pad = Math.max(3, Math.round((dense[1] - dense[0]) * 0.08));
  return [dense[0] - pad, dense[1] + pad];
}
