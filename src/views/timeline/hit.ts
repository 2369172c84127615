/**
 * From the pointer or the keyboard to a point of a band: which series, and which statement set
 * the stance shown there. Pure; the component keeps the result as its hover or cursor.
 */
import type { ColumnCache } from '../../query/types';
import type { BandModel } from './bands';
import { bandOf, seriesOfRow, stepAt } from './steps';
import { dayAt, nearestMark, type XScale } from './geometry';
import { ENTRY_SERIES, lineAt, type BandLayout } from './layout';
import type { BandPoint } from './render';

/**
 * The point under the pointer (`px`, `py` in the scrolling area), or null off the bands: a
 * statement's mark within `radius` pixels, else the step of the band in force at that day, named
 * by the statement that set it; null left of a band's first statement.
 */
export function hitAt(
  cache: ColumnCache,
  model: BandModel,
  layout: BandLayout,
  xs: ArrayLike<number>,
  scale: XScale,
  px: number,
  py: number,
  radius: number,
): (BandPoint & { day: number }) | null {
  if (px < scale.r0 - radius || px > scale.r1 + radius) return null;
  const line = lineAt(layout, py);
  if (line < 0 || layout.kind[line] !== ENTRY_SERIES) return null;
  const s = layout.ref[line];
  const cy = layout.tops[line] + layout.heights.series / 2;
  const i = nearestMark(xs, model.start[s], model.start[s + 1], px, py, () => cy, radius);
  const day = dayAt(scale, px);
  if (i >= 0) return { series: s, row: model.order[i], day };
  const band = bandOf(cache, model, s);
  const step = stepAt(band, day);
  return step < 0 ? null : { series: s, row: band.row[step], day };
}

/** A statement as a point of its band, or null when the model does not draw it. */
export function pointOfRow(cache: ColumnCache, model: BandModel, row: number): BandPoint | null {
  const s = seriesOfRow(cache, model, row);
  return s < 0 ? null : { series: s, row };
}

/**
 * The point `step` series up (-1) or down (+1) from series `from` at `day`: the statement in
 * force there, or that series' first one when its band starts later. Null past either end.
 * Rows ceasefire (-1 from day 10) and territory (-2 from day 20): from ceasefire at day 25, +1
 * -> territory's day-20 statement.
 */
export function pointBeside(
  cache: ColumnCache,
  model: BandModel,
  from: number,
  step: 1 | -1,
  day: number,
): BandPoint | null {
  return pointIn(cache, model, from + step, day);
}

/** The point of series `s` at `day` (see `pointBeside`), or null when there is no series `s`. */
export function pointIn(
  cache: ColumnCache,
  model: BandModel,
  s: number,
  day: number,
): BandPoint | null {
  if (s < 0 || s >= model.seriesCount) return null;
  const band = bandOf(cache, model, s);
  const i = stepAt(band, day);
  if (i >= 0) return { series: s, row: band.row[i] };
  if (band.row.length > 0) return { series: s, row: band.row[0] };
  return { series: s, row: model.order[model.start[s]] };
}
