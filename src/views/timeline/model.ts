/**
 * What the timeline draws, built from the filtered rows once per rows (or lane grouping) change,
 * never per frame: the lanes, each lane's rows in date order in one flat array, the step series
 * and shifts bucketed by lane, and lookups from a row to its series and shift.
 */
import {
  lanes as buildLanes,
  pairIndex,
  type Lane,
  type Series,
  type Shift,
} from '../../query/state';
import type { ColumnCache } from '../../query/types';

export type LaneBy = 'actor' | 'topic';

export interface TimelineModel {
  by: LaneBy;
  lanes: Lane[];
  /** Lane index of each actor (or topic) code; -1 when it has no rows. */
  laneOfCode: Int32Array;
  /** Every row, grouped by lane; ascending (date order) inside each lane. */
  order: Uint32Array;
  /** Start day of each entry of `order`, contiguous so per-frame x computation reads in sequence. */
  day: Int32Array;
  /** Lane `i` owns `order[start[i] .. start[i + 1])`. */
  start: Uint32Array;
  series: Series[];
  /** Indices into `series`, per lane. */
  seriesByLane: number[][];
  /** Index into `series` of each (actor, topic) pair id (`pairIndex`), -1 when absent. */
  seriesOfPair: Int32Array;
  shifts: Shift[];
  /** The lane's shifts in date order, with their days in a parallel array for binary search. */
  shiftsByLane: { shifts: Shift[]; days: Int32Array }[];
  /** Index into `shifts` of the shift a row made, -1 when it made none. */
  shiftOfRow: Int32Array;
  /** First day and end of the last period over the rows, or null when there are none. */
  extent: [number, number] | null;
}

/**
 * First start day and last end day of the rows: rows are in date order, so the start is the first
 * row's day; the end needs a scan since a year-precise statement can outlast later ones.
 * Rows `1970` (a year: days 0..364) then `1970-03-01` (day 58) -> `[0, 365]`.
 */
export function rowsExtent(cache: ColumnCache, rows: ArrayLike<number>): [number, number] | null {
  if (rows.length === 0) return null;
  let hi = -Infinity;
  for (let k = 0; k < rows.length; k++) {
    const e = cache.end[rows[k]];
    if (e > hi) hi = e;
  }
  return [cache.day[rows[0]], hi];
}

/**
 * Builds the timeline model. `series` and `shifts` come from `stepSeries` and `shifts` over the
 * same rows; they are passed in so switching lanes does not recompute them.
 * Example: Putin (Russia) on ceasefire -1 then +1, Biden (United States) once, by actor ->
 * lanes `[Putin, Biden]`, `shiftsByLane[0].shifts.length === 1`, `shiftOfRow[row of +1] === 0`.
 */
export function buildModel(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  by: LaneBy,
  series: Series[],
  shifts: Shift[],
): TimelineModel {
  const lanes = buildLanes(cache, rows, by);
  const dict = by === 'actor' ? cache.actors : cache.topics;
  const laneOfCode = new Int32Array(dict.length).fill(-1);
  lanes.forEach((lane, i) => (laneOfCode[lane.code] = i));

  const order = new Uint32Array(rows.length);
  const start = new Uint32Array(lanes.length + 1);
  let k = 0;
  lanes.forEach((lane, i) => {
    start[i] = k;
    order.set(lane.rows, k);
    k += lane.rows.length;
  });
  start[lanes.length] = k;
  const day = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) day[i] = cache.day[order[i]];

  const pairs = pairIndex(cache);
  const seriesOfPair = new Int32Array(pairs.count).fill(-1);
  const seriesByLane: number[][] = lanes.map(() => []);
  series.forEach((s, i) => {
    const lane = laneOfCode[by === 'actor' ? s.actor : s.topic];
    if (lane >= 0) seriesByLane[lane].push(i);
    if (s.steps.length > 0) seriesOfPair[pairs.id[s.steps[0].row]] = i;
  });

  const shiftOfRow = new Int32Array(cache.n).fill(-1);
  const buckets: Shift[][] = lanes.map(() => []);
  shifts.forEach((sh, i) => {
    shiftOfRow[sh.row] = i;
    const lane = laneOfCode[by === 'actor' ? sh.actor : sh.topic];
    if (lane >= 0) buckets[lane].push(sh);
  });
  const shiftsByLane = buckets.map((list) => ({
    shifts: list,
    days: Int32Array.from(list, (sh) => sh.day),
  }));

  return {
    by,
    lanes,
    laneOfCode,
    order,
    day,
    start,
    series,
    seriesByLane,
    seriesOfPair,
    shifts,
    shiftsByLane,
    shiftOfRow,
    extent: rowsExtent(cache, rows),
  };
}

/**
 * Moves a cursor through `rows` (date order) among those whose day lies in `[lo, hi)`: `+1` to the
 * next, `-1` to the previous. From no cursor (-1), `+1` starts at the first visible row and `-1`
 * at the last; a cursor left outside the window jumps back in. Stays put at either end; -1 when
 * nothing is visible.
 * Rows on days [5, 10, 20, 30], window [8, 25): `stepCursor(days, rows, -1, 1, 8, 25)` -> index 1.
 */
export function stepCursor(
  day: ArrayLike<number>,
  rows: ArrayLike<number>,
  cursor: number,
  step: 1 | -1,
  lo: number,
  hi: number,
): number {
  // First index with day >= lo, and first with day >= hi: rows are in date order.
  const bound = (v: number) => {
    let a = 0;
    let b = rows.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (day[rows[m]] < v) a = m + 1;
      else b = m;
    }
    return a;
  };
  const first = bound(lo);
  const last = bound(hi) - 1;
  if (first > last) return -1;
  if (cursor < 0) return step === 1 ? first : last;
  if (cursor < first) return first;
  if (cursor > last) return last;
  return Math.min(last, Math.max(first, cursor + step));
}
