/**
 * Where each line of the timeline sits in its scrolling area: affiliation headers (lanes by
 * actor), a name line per lane, and a band row per series. Lines have fixed heights, so the
 * lines in view and the line under the pointer are binary searches.
 */
import { bisectLeft } from 'd3-array';
import type { BandModel } from './bands';

export const ENTRY_GROUP = 0;
export const ENTRY_LANE = 1;
export const ENTRY_SERIES = 2;

export interface Heights {
  group: number;
  lane: number;
  series: number;
}

export const HEIGHTS: Heights = { group: 24, lane: 20, series: 18 };

export interface BandLayout {
  /** Top of each line, ascending. */
  tops: Float64Array;
  /** ENTRY_GROUP, ENTRY_LANE or ENTRY_SERIES. */
  kind: Uint8Array;
  /** Group, lane or series index of each line. */
  ref: Uint32Array;
  /** Line index of each series. */
  lineOfSeries: Uint32Array;
  height: number;
  heights: Heights;
}

/**
 * Stacks the lines: by actor, a header per affiliation group, then per lane its name line and
 * its series' rows; a collapsed group is its header and its one lane's rows (the header names
 * it). By topic, lanes only.
 * Putin (Russia) on ceasefire and territory, by actor -> group `Russia` at 0, lane `Putin` at 24,
 * rows at 44 and 62; height 80.
 */
export function layoutBands(model: BandModel, h: Heights = HEIGHTS): BandLayout {
  const lines = model.seriesCount + model.lanes.length + model.groups.length;
  const tops = new Float64Array(lines);
  const kind = new Uint8Array(lines);
  const ref = new Uint32Array(lines);
  const lineOfSeries = new Uint32Array(model.seriesCount);
  let y = 0;
  let at = 0;
  const push = (k: number, r: number, height: number) => {
    tops[at] = y;
    kind[at] = k;
    ref[at] = r;
    if (k === ENTRY_SERIES) lineOfSeries[r] = at;
    at++;
    y += height;
  };
  const pushLane = (i: number, named: boolean) => {
    const lane = model.lanes[i];
    if (named) push(ENTRY_LANE, i, h.lane);
    for (let s = lane.first; s < lane.end; s++) push(ENTRY_SERIES, s, h.series);
  };
  if (model.groups.length > 0) {
    model.groups.forEach((g, gi) => {
      push(ENTRY_GROUP, gi, h.group);
      for (let i = g.first; i < g.end; i++) pushLane(i, !g.collapsed);
    });
  } else {
    for (let i = 0; i < model.lanes.length; i++) pushLane(i, true);
  }
  return {
    tops: tops.subarray(0, at),
    kind: kind.subarray(0, at),
    ref: ref.subarray(0, at),
    lineOfSeries,
    height: y,
    heights: h,
  };
}

/** Height of line `i`. */
export function lineHeight(layout: BandLayout, i: number): number {
  const k = layout.kind[i];
  const h = layout.heights;
  return k === ENTRY_GROUP ? h.group : k === ENTRY_LANE ? h.lane : h.series;
}

/**
 * The lines `[first, last)` that show in the viewport `[scrollTop, scrollTop + viewH)`.
 * Lines at [0, 24, 44, 62] (last 18 high), viewport 30..50 -> `[1, 3]`.
 */
export function visibleLines(layout: BandLayout, scrollTop: number, viewH: number) {
  const { tops } = layout;
  let first = bisectLeft(tops, scrollTop + 1e-9) - 1;
  if (first < 0) first = 0;
  const last = bisectLeft(tops, scrollTop + viewH, first);
  return [first, last] as [number, number];
}

/** The line under a y in the scrolling area, or -1 past the end. */
export function lineAt(layout: BandLayout, y: number): number {
  const i = bisectLeft(layout.tops, y + 1e-9) - 1;
  return i >= 0 && y < layout.tops[i] + lineHeight(layout, i) ? i : -1;
}
