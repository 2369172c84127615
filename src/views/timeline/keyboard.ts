/**
 * The chart's keyboard grid: `[` and `]` move the cursor through the statements in time, the
 * up and down arrows to the band above or below at the same day. Pure: the component keeps the
 * cursor and scrolls it into view.
 */
import { bisectLeft } from 'd3-array';
import type { ColumnCache } from '../../query/types';
import type { BandModel } from './bands';
import type { Window } from './geometry';
import { pointBeside, pointIn, pointOfRow } from './hit';
import { ENTRY_SERIES, type BandLayout } from './layout';
import { stepCursor } from './model';

/** A point of a band and the day the cursor stands on (for moving up and down). */
export interface Cursor {
  row: number;
  series: number;
  day: number;
}

/**
 * The next (`+1`) or previous statement in time among `rows` in the window, from `cursor`
 * (from none: the first or last in view); null when there is none.
 */
export function cursorInTime(
  cache: ColumnCache,
  model: BandModel,
  rows: Uint32Array,
  cursor: Cursor | null,
  step: 1 | -1,
  win: Window,
): Cursor | null {
  const at = cursor ? bisectLeft(rows, cursor.row) : -1;
  const index = stepCursor(cache.day, rows, at, step, win[0], win[1]);
  if (index < 0) return null;
  const row = rows[index];
  const pt = pointOfRow(cache, model, row);
  return pt && { row, series: pt.series, day: cache.day[row] };
}

/**
 * The point of the band `step` rows below (`+1`) or above the cursor's, at its day; from no
 * cursor, the first row from line `firstLine` on at the middle of the window. Null past the
 * first or last row.
 */
export function cursorAcross(
  cache: ColumnCache,
  model: BandModel,
  layout: BandLayout,
  cursor: Cursor | null,
  step: 1 | -1,
  win: Window,
  firstLine: number,
): Cursor | null {
  let day: number;
  let pt;
  if (cursor) {
    day = cursor.day;
    pt = pointBeside(cache, model, cursor.series, step, day);
  } else {
    day = Math.floor((win[0] + win[1]) / 2);
    let i = firstLine;
    while (i < layout.kind.length - 1 && layout.kind[i] !== ENTRY_SERIES) i++;
    pt = pointIn(cache, model, layout.ref[i], day);
  }
  return pt && { row: pt.row, series: pt.series, day: Math.max(day, cache.day[pt.row]) };
}
