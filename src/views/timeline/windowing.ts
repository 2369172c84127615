/**
 * Which days the timeline shows first: where the statements lie densely, padded, rather than
 * from the start of the earliest period. A statement dated only "2024" starts on 1 January, so
 * fitting every period would open on a year where nothing happened until November.
 */
import type { ColumnCache } from '../../query/types';
import type { Window } from './geometry';

/** Share of statements left out at each end of the dense range (outliers in time). */
const TRIM = 0.01;
/** Longest statement period, in days (a leap year). */
const MAX_PERIOD = 366;

/**
 * The dense range of `rows` (ascending, so in date order): from the start of the first
 * statement to the end of the last, among statements known to the day or month when there are
 * any (year-only ones are spans that would stretch it), leaving out the first and last 1% of the
 * rows when there are at least 100. Walks in from both ends only as far as it needs (a period
 * ends at most a year after it starts), so it costs little at a million rows. Null without rows.
 * Bundled data: eight `2024` statements, three `2024-11` and eight from 2024-12-18 to 2024-12-26
 * -> `[2024-11-01, 2024-12-27)`.
 */
export function denseWindow(cache: ColumnCache, rows: ArrayLike<number>): [number, number] | null {
  const n = rows.length;
  if (n === 0) return null;
  const skip = n >= 100 ? Math.floor(n * TRIM) : 0;
  const { precision, day, end } = cache;
  for (const yearsToo of [false, true]) {
    const counted = (r: number) => yearsToo || precision[r] < 2;
    let seen = 0;
    let k = 0;
    for (; k < n; k++) if (counted(rows[k]) && seen++ === skip) break;
    if (k === n) continue;
    const lo = day[rows[k]];
    seen = 0;
    let hi = -Infinity;
    for (let j = n - 1; j >= k; j--) {
      const r = rows[j];
      if (seen > skip && day[r] + MAX_PERIOD < hi) break;
      if (!counted(r)) continue;
      if (seen++ >= skip && end[r] > hi) hi = end[r];
    }
    return [lo, hi];
  }
  return null;
}

/**
 * First start day and last end day of the rows (ascending), or null: the end walks back from
 * the last rows only while a period could still reach past it.
 * Rows `1970` (a year: days 0..364) then `1970-03-01` (day 58) -> `[0, 365]`.
 */
export function periodExtent(cache: ColumnCache, rows: ArrayLike<number>): [number, number] | null {
  const n = rows.length;
  if (n === 0) return null;
  let hi = -Infinity;
  for (let j = n - 1; j >= 0; j--) {
    const r = rows[j];
    if (cache.day[r] + MAX_PERIOD < hi) break;
    if (cache.end[r] > hi) hi = cache.end[r];
  }
  return [cache.day[rows[0]], hi];
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
