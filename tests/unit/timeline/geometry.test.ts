import { describe, expect, it } from 'vitest';
import {
  brushToDays,
  clampWindow,
  computeXs,
  dayAt,
  daysToBrush,
  fitDomain,
  nearestMark,
  panWindow,
  shiftMarker,
  transformFor,
  visibleWindow,
  windowDays,
  windowFromTransform,
  xOf,
  zoomWindow,
  type XScale,
} from '../../../src/views/timeline/geometry';

/** 100 days over 1000 px: 10 px per day, day 0 at x = 0. */
const S: XScale = { d0: 0, d1: 100, r0: 0, r1: 1000 };

describe('x scale', () => {
  it('maps days to pixels and back', () => {
    const s: XScale = { d0: 0, d1: 10, r0: 100, r1: 200 };
    expect(xOf(s, 5)).toBe(150);
    expect(dayAt(s, 150)).toBe(5);
    expect(dayAt(s, xOf(s, 7.25))).toBeCloseTo(7.25);
  });

  it.each([
    [
      [100, 200],
      [97, 203],
    ],
    [
      [100, 110],
      [99, 111],
    ],
    [
      [5, 5],
      [4, 6],
    ],
  ] as const)('fits the data %j with a small pad: %j', (extent, expected) => {
    expect(fitDomain(extent)).toEqual(expected);
  });

  it('shows a week around the fallback day when there is no data', () => {
    expect(fitDomain(null, 50)).toEqual([47, 54]);
  });
});

describe('the visible window', () => {
  const fit = [0, 100] as const;

  it('fits the data when the view state has no window', () => {
    expect(visibleWindow(null, null, fit, null)).toEqual(fit);
    expect(visibleWindow(10, null, fit, null)).toEqual(fit);
  });

  it('ignores an inverted window', () => {
    expect(visibleWindow(20, 10, fit, null)).toEqual(fit);
  });

  it('shows whole days from the URL, through the end of windowTo', () => {
    expect(visibleWindow(10, 19, fit, null)).toEqual([10, 20]);
  });

  it('keeps the smooth local window while it rounds to the same days', () => {
    expect(visibleWindow(10, 19, fit, [10.4, 19.6])).toEqual([10.4, 19.6]);
  });

  it('drops a stale local window when the URL moved (back button)', () => {
    expect(visibleWindow(30, 39, fit, [10.4, 19.6])).toEqual([30, 40]);
  });

  it.each([
    [[10.4, 19.6], { from: 10, to: 19 }],
    [[10, 20], { from: 10, to: 19 }],
    [[10, 10.2], { from: 10, to: 10 }],
  ] as const)('rounds %j to the whole days %j', (w, expected) => {
    expect(windowDays(w)).toEqual(expected);
  });
});

describe('zoom and pan', () => {
  it.each([
    [[0, 100], 2, 50, [25, 75]],
    [[0, 100], 2, 0, [0, 50]],
    [[0, 100], 0.5, 50, [-50, 150]],
  ] as const)('zooms %j by %d around day %d to %j', (w, factor, center, expected) => {
    expect(zoomWindow(w, factor, center)).toEqual(expected);
  });

  it('refuses to zoom in past two days', () => {
    expect(zoomWindow([0, 3], 2)).toEqual([0, 3]);
  });

  it('pans by a fraction of the window', () => {
    expect(panWindow([0, 100], 0.1)).toEqual([10, 110]);
    expect(panWindow([0, 100], -0.5)).toEqual([-50, 50]);
  });

  it('widens a too-narrow window around its centre', () => {
    expect(clampWindow([10, 10.5])).toEqual([9.25, 11.25]);
    expect(clampWindow([10, 20])).toEqual([10, 20]);
  });

  it('turns a window into a d3-zoom transform and back', () => {
    const t = transformFor([0, 100], [25, 75], 0, 100);
    expect(t).toEqual({ k: 2, x: -50 });
    expect(windowFromTransform([0, 100], t, 0, 100)).toEqual([25, 75]);
  });

  it('round-trips a window through the transform with a label column on the left', () => {
    const fit = [19000, 19400] as const;
    const t = transformFor(fit, [19100.5, 19150.25], 180, 880);
    const [a, b] = windowFromTransform(fit, t, 180, 880);
    expect(a).toBeCloseTo(19100.5, 6);
    expect(b).toBeCloseTo(19150.25, 6);
  });
});

describe('brushing', () => {
  it.each([
    [100, 200, { from: 10, to: 19 }],
    [200, 100, { from: 10, to: 19 }],
    [104, 196, { from: 10, to: 19 }],
    [100, 103, { from: 10, to: 10 }],
    [0, 1000, { from: 0, to: 99 }],
  ])('turns the pixel extent %d..%d into whole days %j', (x0, x1, expected) => {
    expect(brushToDays(S, x0, x1)).toEqual(expected);
  });

  it.each([
    [10, 19, [100, 200]],
    [10, null, [100, 1000]],
    [null, 19, [0, 200]],
    [-50, 500, [0, 1000]],
  ] as const)('draws From %s To %s as the pixel extent %j', (from, to, expected) => {
    expect(daysToBrush(S, from, to)).toEqual(expected);
  });

  it('draws nothing without a range or when the range is out of view', () => {
    expect(daysToBrush(S, null, null)).toBeNull();
    expect(daysToBrush(S, 200, 300)).toBeNull();
  });

  it('maps its own output back to the same days', () => {
    const px = daysToBrush(S, 12, 40)!;
    expect(brushToDays(S, px[0], px[1])).toEqual({ from: 12, to: 40 });
  });
});

describe('positions', () => {
  it('computes x for each day of a lane order', () => {
    const xs = computeXs(Int32Array.of(10, 0), { d0: 0, d1: 10, r0: 0, r1: 100 });
    expect(Array.from(xs)).toEqual([100, 0]);
  });

  it('reuses the buffer it is given when the size matches', () => {
    const buffer = new Float32Array(2);
    expect(computeXs(Int32Array.of(1, 2), S, buffer)).toBe(buffer);
    expect(Array.from(buffer)).toEqual([10, 20]);
    expect(computeXs(Int32Array.of(1, 2, 3), S, buffer)).not.toBe(buffer);
  });
});

describe('hit-testing', () => {
  it('finds the nearest mark within the radius', () => {
    expect(nearestMark([0, 10, 20], 0, 3, 11, 0, () => 0, 5)).toBe(1);
    expect(nearestMark([0, 10, 20], 0, 3, 19, 0, () => 0, 5)).toBe(2);
  });

  it('finds nothing farther than the radius', () => {
    expect(nearestMark([0, 10, 20], 0, 3, 15, 0, () => 0, 4)).toBe(-1);
    expect(nearestMark([0, 10, 20], 0, 3, 10, 30, () => 0, 5)).toBe(-1);
  });

  it('tells marks at the same x apart by their height (stance)', () => {
    const ys = [4, 40, 22];
    expect(nearestMark([10, 10, 10], 0, 3, 10, 38, (i) => ys[i], 8)).toBe(1);
  });

  it('looks only inside its lane slice', () => {
    expect(nearestMark([10, 10, 50], 2, 3, 10, 0, () => 0, 5)).toBe(-1);
  });

  it('finds the mark under the pointer among a million in one lane', () => {
    const n = 1_000_000;
    const xs = Float32Array.from({ length: n }, (_, i) => i / 1000);
    const hit = nearestMark(xs, 0, n, 500.0004, 0, () => 0, 2);
    expect(xs[hit]).toBeCloseTo(500, 3);
  });
});

describe('shift markers', () => {
  it('points up just right of a rising statement, on its step line', () => {
    expect(shiftMarker(100, 50, 1, 4)).toEqual([110, 46, 114, 54, 106, 54]);
  });

  it('points down for a falling stance', () => {
    const pts = shiftMarker(100, 50, -1, 4);
    // The apex is below the base.
    expect(pts[1]).toBeGreaterThan(pts[3]);
  });

  it('is a diamond when only the conditional flag changed', () => {
    expect(shiftMarker(0, 0, 0, 4)).toHaveLength(8);
  });
});
