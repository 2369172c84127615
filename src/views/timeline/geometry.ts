/**
 * Pure geometry of the timeline: the x scale in day numbers, the zoom window, the brush
 * conversion and hit-testing. No DOM, no Svelte: the component and the
 * canvas renderer call these, and node tests check them.
 *
 * Time is in day numbers (days since 1970-01-01 UTC) and may be fractional while zooming: the
 * view state only stores whole days, so the component keeps the fractional window locally.
 */
import { bisectLeft } from 'd3-array';

/** A linear map from days to pixels: `d0 -> r0`, `d1 -> r1`. */
export interface XScale {
  d0: number;
  d1: number;
  r0: number;
  r1: number;
}

/** A visible time window `[start, end)` in (fractional) day numbers. */
export type Window = readonly [number, number];

/** The narrowest window zoom allows: two days across the whole plot. */
export const MIN_WINDOW_DAYS = 2;
/** The widest: about 300 years, far beyond any dataset, so zooming out never gets stuck. */
export const MAX_WINDOW_DAYS = 300 * 366;

/**
 * More visible marks than this and the rows draw ticks per pixel column instead of dots.
 * Canvas draws 10k marks in 25-50 ms here (DESIGN.md), so 4000 keeps a zoom frame near 16 ms,
 * and past that many marks individual dots overlap anyway.
 */
export const BIN_THRESHOLD = 4000;

/** `xOf({ d0: 0, d1: 10, r0: 100, r1: 200 }, 5)` -> 150. */
export function xOf(s: XScale, day: number): number {
  return s.r0 + ((day - s.d0) * (s.r1 - s.r0)) / (s.d1 - s.d0);
}

/** The inverse of `xOf`: `dayAt({ d0: 0, d1: 10, r0: 100, r1: 200 }, 150)` -> 5. */
export function dayAt(s: XScale, px: number): number {
  return s.d0 + ((px - s.r0) * (s.d1 - s.d0)) / (s.r1 - s.r0);
}

/**
 * The window that fits the data: its first day to the end of its last period, padded by 3% (at
 * least a day) on each side so marks at the edges are not cut. No data: a week around `fallback`.
 * `fitDomain([100, 200])` -> `[97, 203]`; `fitDomain(null, 50)` -> `[47, 54]`.
 */
export function fitDomain(extent: readonly [number, number] | null, fallback = 0): Window {
  if (!extent) return [fallback - 3, fallback + 4];
  const [lo, hi] = extent;
  const pad = Math.max(1, Math.round((hi - lo) * 0.03));
  return [lo - pad, hi + pad];
}

/**
 * The window the view state asks for. `windowFrom`/`windowTo` are whole days, inclusive, so the
 * window ends at the end of `windowTo`; null (or an inverted pair) means "fit the data". A local
 * fractional window that rounds to the same days wins, so zooming is smooth even though the URL
 * keeps whole days.
 * `visibleWindow(10, 19, [0, 100], null)` -> `[10, 20]`;
 * `visibleWindow(10, 19, [0, 100], [10.4, 19.6])` -> `[10.4, 19.6]`.
 */
export function visibleWindow(
  windowFrom: number | null,
  windowTo: number | null,
  fit: Window,
  local: Window | null,
): Window {
  if (windowFrom === null || windowTo === null || windowTo < windowFrom) return fit;
  if (local) {
    const days = windowDays(local);
    if (days.from === windowFrom && days.to === windowTo) return local;
  }
  return [windowFrom, windowTo + 1];
}

/**
 * The whole days (inclusive) a fractional window touches: `windowDays([10.4, 19.6])` ->
 * `{ from: 10, to: 19 }`; `windowDays([10, 20])` -> `{ from: 10, to: 19 }`.
 */
export function windowDays(w: Window): { from: number; to: number } {
  const from = Math.floor(w[0]);
  return { from, to: Math.max(from, Math.ceil(w[1]) - 1) };
}

/**
 * Keeps a window's length within [MIN_WINDOW_DAYS, MAX_WINDOW_DAYS] around its centre.
 * `clampWindow([10, 10.5])` -> `[9.25, 11.25]`.
 */
export function clampWindow(w: Window): Window {
  const len = w[1] - w[0];
  const target = Math.min(MAX_WINDOW_DAYS, Math.max(MIN_WINDOW_DAYS, len));
  if (target === len) return w;
  const c = (w[0] + w[1]) / 2;
  return [c - target / 2, c + target / 2];
}

/**
 * Zooms a window by `factor` (> 1 zooms in) keeping `center` where it is on screen.
 * `zoomWindow([0, 100], 2, 50)` -> `[25, 75]`; `zoomWindow([0, 100], 2, 0)` -> `[0, 50]`.
 */
export function zoomWindow(w: Window, factor: number, center = (w[0] + w[1]) / 2): Window {
  const next: Window = [center - (center - w[0]) / factor, center + (w[1] - center) / factor];
  const len = next[1] - next[0];
  if (len >= MIN_WINDOW_DAYS && len <= MAX_WINDOW_DAYS) return next;
  return w;
}

/** Pans by a fraction of the window's length: `panWindow([0, 100], 0.1)` -> `[10, 110]`. */
export function panWindow(w: Window, fraction: number): Window {
  const d = (w[1] - w[0]) * fraction;
  return [w[0] + d, w[1] + d];
}

/** A d3-zoom transform restricted to x: `px -> px * k + x`. */
export interface ZoomX {
  k: number;
  x: number;
}

/**
 * The d3-zoom transform that shows window `w` when the untransformed scale fits `fit` to the
 * pixel range `[r0, r1]`, so wheel and drag gestures continue from the current window.
 * `transformFor([0, 100], [25, 75], 0, 100)` -> `{ k: 2, x: -50 }`.
 */
export function transformFor(fit: Window, w: Window, r0: number, r1: number): ZoomX {
  const k = (fit[1] - fit[0]) / (w[1] - w[0]);
  const base: XScale = { d0: fit[0], d1: fit[1], r0, r1 };
  return { k, x: r0 - k * xOf(base, w[0]) };
}

/**
 * The window a d3-zoom transform shows (the inverse of `transformFor`).
 * `windowFromTransform([0, 100], { k: 2, x: -50 }, 0, 100)` -> `[25, 75]`.
 */
export function windowFromTransform(fit: Window, t: ZoomX, r0: number, r1: number): Window {
  const base: XScale = { d0: fit[0], d1: fit[1], r0, r1 };
  return [dayAt(base, (r0 - t.x) / t.k), dayAt(base, (r1 - t.x) / t.k)];
}

/**
 * A brushed pixel extent as whole days, inclusive, snapped to the nearest day boundaries: the
 * brush from the start of day 10 to the start of day 20 covers days 10..19. A brush narrower
 * than a day still selects the day it starts in.
 * With `{ d0: 0, d1: 100, r0: 0, r1: 1000 }`: `brushToDays(s, 100, 200)` -> `{ from: 10, to: 19 }`.
 */
export function brushToDays(s: XScale, x0: number, x1: number): { from: number; to: number } {
  const [a, b] = x0 <= x1 ? [x0, x1] : [x1, x0];
  const from = Math.round(dayAt(s, a));
  const endExclusive = Math.round(dayAt(s, b));
  return { from, to: Math.max(from, endExclusive - 1) };
}

/**
 * Where to draw the From/To range on the brush band: `[x(from), x(to + 1)]` clamped to the
 * plot; an open end runs to the plot's edge; no range (or none of it visible) is null.
 * With `{ d0: 0, d1: 100, r0: 0, r1: 1000 }`: `daysToBrush(s, 10, 19)` -> `[100, 200]`;
 * `daysToBrush(s, 10, null)` -> `[100, 1000]`.
 */
export function daysToBrush(
  s: XScale,
  from: number | null,
  to: number | null,
): [number, number] | null {
  if (from === null && to === null) return null;
  const clamp = (v: number) => Math.min(s.r1, Math.max(s.r0, v));
  const a = clamp(from === null ? s.r0 : xOf(s, from));
  const b = clamp(to === null ? s.r1 : xOf(s, to + 1));
  return b > a ? [a, b] : null;
}

/**
 * The x of every entry of a lane-ordered day array, computed once per scale change (a
 * multiply-add per row), so drawing and hit-testing read positions instead of recomputing them.
 * The days are copied into lane order beforehand (`TimelineModel.day`) because reading
 * `cache.day[order[i]]` jumps around memory: at 1M rows that gather cost 8-10 ms a frame here, the
 * sequential pass about 1 ms. Each lane's slice of the result is ascending.
 * `computeXs(Int32Array.of(10, 0), { d0: 0, d1: 10, r0: 0, r1: 100 })` -> `[100, 0]`.
 */
export function computeXs(days: ArrayLike<number>, s: XScale, out?: Float32Array): Float32Array {
  const n = days.length;
  const xs = out && out.length === n ? out : new Float32Array(n);
  const k = (s.r1 - s.r0) / (s.d1 - s.d0);
  const b = s.r0 - s.d0 * k;
  for (let i = 0; i < n; i++) xs[i] = days[i] * k + b;
  return xs;
}

/** Most candidates a hover looks at: bounds the work on a dense lane (the nearest is close by). */
const HIT_SCAN_LIMIT = 2000;

/**
 * The index (in `xs`) of the mark nearest to the pointer within `radius` pixels, among the lane's
 * marks `lo..hi` (ascending x), or -1. Binary search finds the marks within `radius` on x, so a
 * hover costs a log and a handful of distance checks rather than a scan of every row.
 * `nearestMark([0, 10, 20], 0, 3, 11, 0, () => 0, 5)` -> 1.
 */
export function nearestMark(
  xs: ArrayLike<number>,
  lo: number,
  hi: number,
  px: number,
  py: number,
  yAt: (i: number) => number,
  radius: number,
): number {
  const first = bisectLeft(xs, px - radius, lo, hi);
  const last = Math.min(bisectLeft(xs, px + radius, first, hi) + 1, hi);
  let best = -1;
  let bestD = radius * radius + 1e-9;
  const consider = (i: number) => {
    const dx = xs[i] - px;
    const dy = yAt(i) - py;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  };
  // Scan outwards from the pointer so the limit drops the farthest candidates, not the nearest.
  let r = bisectLeft(xs, px, first, last);
  let l = r - 1;
  for (let seen = 0; seen < HIT_SCAN_LIMIT && (l >= first || r < last); seen++) {
    if (r < last) consider(r++);
    if (l >= first) consider(l--);
  }
  return best;
}

/**
 * A shift marker: a triangle on the band just right of the statement's mark (so it covers
 * neither), pointing up when the stance rose and down when it fell, or a diamond when only the
 * conditional flag changed. Returns the polygon's points, flat.
 * `shiftMarker(100, 50, 1, 4)` -> `[110, 46, 114, 54, 106, 54]` (pointing up).
 */
export function shiftMarker(x: number, y: number, direction: -1 | 0 | 1, size: number): number[] {
  const cx = x + 2 * size + 2;
  if (direction === 1) return [cx, y - size, cx + size, y + size, cx - size, y + size];
  if (direction === -1) return [cx, y + size, cx + size, y - size, cx - size, y - size];
  return [cx, y - size, cx + size, y, cx, y + size, cx - size, y];
}
