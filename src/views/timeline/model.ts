/**
 * What the timeline draws, built from the filtered rows once per rows (or lane grouping) change,
 * never per frame: the lanes, each lane's rows in date order in one flat array, the step series
 * and shifts grouped by lane, and lookups from a row to its series and shift.
 */
import { bisectLeft, bisector } from 'd3-array';
import { laneOrder, type LaneInfo, type LaneOrder } from '../../query/lanes';
import { makeShift, shiftCount, stepTable, type Shift, type StepTable } from '../../query/steps';
import type { ColumnCache } from '../../query/types';

export type LaneBy = 'actor' | 'topic';

export interface TimelineModel {
  by: LaneBy;
  lanes: LaneInfo[];
  /** Lane index of each actor (or topic) code; -1 when it has no rows. */
  laneOfCode: Int32Array;
  /** Every row, grouped by lane; ascending (date order) inside each lane. */
  order: Uint32Array;
  /** Start day of each entry of `order`, contiguous so per-frame x computation reads in sequence. */
  day: Int32Array;
  /** Lane `i` owns `order[start[i] .. start[i + 1])`. */
  start: Uint32Array;
  /** Number of shifts over all lanes. */
  shiftCount: number;
  /** First day and end of the last period over the rows, or null when there are none. */
  extent: [number, number] | null;
  /** The rows by lane, as `stepTable` reads them. */
  grouped: LaneOrder;
  /** Each lane's step series once built (`laneSteps`): only lanes that were shown or asked for. */
  steps: (StepTable | undefined)[];
}

/**
 * First start day and last end day of the rows: rows are in date order, so the start is the first
 * row's day; the end needs a scan since a year-precise statement can outlast later ones.
 * Rows `1970` (a year: days 0..364) then `1970-03-01` (day 58) -> `[0, 365]`.
 */
export function rowsExtent(cache: ColumnCache, rows: ArrayLike<number>): [number, number] | null {
  if (rows.length === 0) return null;
  const end = cache.end;
  let hi = -Infinity;
  for (let k = 0; k < rows.length; k++) {
    const e = end[rows[k]];
    if (e > hi) hi = e;
  }
  return [cache.day[rows[0]], hi];
}

/**
 * Builds the timeline model: the lanes and their rows in typed arrays, and shift counts. The step
 * series of a lane are built when first needed (`laneSteps`), so a filter change at 1M rows
 * costs a few passes over the rows plus the lanes in view.
 * Example: Putin (Russia) on ceasefire -1 then +1, Biden (United States) once, by actor ->
 * lanes `[Putin, Biden]`, `laneShifts(cache, model, 0).length === 1`,
 * `shiftOf(cache, model, row of +1)` is that shift.
 */
export function buildModel(cache: ColumnCache, rows: ArrayLike<number>, by: LaneBy): TimelineModel {
  // Every row (the unfiltered view, returned to whenever a filter is cleared): one model per
  // cache and grouping, so the lanes' step series built for it are kept too.
  if (rows.length !== cache.n || cache.n === 0) return makeModel(cache, rows, by);
  let memo = everyRowModels.get(cache);
  if (!memo) everyRowModels.set(cache, (memo = {}));
  return (memo[by] ??= makeModel(cache, rows, by));
}

const everyRowModels = new WeakMap<ColumnCache, Partial<Record<LaneBy, TimelineModel>>>();

function makeModel(cache: ColumnCache, rows: ArrayLike<number>, by: LaneBy): TimelineModel {
  const grouped = laneOrder(cache, rows, by);
  const { lanes, order, day, start } = grouped;
  const dict = by === 'actor' ? cache.actors : cache.topics;
  const laneOfCode = new Int32Array(dict.length).fill(-1);
  lanes.forEach((lane, i) => (laneOfCode[lane.code] = i));
  return {
    by,
    lanes,
    laneOfCode,
    order,
    day,
    start,
    shiftCount: shiftCount(cache, rows),
    extent: rowsExtent(cache, rows),
    grouped,
    steps: new Array<StepTable | undefined>(lanes.length),
  };
}

/**
 * The step series of lane `lane`, built on first use and kept in the model (which lives until
 * the rows or the grouping change). Its series are ordered by the other dimension's code.
 */
export function laneSteps(cache: ColumnCache, model: TimelineModel, lane: number): StepTable {
  let table = model.steps[lane];
  if (!table) table = model.steps[lane] = stepTable(cache, model.grouped, lane, lane + 1);
  return table;
}

/** Number of shifts in lane `lane` (builds its steps). */
export function laneShiftCount(cache: ColumnCache, model: TimelineModel, lane: number): number {
  const { shiftRank, row } = laneSteps(cache, model, lane);
  return shiftRank[row.length];
}

/**
 * The series of a pair in its lane's table, or -1: series are ordered by the other dimension's
 * code, so a binary search finds it.
 */
export function seriesOfRow(cache: ColumnCache, model: TimelineModel, row: number): number {
  const lane = laneOfRow(cache, model, row);
  if (lane < 0) return -1;
  const table = laneSteps(cache, model, lane);
  const codes = model.by === 'actor' ? table.topic : table.actor;
  const code = model.by === 'actor' ? cache.topic[row] : cache.actor[row];
  const s = bisectLeft(codes, code);
  return s < table.count && codes[s] === code ? s : -1;
}

/** The lane a row is drawn in, or -1 when the model has no lane for it. */
export function laneOfRow(cache: ColumnCache, model: TimelineModel, row: number): number {
  const code = model.by === 'actor' ? cache.actor[row] : cache.topic[row];
  return model.laneOfCode[code] ?? -1;
}

/**
 * How many shifts lane `lane` has on days `[d0, d1)`: two binary searches per series, so a frame
 * can decide whether to draw the triangles before gathering any.
 */
export function laneShiftsIn(
  cache: ColumnCache,
  model: TimelineModel,
  lane: number,
  d0: number,
  d1: number,
): number {
  const { from, start, shiftRank, count } = laneSteps(cache, model, lane);
  let n = 0;
  for (let s = 0; s < count; s++) {
    const lo = bisectLeft(from, d0, start[s], start[s + 1]);
    n += shiftRank[bisectLeft(from, d1, lo, start[s + 1])] - shiftRank[lo];
  }
  return n;
}

/**
 * The steps (indices into `laneSteps(cache, model, lane)`) that are shifts of lane `lane` on days
 * `[d0, d1)`, in date order (rows are numbered in date order), as the lane's shifts were always
 * drawn. Putin -1 on day 10, +1 on day 20 (ceasefire), 0 then +2 on days 12 and 15 (talks):
 * `laneShiftSteps(cache, model, putin, 0, 30)` -> the steps of day 15 then day 20.
 */
export function laneShiftSteps(
  cache: ColumnCache,
  model: TimelineModel,
  lane: number,
  d0: number,
  d1: number,
): number[] {
  const { from, start, shiftRank, row, count } = laneSteps(cache, model, lane);
  const found: number[] = [];
  for (let s = 0; s < count; s++) {
    const lo = bisectLeft(from, d0, start[s], start[s + 1]);
    const hi = bisectLeft(from, d1, lo, start[s + 1]);
    for (let i = lo; i < hi; i++) if (shiftRank[i + 1] > shiftRank[i]) found.push(i);
  }
  return found.sort((x, y) => row[x] - row[y]);
}

/** The shifts of lane `lane`, in date order, as objects (for tests and the text list). */
export function laneShifts(cache: ColumnCache, model: TimelineModel, lane: number): Shift[] {
  const { row } = laneSteps(cache, model, lane);
  return laneShiftSteps(cache, model, lane, -Infinity, Infinity).map((i) =>
    makeShift(cache, row[i], row[i - 1]),
  );
}

/**
 * The shift a row made, or null when it made none: binary searches in its lane's series, so no
 * row-sized lookup is built per filter change.
 * Putin -1 on 2024-12-01, conditional +1 on 2024-12-10: the second row -> `shift: oppose →
 * conditional support`; the first -> null.
 */
export function shiftOf(cache: ColumnCache, model: TimelineModel, row: number): Shift | null {
  const s = seriesOfRow(cache, model, row);
  if (s < 0) return null;
  const table = laneSteps(cache, model, laneOfRow(cache, model, row));
  const { from, start, shiftRank, row: stepRow } = table;
  const i = bisectLeft(from, cache.day[row], start[s], start[s + 1]);
  if (i >= start[s + 1] || stepRow[i] !== row || shiftRank[i + 1] === shiftRank[i]) return null;
  return makeShift(cache, row, stepRow[i - 1]);
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
  const bound = (v: number) => bisector((r: number) => day[r]).left(rows, v);
  const first = bound(lo);
  const last = bound(hi) - 1;
  if (first > last) return -1;
  if (cursor < 0) return step === 1 ? first : last;
  if (cursor < first) return first;
  if (cursor > last) return last;
  return Math.min(last, Math.max(first, cursor + step));
}
