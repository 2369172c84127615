/**
 * Draws one frame of the timeline on a canvas: only the lines in the scroll viewport and only
 * what falls inside the time window (both found by binary search). Each series row is a band in
 * the colour of the stance carried forward, statements are marks on it, shifts a bar and an
 * arrow. Called on every zoom, pan, scroll and hover, so it allocates little and never touches
 * Svelte state.
 */
import { bisectLeft } from 'd3-array';
import { STANCE_COLOR } from '../../domain/stance';
import {
  FLAG_CONDITIONAL,
  FLAG_REPORTED,
  FLAG_UNCODED,
  type StanceValue,
} from '../../domain/types';
import type { ColumnCache } from '../../query/types';
import type { BandModel } from './bands';
import { bandOf, seriesOfRow, stepAt } from './steps';
import { BIN_THRESHOLD, dayAt, shiftMarker, xOf, type XScale } from './geometry';
import { groupShiftsOf } from './group-shifts';
import { hatch } from './hatch';
import { ENTRY_GROUP, ENTRY_SERIES, visibleLines, type BandLayout } from './layout';
import type { Theme } from './theme';

export const MARK_R = 3.5;
/** Height of a band while its statement is fresh, and once it is stale (same colour). */
export const BAND_H = 10;
export const STALE_H = 4;
/** Longest statement period (a leap year): a span starting this far left can still show. */
const MAX_SPAN_DAYS = 366;
/** Past this many visible shifts, binned frames leave the markers out (zoom in to see them). */
const SHIFT_LIMIT = 1500;

/** A point of a band: the series, and the statement that set it there. */
export interface BandPoint {
  series: number;
  row: number;
}

export interface Frame {
  cache: ColumnCache;
  model: BandModel;
  layout: BandLayout;
  /** x of each entry of `model.order`. */
  xs: Float32Array;
  scale: XScale;
  /** Canvas size in CSS pixels: the whole width, the viewport's height. */
  width: number;
  height: number;
  scrollTop: number;
  hover: BandPoint | null;
  cursor: BandPoint | null;
  selectedRow: number;
  from: number | null;
  to: number | null;
  /** A band thins this many days after the end of its statement's period. */
  staleDays: number;
  /** x of the axis ticks, drawn as vertical grid lines. */
  ticks: number[];
  theme: Theme;
}

/** The index range of series `s`'s marks that can show in the window (spans reach in). */
export function seriesMarkRange(f: Frame, s: number): [number, number] {
  const { xs, scale, model } = f;
  const pxPerDay = (scale.r1 - scale.r0) / (scale.d1 - scale.d0);
  const lo = bisectLeft(
    xs,
    scale.r0 - MAX_SPAN_DAYS * pxPerDay,
    model.start[s],
    model.start[s + 1],
  );
  const hi = bisectLeft(xs, scale.r1 + 3 * MARK_R, lo, model.start[s + 1]);
  return [lo, hi];
}

/** Centre y of series `s`'s row in the scrolling area (not scrolled). */
export function seriesY(layout: BandLayout, s: number): number {
  return layout.tops[layout.lineOfSeries[s]] + layout.heights.series / 2;
}

/**
 * The band pieces of series `s` in the window, as `[x0, x1, step, stale]` quadruples: each step
 * from its statement to the next step (or the plot's right edge), split where it turns stale
 * (`staleDays` after the end of its statement's period).
 * Steps on days 10 (fresh until 20) and 30, scale 1 px a day from 0, to 50 ->
 * `[10, 20, 0, 0, 20, 30, 0, 1, 30, 50, 1, 0]`.
 */
export function bandPieces(
  cache: ColumnCache,
  model: BandModel,
  s: number,
  scale: XScale,
  staleDays: number,
): number[] {
  const band = bandOf(cache, model, s);
  const { from, row } = band;
  const out: number[] = [];
  const n = from.length;
  let i = Math.max(0, stepAt(band, dayAt(scale, scale.r0)));
  let lastX = -Infinity;
  for (; i < n; i++) {
    const x0 = Math.max(scale.r0, xOf(scale, from[i]));
    if (x0 >= scale.r1) break;
    const x1 = i + 1 < n ? Math.min(scale.r1, xOf(scale, from[i + 1])) : scale.r1;
    // Dense series zoomed out: steps under half a pixel would pile up on one column.
    if (x1 - x0 < 0.5 && i + 1 < n && x0 - lastX < 0.5) continue;
    lastX = x0;
    const xs = xOf(scale, cache.end[row[i]] + staleDays);
    if (xs >= x1) out.push(x0, x1, i, 0);
    else if (xs <= x0) out.push(x0, x1, i, 1);
    else out.push(x0, xs, i, 0, xs, x1, i, 1);
  }
  return out;
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
}

/** Draws a frame; returns whether marks were binned and how many were in view. */
export function renderFrame(
  ctx: CanvasRenderingContext2D,
  f: Frame,
): { binned: boolean; marks: number } {
  const { cache, model, layout, xs, scale, theme } = f;
  const palette = theme.stance ?? STANCE_COLOR;
  const { r0, r1 } = scale;
  const rowH = layout.heights.series;
  ctx.clearRect(0, 0, f.width, f.height);
  const [a, b] = visibleLines(layout, f.scrollTop, f.height);

  // Grid: the axis ticks, a rule over each group and lane, a faint baseline per row.
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  for (const t of f.ticks) {
    const x = Math.round(t) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, f.height);
  }
  for (let i = a; i < b; i++) {
    const y = layout.tops[i] - f.scrollTop;
    if (layout.kind[i] === ENTRY_SERIES) {
      const c = Math.round(y + rowH / 2) + 0.5;
      ctx.moveTo(r0, c);
      ctx.lineTo(r1, c);
    }
  }
  ctx.stroke();
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.5;
  ctx.beginPath();
  for (let i = a; i < b; i++) {
    if (layout.kind[i] === ENTRY_SERIES) continue;
    const y = Math.round(layout.tops[i] - f.scrollTop) + 0.5;
    ctx.moveTo(layout.kind[i] === ENTRY_GROUP ? 0 : 8, y);
    ctx.lineTo(f.width, y);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;

  // Which series show, and how many marks: past BIN_THRESHOLD marks are ticks per column.
  const series: number[] = [];
  const ranges: [number, number][] = [];
  let marks = 0;
  for (let i = a; i < b; i++) {
    if (layout.kind[i] !== ENTRY_SERIES) continue;
    const s = layout.ref[i];
    series.push(s);
    const range = seriesMarkRange(f, s);
    ranges.push(range);
    marks += range[1] - range[0];
  }
  const binned = marks > BIN_THRESHOLD;

  ctx.save();
  ctx.beginPath();
  ctx.rect(r0 - 2 * MARK_R, 0, r1 - r0 + 4 * MARK_R, f.height);
  ctx.clip();

  // Bands, batched into one path per colour and style.
  const solid: number[][] = [[], [], [], [], []];
  const hatched: number[][] = [[], [], [], [], []];
  const reported: number[] = [];
  const pieces: number[][] = [];
  for (const s of series) {
    const cy = seriesY(layout, s) - f.scrollTop;
    const p = bandPieces(cache, model, s, scale, f.staleDays);
    pieces.push(p);
    const { row } = bandOf(cache, model, s);
    for (let k = 0; k < p.length; k += 4) {
      const r = row[p[k + 2]];
      const h = p[k + 3] ? STALE_H : BAND_H;
      const bucket = cache.flags[r] & FLAG_CONDITIONAL ? hatched : solid;
      bucket[cache.stance[r] + 2].push(p[k], cy - h / 2, p[k + 1] - p[k], h);
      if (cache.flags[r] & FLAG_REPORTED) reported.push(p[k], p[k + 1], cy - BAND_H / 2 - 2);
    }
  }
  for (let st = 0; st < 5; st++) {
    const color = palette[(st - 2) as StanceValue];
    if (solid[st].length > 0) {
      ctx.fillStyle = color;
      ctx.beginPath();
      for (let k = 0; k < solid[st].length; k += 4) {
        ctx.rect(solid[st][k], solid[st][k + 1], solid[st][k + 2], solid[st][k + 3]);
      }
      ctx.fill();
    }
    if (hatched[st].length > 0) {
      // Conditional: stripes inside an outline of the stance's colour (hollow where no pattern).
      const h = hatched[st];
      ctx.beginPath();
      for (let k = 0; k < h.length; k += 4) {
        ctx.rect(h[k] + 0.5, h[k + 1] + 0.5, Math.max(0, h[k + 2] - 1), h[k + 3] - 1);
      }
      const pattern = hatch(ctx, color);
      if (pattern) {
        ctx.fillStyle = pattern;
        ctx.fill();
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
  if (reported.length > 0) {
    // Second-hand: a dotted line over the band, as long as that statement holds.
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 2]);
    ctx.beginPath();
    for (let k = 0; k < reported.length; k += 3) {
      ctx.moveTo(reported[k], reported[k + 2] + 0.5);
      ctx.lineTo(reported[k + 1], reported[k + 2] + 0.5);
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Statements: a dot on the band (ticks per pixel column when binned); month- and year-precise
  // ones also a faint line under the band for the period they cover.
  const { from, to } = f;
  const hasRange = from !== null || to !== null;
  series.forEach((s, k) => {
    const cy = seriesY(layout, s) - f.scrollTop;
    const [lo, hi] = ranges[k];
    if (binned) {
      ctx.fillStyle = theme.text;
      ctx.globalAlpha = 0.55;
      let last = -Infinity;
      for (let j = lo; j < hi; j++) {
        const x = Math.floor(xs[j]);
        if (x === last) continue;
        last = x;
        ctx.fillRect(x, cy - 3, 1, 6);
      }
      ctx.globalAlpha = 1;
      return;
    }
    for (let j = lo; j < hi; j++) {
      const row = model.order[j];
      const x = xs[j];
      const outside =
        hasRange &&
        ((to !== null && cache.day[row] > to) || (from !== null && cache.end[row] <= from));
      ctx.globalAlpha = outside ? 0.3 : 1;
      if (cache.precision[row] !== 0) {
        ctx.strokeStyle = theme.muted;
        ctx.globalAlpha *= 0.6;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(x, cy + BAND_H / 2 + 2);
        ctx.lineTo(Math.max(x + 2, xOf(scale, cache.end[row])), cy + BAND_H / 2 + 2);
        ctx.stroke();
        ctx.globalAlpha = outside ? 0.3 : 1;
      }
      if (x > r1 + MARK_R) continue;
      const flags = cache.flags[row];
      if (flags & FLAG_UNCODED) {
        // No stance: a neutral grey tick that sets no band.
        ctx.fillStyle = theme.muted;
        ctx.fillRect(x - 1, cy - rowH / 2 + 2, 2, rowH - 4);
        continue;
      }
      const color = palette[cache.stance[row] as StanceValue];
      ctx.beginPath();
      ctx.arc(x, cy, MARK_R, 0, Math.PI * 2);
      ctx.fillStyle = flags & FLAG_CONDITIONAL ? theme.bg : color;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = flags & FLAG_CONDITIONAL ? color : theme.bg;
      ctx.stroke();
      if (flags & FLAG_REPORTED) {
        ctx.setLineDash([2, 2]);
        ctx.lineWidth = 1;
        ctx.strokeStyle = theme.text;
        ring(ctx, x, cy, MARK_R + 2.5);
        ctx.setLineDash([]);
      }
    }
    ctx.globalAlpha = 1;
  });

  // Shifts: a bar across the row where the colour changes, and an arrow the way it moved (hollow
  // where this statement moved the actor's affiliation rather than the actor).
  let shiftCount = 0;
  for (const s of series) shiftCount += bandOf(cache, model, s).shifts.size;
  if (!binned || shiftCount <= SHIFT_LIMIT) {
    series.forEach((s, k) => {
      const band = bandOf(cache, model, s);
      const group = groupShiftsOf(cache, model, s);
      if (band.shifts.size === 0 && group.size === 0) return;
      const cy = seriesY(layout, s) - f.scrollTop;
      const p = pieces[k];
      for (let q = 0; q < p.length; q += 4) {
        const step = p[q + 2];
        const own = band.shifts.get(step);
        const shift = own ?? group.get(band.row[step]);
        const x = xOf(scale, band.from[step]);
        if (!shift || x < r0 || (q > 0 && p[q - 2] === step)) continue;
        ctx.fillStyle = theme.text;
        ctx.fillRect(x - 1, cy - rowH / 2 + 1, 2, rowH - 2);
        const dir = shift.direction === 'softened' ? 1 : shift.direction === 'hardened' ? -1 : 0;
        const pts = shiftMarker(x, cy, dir, 3.5);
        ctx.beginPath();
        ctx.moveTo(pts[0], pts[1]);
        for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
        ctx.closePath();
        ctx.fillStyle = own ? palette[shift.after as StanceValue] : theme.bg;
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = theme.text;
        ctx.stroke();
      }
    });
  }

  // Hover and keyboard cursor: the band piece that statement sets, outlined; its mark ringed.
  const outline = (pt: BandPoint | null, color: string, width: number, dash: number[]) => {
    if (!pt) return;
    const line = layout.lineOfSeries[pt.series];
    if (line === undefined || line < a || line >= b) return;
    const cy = seriesY(layout, pt.series) - f.scrollTop;
    const band = bandOf(cache, model, pt.series);
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    const step = bisectLeft(band.row, pt.row);
    if (step < band.row.length && band.row[step] === pt.row) {
      const x0 = Math.max(r0, xOf(scale, band.from[step]));
      const x1 = step + 1 < band.from.length ? Math.min(r1, xOf(scale, band.from[step + 1])) : r1;
      if (x1 > x0) ctx.strokeRect(x0, cy - BAND_H / 2 - 2, x1 - x0, BAND_H + 4);
    }
    ring(ctx, xOf(scale, cache.day[pt.row]), cy, MARK_R + 3);
    ctx.setLineDash([]);
  };
  outline(f.hover, theme.text, 1.5, []);
  outline(f.cursor, theme.accent, 2, [3, 2]);
  if (f.selectedRow >= 0) {
    const s = seriesOfRow(cache, model, f.selectedRow);
    const line = s >= 0 ? layout.lineOfSeries[s] : -1;
    if (line >= a && line < b) {
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 2.5;
      ring(ctx, xOf(scale, cache.day[f.selectedRow]), seriesY(layout, s) - f.scrollTop, MARK_R + 5);
    }
  }
  ctx.restore();
  return { binned, marks };
}
