/**
 * Draws one frame of the timeline on a canvas: only the lanes in the scroll viewport and only the
 * marks inside the time window (both found by binary search), binned to pixel columns past
 * BIN_THRESHOLD marks. Called on every zoom, pan, scroll and hover, so it allocates little and
 * never touches Svelte state.
 */
import { STANCE_COLOR } from '../../domain/stance';
import { FLAG_CONDITIONAL, FLAG_REPORTED, type StanceValue } from '../../domain/types';
import type { StepTable } from '../../query/state';
import type { ColumnCache } from '../../query/types';
import {
  BIN_THRESHOLD,
  binBars,
  binColumns,
  binCounts,
  dayAt,
  lowerBound,
  mergeCollinear,
  shiftMarker,
  stanceOffset,
  visibleLanes,
  xOf,
  type LaneLayout,
  type XScale,
} from './draw';
import {
  laneOfRow,
  laneShiftSteps,
  laneShiftsIn,
  laneSteps,
  seriesOfRow,
  type TimelineModel,
} from './model';

/** Colours read from the page's CSS variables, so both themes work. */
export interface Theme {
  text: string;
  muted: string;
  grid: string;
  bg: string;
  accent: string;
  /** Stance colours of the theme (`--stance-*`); STANCE_COLOR when absent. */
  stance?: Record<StanceValue, string>;
}

export const FALLBACK_THEME: Theme = {
  text: '#1d1d1f',
  muted: '#5c5c66',
  grid: '#e4e4ea',
  bg: '#ffffff',
  accent: '#3b5bdb',
};

/** Reads the theme from an element's computed CSS variables. */
export function readTheme(el: Element): Theme {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', FALLBACK_THEME.text),
    muted: v('--muted', FALLBACK_THEME.muted),
    grid: v('--grid', FALLBACK_THEME.grid),
    bg: v('--bg', FALLBACK_THEME.bg),
    accent: v('--accent', FALLBACK_THEME.accent),
    stance: {
      [-2]: v('--stance-n2', STANCE_COLOR[-2]),
      [-1]: v('--stance-n1', STANCE_COLOR[-1]),
      0: v('--stance-0', STANCE_COLOR[0]),
      1: v('--stance-p1', STANCE_COLOR[1]),
      2: v('--stance-p2', STANCE_COLOR[2]),
    },
  };
}

export const MARK_R = 4;
/** Longest statement period (a leap year): a span starting this far left can still show. */
const MAX_SPAN_DAYS = 366;
/** Past this many visible shifts, binned frames leave the triangles out (zoom in to see them). */
const SHIFT_LIMIT = 1500;

export interface Frame {
  cache: ColumnCache;
  model: TimelineModel;
  /** x of each entry of `model.order`. */
  xs: Float32Array;
  scale: XScale;
  /** Canvas size in CSS pixels: the whole width, the viewport's height. */
  width: number;
  height: number;
  scrollTop: number;
  layout: LaneLayout;
  laneH: number;
  headerH: number;
  hoverRow: number;
  cursorRow: number;
  selectedRow: number;
  from: number | null;
  to: number | null;
  /** x of the axis ticks, drawn as vertical grid lines. */
  ticks: number[];
  theme: Theme;
}

/** Where a row's mark sits in the scrolling area (y is not scrolled), or null without a lane. */
export function markPoint(
  cache: ColumnCache,
  model: TimelineModel,
  layout: LaneLayout,
  scale: XScale,
  laneH: number,
  row: number,
): { x: number; y: number; lane: number } | null {
  const lane = laneOfRow(cache, model, row);
  if (lane < 0) return null;
  return {
    x: xOf(scale, cache.day[row]),
    y: layout.tops[lane] + stanceOffset(cache.stance[row], laneH),
    lane,
  };
}

/** The index range of a lane's marks that can show in the window (spans reach in from the left). */
export function laneMarkRange(f: Frame, lane: number): [number, number] {
  const { xs, scale, model } = f;
  const pxPerDay = (scale.r1 - scale.r0) / (scale.d1 - scale.d0);
  const lo = lowerBound(
    xs,
    scale.r0 - MAX_SPAN_DAYS * pxPerDay,
    model.start[lane],
    model.start[lane + 1],
  );
  const hi = lowerBound(xs, scale.r1 + 3 * MARK_R, lo, model.start[lane + 1]);
  return [lo, hi];
}

/** Adds series `s`'s visible steps to per-stance segment buckets and the connector bucket. */
function collectSteps(
  steps: StepTable,
  s: number,
  stance: Int8Array,
  scale: XScale,
  laneTop: number,
  laneH: number,
  segments: number[][],
  connectors: number[],
) {
  const { from, row } = steps;
  const lo = steps.start[s];
  const end = steps.start[s + 1];
  // The step in force at the left edge: the last one starting on or before it.
  const first = Math.max(lo, upperBound(from, dayAt(scale, scale.r0), lo, end) - 1);
  let prevY = NaN;
  let lastX = -Infinity;
  for (let i = first; i < end; i++) {
    const x0 = Math.max(scale.r0 - 1, xOf(scale, from[i]));
    if (x0 > scale.r1) break;
    const x1 = i + 1 === end ? scale.r1 : Math.min(scale.r1 + 1, xOf(scale, from[i + 1]));
    // Sub-pixel steps (dense series, zoomed out) would stack hundreds of strokes on one column.
    if (x1 - x0 < 0.5 && i + 1 < end && x0 - lastX < 0.5) continue;
    const st = stance[row[i]];
    const y = laneTop + stanceOffset(st, laneH);
    if (!Number.isNaN(prevY) && prevY !== y) connectors.push(x0, prevY, x0, y);
    segments[st + 2].push(x0, y, x1, y);
    prevY = y;
    lastX = x0;
  }
}

/** First index in `values[lo..hi)` (ascending) whose value is `> value`. */
function upperBound(values: Int32Array, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (values[m] <= value) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Reused bin counts, grown as needed: binned frames fill one per lane. */
let binBuffer = new Uint32Array(0);

function strokeSegments(ctx: CanvasRenderingContext2D, coords: number[]) {
  if (coords.length === 0) return;
  ctx.beginPath();
  for (let i = 0; i < coords.length; i += 4) {
    ctx.moveTo(coords[i], coords[i + 1]);
    ctx.lineTo(coords[i + 2], coords[i + 3]);
  }
  ctx.stroke();
}

function polygon(ctx: CanvasRenderingContext2D, pts: number[]) {
  ctx.beginPath();
  ctx.moveTo(pts[0], pts[1]);
  for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
  ctx.closePath();
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
}

/** Draws a frame; returns whether it was binned and how many marks were in view. */
export function renderFrame(
  ctx: CanvasRenderingContext2D,
  f: Frame,
): { binned: boolean; marks: number } {
  const { cache, model, xs, scale, layout, laneH, theme } = f;
  const palette = theme.stance ?? STANCE_COLOR;
  const { r0, r1 } = scale;
  ctx.clearRect(0, 0, f.width, f.height);
  const [a, b] = visibleLanes(layout.tops, laneH, f.scrollTop, f.height);

  // Group headers: a rule under each visible affiliation label (the label itself is HTML).
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.5;
  ctx.lineWidth = 1;
  for (const h of layout.headers) {
    const y = h.top - f.scrollTop + f.headerH - 0.5;
    if (y < 0 || y > f.height) continue;
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(f.width, y);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;

  // Lane backgrounds and zero lines; count the marks in view to choose the drawing mode.
  const ranges: [number, number][] = [];
  let marks = 0;
  for (let i = a; i < b; i++) {
    const top = layout.tops[i] - f.scrollTop;
    if (i % 2 === 1) {
      ctx.fillStyle = theme.grid;
      ctx.globalAlpha = 0.45;
      ctx.fillRect(0, top, f.width, laneH);
    }
    ctx.globalAlpha = 0.8;
    ctx.strokeStyle = theme.grid;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    const zy = Math.round(top + stanceOffset(0, laneH)) + 0.5;
    ctx.moveTo(r0, zy);
    ctx.lineTo(r1, zy);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    const range = laneMarkRange(f, i);
    ranges.push(range);
    marks += range[1] - range[0];
  }
  const binned = marks > BIN_THRESHOLD;

  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of f.ticks) {
    const x = Math.round(t) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, f.height);
  }
  ctx.stroke();

  ctx.save();
  ctx.beginPath();
  ctx.rect(r0 - 3 * MARK_R, 0, r1 - r0 + 6 * MARK_R, f.height);
  ctx.clip();

  // Carried-forward stance: step lines, batched into one stroke per stance colour.
  const segments: number[][] = [[], [], [], [], []];
  const connectors: number[] = [];
  for (let i = a; i < b; i++) {
    const top = layout.tops[i] - f.scrollTop;
    const steps = laneSteps(cache, model, i);
    for (let id = 0; id < steps.count; id++) {
      collectSteps(steps, id, cache.stance, scale, top, laneH, segments, connectors);
    }
  }
  ctx.lineWidth = 1.5;
  ctx.globalAlpha = 0.35;
  ctx.strokeStyle = theme.muted;
  strokeSegments(ctx, mergeCollinear(connectors));
  ctx.globalAlpha = 0.6;
  segments.forEach((coords, s) => {
    ctx.strokeStyle = palette[(s - 2) as StanceValue];
    strokeSegments(ctx, mergeCollinear(coords));
  });
  ctx.globalAlpha = 1;

  // The hovered mark's series, on top and thicker.
  if (f.hoverRow >= 0) {
    const p = markPoint(cache, model, layout, scale, laneH, f.hoverRow);
    const id = p && p.lane >= a && p.lane < b ? seriesOfRow(cache, model, f.hoverRow) : -1;
    if (p && id >= 0) {
      const hs: number[][] = [[], [], [], [], []];
      const hc: number[] = [];
      const top = layout.tops[p.lane] - f.scrollTop;
      collectSteps(laneSteps(cache, model, p.lane), id, cache.stance, scale, top, laneH, hs, hc);
      // Thinner when binned: a dense series drawn at 3 px would blot out its lane.
      ctx.lineWidth = binned ? 1.5 : 3;
      ctx.strokeStyle = binned ? theme.muted : theme.text;
      strokeSegments(ctx, hc);
      hs.forEach((coords, s) => {
        ctx.strokeStyle = palette[(s - 2) as StanceValue];
        strokeSegments(ctx, coords);
      });
    }
  }

  // Marks.
  const { from, to } = f;
  const hasRange = from !== null || to !== null;
  for (let i = a; i < b; i++) {
    const top = layout.tops[i] - f.scrollTop;
    const [lo, hi] = ranges[i - a];
    if (binned) {
      // One bar per (pixel column, stance), its height growing with the log of the count; runs
      // of equal bars are one rectangle. Stance by stance, so in each column the higher stance
      // is drawn on top, as when the bins were drawn column by column.
      const maxH = (laneH - 8) / 4;
      const { left, cols } = binColumns(r0, r1);
      if (binBuffer.length < cols * 5) binBuffer = new Uint32Array(cols * 5);
      binCounts(xs, model.order, cache.stance, lo, hi, left, cols, binBuffer);
      for (let st = -2; st <= 2; st++) {
        const y = top + stanceOffset(st, laneH);
        ctx.fillStyle = palette[st as StanceValue];
        binBars(binBuffer, cols, left, st, maxH, (x, w, h) => ctx.fillRect(x, y - h / 2, w, h));
      }
      continue;
    }
    for (let j = lo; j < hi; j++) {
      const row = model.order[j];
      const stance = cache.stance[row] as StanceValue;
      const color = palette[stance];
      const x = xs[j];
      const y = top + stanceOffset(stance, laneH);
      const outside =
        hasRange &&
        ((to !== null && cache.day[row] > to) || (from !== null && cache.end[row] <= from));
      ctx.globalAlpha = outside ? 0.3 : 1;
      if (cache.precision[row] !== 0) {
        // Date precision as a span: the month or year the statement covers.
        const x1 = xOf(scale, cache.end[row]);
        ctx.fillStyle = color;
        ctx.globalAlpha *= 0.35;
        ctx.fillRect(x, y - 3, Math.max(2, x1 - x), 6);
        ctx.globalAlpha = outside ? 0.3 : 1;
      }
      ctx.beginPath();
      ctx.arc(x, y, MARK_R, 0, Math.PI * 2);
      if (cache.flags[row] & FLAG_CONDITIONAL) {
        ctx.fillStyle = theme.bg;
        ctx.fill();
        ctx.lineWidth = 2;
        ctx.strokeStyle = color;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
      }
      if (cache.flags[row] & FLAG_REPORTED) {
        // Second-hand: a dashed outer ring.
        ctx.setLineDash([2, 2]);
        ctx.lineWidth = 1;
        ctx.strokeStyle = theme.text;
        ring(ctx, x, y, MARK_R + 3);
        ctx.setLineDash([]);
      }
    }
    ctx.globalAlpha = 1;
  }

  // Shift markers beside the statement that changed the stance.
  const d0 = Math.floor(dayAt(scale, r0 - 3 * MARK_R)) - 1;
  const d1 = Math.ceil(dayAt(scale, r1)) + 1;
  let shiftCount = 0;
  for (let i = a; i < b; i++) shiftCount += laneShiftsIn(cache, model, i, d0, d1);
  if (!binned || shiftCount <= SHIFT_LIMIT) {
    ctx.lineWidth = 1;
    ctx.strokeStyle = theme.text;
    const { stance } = cache;
    for (let i = a; i < b; i++) {
      const top = layout.tops[i] - f.scrollTop;
      const { row, from } = laneSteps(cache, model, i);
      for (const j of laneShiftSteps(cache, model, i, d0, d1)) {
        const after = stance[row[j]];
        const direction = Math.sign(after - stance[row[j - 1]]) as 1 | -1 | 0;
        const pts = shiftMarker(
          xOf(scale, from[j]),
          top + stanceOffset(after, laneH),
          direction,
          4,
        );
        polygon(ctx, pts);
        ctx.fillStyle = palette[after as StanceValue];
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  // Rings: hovered, selected, keyboard cursor.
  const ringAt = (row: number, r: number, color: string, width: number, dash: number[]) => {
    if (row < 0) return;
    const p = markPoint(cache, model, layout, scale, laneH, row);
    if (!p || p.lane < a || p.lane >= b) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ring(ctx, p.x, p.y - f.scrollTop, r);
    ctx.setLineDash([]);
  };
  ringAt(f.hoverRow, MARK_R + 3, theme.text, 1, []);
  ringAt(f.selectedRow, MARK_R + 5, theme.text, 2.5, []);
  ringAt(f.cursorRow, MARK_R + 8, theme.accent, 2, [3, 2]);
  ctx.restore();
  return { binned, marks };
}
