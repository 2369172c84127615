/**
 * One row of the timeline as a band: the steps of the stance carried forward in a series and the
 * shifts `seriesShifts` (src/query/shifts.ts) finds in it, built when the row is first drawn or
 * asked for and kept in the model.
 */
import { bisectLeft, bisectRight } from 'd3-array';
import { FLAG_UNCODED } from '../../domain/types';
import { seriesShifts, type Shift } from '../../query/shifts';
import { pairIndex } from '../../query/steps';
import type { ColumnCache } from '../../query/types';
import { SERIES_AFFILIATION, type Band, type BandModel } from './bands';

/** The series a row is drawn in, or -1. */
export function seriesOfRow(cache: ColumnCache, model: BandModel, row: number): number {
  return model.seriesOfPair[pairIndex(cache).id[row]] ?? -1;
}

/** The statements of series `s`, in date order (a view). */
export function seriesRowsOf(model: BandModel, s: number): Uint32Array {
  return model.order.subarray(model.start[s], model.start[s + 1]);
}

/**
 * Series `s`'s band, built on first use and kept in the model.
 * Putin on ceasefire: -1 (day 10), uncoded (day 15), +1 (day 20), +1 (day 30) -> steps at days
 * 10, 20, 30, one shift (-1 -> +1) at the step of day 20.
 */
export function bandOf(cache: ColumnCache, model: BandModel, s: number): Band {
  let band = model.bands[s];
  if (band) return band;
  const rows = seriesRowsOf(model, s);
  const row = new Uint32Array(rows.length);
  const from = new Int32Array(rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (cache.flags[r] & FLAG_UNCODED) continue;
    const d = cache.day[r];
    if (k > 0 && from[k - 1] === d) row[k - 1] = r;
    else {
      row[k] = r;
      from[k++] = d;
    }
  }
  const shifts = new Map<number, Shift>();
  const kind = model.seriesKind[s] === SERIES_AFFILIATION ? 'affiliation' : 'actor';
  for (const shift of seriesShifts(cache, rows, kind)) {
    shifts.set(bisectRight(from, shift.day, 0, k) - 1, shift);
  }
  band = { row: row.slice(0, k), from: from.slice(0, k), shifts };
  model.bands[s] = band;
  return band;
}

/**
 * The shift a statement made in series `s` (the state it set differs from the one before), or
 * null. Putin's +1 after his -1 on ceasefire -> `{ before: -1, after: 1, ... }`.
 */
export function shiftOfRow(
  cache: ColumnCache,
  model: BandModel,
  s: number,
  row: number,
): Shift | null {
  const band = bandOf(cache, model, s);
  const step = bisectLeft(band.row, row);
  return band.row[step] === row ? (band.shifts.get(step) ?? null) : null;
}

/**
 * The step in force on `day` (fractional days allowed): the last one starting on or before it,
 * or -1 before the first. Steps from days [10, 20]: `stepAt(band, 15)` -> 0; `(band, 5)` -> -1.
 */
export function stepAt(band: Band, day: number): number {
  return bisectRight(band.from, day, 0, band.from.length) - 1;
}
