/**
 * Pure geometry of the timeline: the x scale in day numbers, the zoom window, the brush
 * conversion, lane layout, binning and hit-testing. No DOM, no Svelte: the component and the
 * canvas renderer call these, and node tests check them.
 *
 * Time is in day numbers (days since 1970-01-01 UTC) and may be fractional while zooming: the
 * view state only stores whole days, so the component keeps the fractional window locally.
 */

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
 * More visible marks than this and the lanes draw binned: one bar per (lane, pixel column,
 * stance) with its count. Canvas draws 10k marks in 25-50 ms here (DESIGN.md), so 4000 keeps a
 * zoom frame near 16 ms, and past that many marks individual dots overlap anyway.
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
 * First index in `xs[lo..hi)` (ascending) whose value is `>= value`: a lower bound.
 * `lowerBound([1, 3, 3, 7], 3)` -> 1; `lowerBound([1, 3, 3, 7], 8)` -> 4.
 */
export function lowerBound(
  xs: ArrayLike<number>,
  value: number,
  lo = 0,
  hi: number = xs.length,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** One binned mark: the statements of one stance in one pixel column of a lane. */
export interface Bin {
  x: number;
  stance: number;
  count: number;
}

/**
 * Counts the marks `lo..hi` of a lane per (pixel column, stance) into `counts`: entry
 * `(x - left) * 5 + stance + 2` for the column starting at pixel `x`, `cols` columns from `left`.
 * Marks outside those columns are left out. Stance is read through `order` (rows) from the
 * cache's stance column. Fills `counts` from zero; it must hold `cols * 5` entries.
 * `binCounts([10.2, 10.7], [0, 1], Int8Array.of(1, -2), 0, 2, 10, 1, counts)` ->
 * counts `[1, 0, 0, 1, 0]` (one -2, one +1 in column 10).
 */
export function binCounts(
  xs: ArrayLike<number>,
  order: ArrayLike<number>,
  stance: ArrayLike<number>,
  lo: number,
  hi: number,
  left: number,
  cols: number,
  counts: Uint32Array,
): void {
  counts.fill(0, 0, cols * 5);
  for (let i = lo; i < hi; i++) {
    const c = Math.floor(xs[i]) - left;
    if (c < 0 || c >= cols) continue;
    counts[c * 5 + stance[order[i]] + 2]++;
  }
}

/** Pixel columns from `floor(r0)` to `ceil(r1)`: where binned marks can fall. */
export function binColumns(r0: number, r1: number): { left: number; cols: number } {
  const left = Math.floor(r0);
  return { left, cols: Math.max(0, Math.ceil(r1) - left + 1) };
}

/**
 * Bins the marks `lo..hi` of a lane to whole pixel columns between `r0` and `r1`: one bin per
 * (column, stance) with its count, ordered by column then stance. Marks outside the plot are
 * left out. Stance is read through `order` (rows) from the cache's stance column.
 * `binMarks([10.2, 10.7, 10.9, 30], [0, 1, 2, 3], Int8Array.of(1, 1, -2, 1), 0, 4, 0, 100)` ->
 * `[{ x: 10, stance: -2, count: 1 }, { x: 10, stance: 1, count: 2 }, { x: 30, stance: 1, count: 1 }]`.
 */
export function binMarks(
  xs: ArrayLike<number>,
  order: ArrayLike<number>,
  stance: ArrayLike<number>,
  lo: number,
  hi: number,
  r0: number,
  r1: number,
): Bin[] {
  const { left, cols } = binColumns(r0, r1);
  const counts = new Uint32Array(cols * 5);
  binCounts(xs, order, stance, lo, hi, left, cols, counts);
  const bins: Bin[] = [];
  for (let j = 0; j < counts.length; j++) {
    if (counts[j] === 0) continue;
    bins.push({ x: left + Math.floor(j / 5), stance: (j % 5) - 2, count: counts[j] });
  }
  return bins;
}

/**
 * A bin's bar height: grows with the log of its count, up to `maxH`.
 * `binHeight(1, 9)` -> 3; `binHeight(4, 9)` -> 6; `binHeight(1000, 9)` -> 9.
 */
export function binHeight(count: number, maxH: number): number {
  return Math.min(maxH, 3 + 1.5 * Math.log2(count));
}

/**
 * The bars of one stance of a binned lane, with neighbouring columns of the same height merged
 * into one bar: a dense lane is mostly full-height bars, so this draws a handful of rectangles
 * where there were hundreds, and the pixels are the same (the columns are whole pixels).
 * Calls `bar(x, width, height)` for each, left to right.
 * Counts of stance +1 `[1, 1, 0, 5]` in columns 10..13 (maxH 9) -> `bar(10, 2, 3)`,
 * `bar(13, 1, 6.48...)`.
 */
export function binBars(
  counts: Uint32Array,
  cols: number,
  left: number,
  stance: number,
  maxH: number,
  bar: (x: number, width: number, height: number) => void,
): void {
  const s = stance + 2;
  let runStart = -1;
  let runH = 0;
  for (let c = 0; c <= cols; c++) {
    const n = c < cols ? counts[c * 5 + s] : 0;
    const h = n === 0 ? 0 : binHeight(n, maxH);
    if (h === runH && runStart >= 0) continue;
    if (runStart >= 0) bar(left + runStart, c - runStart, runH);
    runStart = h === 0 ? -1 : c;
    runH = h;
  }
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
  const first = lowerBound(xs, px - radius, lo, hi);
  const last = Math.min(lowerBound(xs, px + radius, first, hi) + 1, hi);
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
  let r = lowerBound(xs, px, first, last);
  let l = r - 1;
  for (let seen = 0; seen < HIT_SCAN_LIMIT && (l >= first || r < last); seen++) {
    if (r < last) consider(r++);
    if (l >= first) consider(l--);
  }
  return best;
}

/**
 * Vertical offset of a stance inside a lane of height `laneH`: +2 near the top, -2 near the
 * bottom, 0 on the centre line, with a margin of a mark's size so +2 and -2 marks stay inside
 * their lane. `stanceOffset(2, 40)` -> 10; `stanceOffset(-2, 40)` -> 30.
 */
export function stanceOffset(stance: number, laneH: number): number {
  const step = (laneH - 20) / 4;
  return laneH / 2 - stance * step;
}

/**
 * A shift marker: a triangle on the step line just right of the statement's mark (so it covers
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

/** Where each lane and each affiliation header sits in the scrolling area. */
export interface LaneLayout {
  /** Top of each lane, in lane order. */
  tops: Float64Array;
  headers: { label: string; top: number }[];
  height: number;
}

/**
 * Stacks lanes of height `laneH`, with a header of height `headerH` before each run of lanes
 * sharing a group label (when `grouped`). Lanes come already ordered by group (`lanes()`).
 * `layoutLanes(['Russia', 'Russia', 'US'], 40, 20, true)` ->
 * `{ tops: [20, 60, 120], headers: [{ 'Russia', 0 }, { 'US', 100 }], height: 160 }`.
 */
export function layoutLanes(
  groups: readonly string[],
  laneH: number,
  headerH: number,
  grouped: boolean,
): LaneLayout {
  const tops = new Float64Array(groups.length);
  const headers: { label: string; top: number }[] = [];
  let y = 0;
  for (let i = 0; i < groups.length; i++) {
    if (grouped && (i === 0 || groups[i] !== groups[i - 1])) {
      headers.push({ label: groups[i] || 'No affiliation', top: y });
      y += headerH;
    }
    tops[i] = y;
    y += laneH;
  }
  return { tops, headers, height: y };
}

/**
 * The lanes `[first, last)` that show in a viewport `[scrollTop, scrollTop + viewH)`, found by
 * binary search: only these are drawn, so hundreds of lanes cost what a screenful costs.
 * `visibleLanes([0, 40, 80, 120], 40, 50, 40)` -> `[1, 3]`.
 */
export function visibleLanes(
  tops: ArrayLike<number>,
  laneH: number,
  scrollTop: number,
  viewH: number,
): [number, number] {
  const first = lowerBound(tops, scrollTop - laneH + 1e-9);
  const last = lowerBound(tops, scrollTop + viewH, first);
  return [first, last];
}

/**
 * The lane under a y in the scrolling area, or -1 (a header, or past the end).
 * `laneAt([20, 60], 40, 70)` -> 1; `laneAt([20, 60], 40, 10)` -> -1.
 */
export function laneAt(tops: ArrayLike<number>, laneH: number, y: number): number {
  const i = lowerBound(tops, y + 1e-9) - 1;
  return i >= 0 && y < tops[i] + laneH ? i : -1;
}

/**
 * Line segments `[x0, y0, x1, y1, ...]` that are horizontal or vertical, with the collinear ones
 * that overlap or touch joined into one. Stroked in one path with butt caps, the joined segments
 * cover exactly the pixels the originals did (one stroke is the union of its parts), but the
 * rasterizer has far fewer to draw: at 1M statements the lanes in view held ~45k step segments
 * on a few dozen lines, and rasterizing them took ~50 ms of every frame.
 * `mergeCollinear([0, 5, 4, 5, 2, 5, 9, 5, 1, 0, 1, 3])` -> `[0, 5, 9, 5, 1, 0, 1, 3]`.
 * Segments that are neither horizontal nor vertical are kept as they are.
 */
export function mergeCollinear(coords: readonly number[]): number[] {
  // Lines by their fixed coordinate: horizontal at y, vertical at x; each holds [lo, hi] spans.
  const horizontal = new Map<number, number[]>();
  const vertical = new Map<number, number[]>();
  const out: number[] = [];
  for (let i = 0; i < coords.length; i += 4) {
    const x0 = coords[i];
    const y0 = coords[i + 1];
    const x1 = coords[i + 2];
    const y1 = coords[i + 3];
    let lines: Map<number, number[]>;
    let at: number;
    let a: number;
    let b: number;
    if (y0 === y1) [lines, at, a, b] = [horizontal, y0, x0, x1];
    else if (x0 === x1) [lines, at, a, b] = [vertical, x0, y0, y1];
    else {
      out.push(x0, y0, x1, y1);
      continue;
    }
    let spans = lines.get(at);
    if (!spans) lines.set(at, (spans = []));
    spans.push(Math.min(a, b), Math.max(a, b));
  }
  for (const [lines, isHorizontal] of [
    [horizontal, true],
    [vertical, false],
  ] as const) {
    for (const [at, spans] of lines) {
      // The union of spans from their starts and ends sorted apart (numeric typed-array sorts,
      // no comparator): a span opens at each start and closes at each end; a start equal to an
      // end is taken first, so touching spans join.
      const m = spans.length / 2;
      const los = new Float64Array(m);
      const his = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        los[k] = spans[2 * k];
        his[k] = spans[2 * k + 1];
      }
      los.sort();
      his.sort();
      let open = 0;
      let start = 0;
      for (let i = 0, j = 0; j < m;) {
        if (i < m && los[i] <= his[j]) {
          if (open++ === 0) start = los[i];
          i++;
        } else {
          if (--open === 0) {
            if (isHorizontal) out.push(start, at, his[j], at);
            else out.push(at, start, at, his[j]);
          }
          j++;
        }
      }
    }
  }
  return out;
}
