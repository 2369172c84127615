/**
 * The Timeline as an exported picture: the canvas renderer (renderFrame) draws the bands, marks
 * and shift markers onto an SVG context with the same band model, layout and x scale the screen
 * uses; the names and the time axis are written beside them as text. Lines that do not fit the
 * page are left out (and counted in the note), as are statements outside the window.
 */
import { scaleUtc } from 'd3-scale';
import { dayToDate, formatDay } from '../../domain/dates';
import { STANCE_COLOR, STANCE_LABEL, STANCES } from '../../domain/stance';
import type { ColumnCache } from '../../query/types';
import type { ViewState } from '../../url/view-state';
import { buildBands, type BandModel } from '../../views/timeline/bands';
import { computeXs, visibleWindow, type XScale } from '../../views/timeline/geometry';
import { ENTRY_GROUP, ENTRY_LANE, layoutBands, type BandLayout } from '../../views/timeline/layout';
import { renderFrame } from '../../views/timeline/render';
import { FALLBACK_THEME } from '../../views/timeline/theme';
import { openingWindow } from '../../views/timeline/windowing';
import { SvgContext } from './context';
import { el, fit, text } from './doc';
import { INK, MUTED, type Box, type Drawing, type LegendEntry } from './page';
import { plural } from '../../util/plural';

export type TimelineView = Pick<
  ViewState,
  'lanes' | 'laneSort' | 'collapsed' | 'windowFrom' | 'windowTo' | 'from' | 'to' | 'staleDays'
>;

const LABEL_W = 200;
const AXIS_H = 24;
const MARGIN_R = 20;

export function timelineLegend(): LegendEntry[] {
  return [
    ...STANCES.map((s) => ({
      label: STANCE_LABEL[s],
      color: STANCE_COLOR[s],
      shape: 'box' as const,
    })),
    { label: 'conditional (outlined band, hollow mark)', color: STANCE_COLOR[1], shape: 'outline' },
    { label: 'second-hand (dotted)', color: INK, shape: 'dotted' },
    {
      label: 'shift (bar; arrow up = softened, down = hardened)',
      color: STANCE_COLOR[2],
      shape: 'shift',
    },
  ];
}

/** The window the screen shows: the user's zoom, else the dense range of the statements. */
export function timelineWindow(cache: ColumnCache, model: BandModel, view: TimelineView) {
  return visibleWindow(
    view.windowFrom,
    view.windowTo,
    openingWindow(model.dense, cache.maxDay),
    null,
  );
}

/** `Window 2024-11-01 to 2024-12-31` from a `[start, end)` window in days. */
export function windowWords(win: readonly [number, number]): string {
  return `Window ${formatDay(Math.floor(win[0]))} to ${formatDay(Math.ceil(win[1]) - 1)}`;
}

/** The names beside the bands: affiliation headers, lane names, each row's topic or actor. */
function labels(model: BandModel, layout: BandLayout, end: number): string {
  const out: string[] = [];
  const rowH = layout.heights;
  for (let i = 0; i < end; i++) {
    const top = layout.tops[i];
    const ref = layout.ref[i];
    if (layout.kind[i] === ENTRY_GROUP) {
      const g = model.groups[ref];
      const name = (g.name || 'No affiliation') + (g.collapsed ? ' (all actors)' : '');
      out.push(
        text(fit(name, LABEL_W - 8, 13), {
          x: 0,
          y: top + rowH.group / 2 + 5,
          'font-size': 13,
          'font-weight': 'bold',
          fill: INK,
        }),
      );
    } else if (layout.kind[i] === ENTRY_LANE) {
      out.push(
        text(fit(model.lanes[ref].name || '(none)', LABEL_W - 16, 12), {
          x: 8,
          y: top + rowH.lane / 2 + 4,
          'font-size': 12,
          'font-weight': 'bold',
          fill: INK,
        }),
      );
    } else {
      out.push(
        text(fit(model.seriesName[ref] || '(none)', LABEL_W - 28, 11), {
          x: 20,
          y: top + rowH.series / 2 + 4,
          'font-size': 11,
          fill: MUTED,
        }),
      );
    }
  }
  return out.join('');
}

/** How many of the lines fit in `height` (whole lines only). */
function linesThatFit(layout: BandLayout, height: number): number {
  let n = 0;
  const { tops } = layout;
  while (n < tops.length) {
    const bottom = n + 1 < tops.length ? tops[n + 1] : layout.height;
    if (bottom > height) break;
    n++;
  }
  return n;
}

/** Lanes whose every line is among the first `end` lines. */
function lanesShown(layout: BandLayout, model: BandModel, end: number): number {
  let shown = 0;
  for (const lane of model.lanes) {
    if (lane.end > lane.first && layout.lineOfSeries[lane.end - 1] < end) shown++;
  }
  return shown;
}

/** The band model the Timeline view builds for these rows and options. */
export function timelineModel(cache: ColumnCache, rows: ArrayLike<number>, view: TimelineView) {
  return buildBands(cache, rows, {
    by: view.lanes,
    sort: view.laneSort,
    collapsed: view.collapsed,
  });
}

export function timelineDrawing(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: TimelineView,
  box: Box,
): Drawing {
  const model = timelineModel(cache, rows, view);
  const layout = layoutBands(model);
  const win = timelineWindow(cache, model, view);
  const width = box.width;
  const scale: XScale = {
    d0: win[0],
    d1: win[1],
    r0: LABEL_W,
    r1: Math.max(LABEL_W + 100, width - MARGIN_R),
  };
  const time = scaleUtc()
    .domain([dayToDate(win[0]), dayToDate(win[1])])
    .range([scale.r0, scale.r1]);
  // Denser than on screen (110 px): a printed page is read closer than a dashboard.
  const ticks = time.ticks(Math.max(2, Math.floor((scale.r1 - scale.r0) / 80)));
  const format = time.tickFormat();

  const end = linesThatFit(layout, box.height - AXIS_H);
  const plotH = end < layout.tops.length ? layout.tops[end] : layout.height;
  const ctx = new SvgContext('timeline-clip');
  renderFrame(ctx as unknown as CanvasRenderingContext2D, {
    cache,
    model,
    layout,
    xs: computeXs(model.day, scale),
    scale,
    width,
    height: plotH,
    scrollTop: 0,
    hover: null,
    cursor: null,
    selectedRow: -1,
    from: view.from,
    to: view.to,
    staleDays: view.staleDays,
    ticks: ticks.map((t) => time(t)),
    theme: FALLBACK_THEME,
  });

  const axis = ticks
    .map((t) => {
      const x = time(t);
      return (
        el('line', { x1: x, x2: x, y1: AXIS_H - 5, y2: AXIS_H, stroke: MUTED }) +
        text(format(t), { x, y: AXIS_H - 9, 'text-anchor': 'middle', 'font-size': 11, fill: MUTED })
      );
    })
    .join('');

  const notes: string[] = [];
  const shown = lanesShown(layout, model, end);
  if (shown < model.lanes.length) {
    notes.push(
      `${shown} of ${model.lanes.length} lanes shown; ${model.lanes.length - shown} did not fit ` +
        '(filter, collapse an affiliation or choose A4 to see more)',
    );
  }
  let outside = 0;
  for (let k = 0; k < model.order.length; k++) {
    const r = model.order[k];
    if (cache.end[r] <= win[0] || cache.day[r] >= win[1]) outside++;
  }
  if (outside > 0) {
    notes.push(`${plural(outside, 'statement')} outside the window`);
  }

  const svg =
    el('g', { class: 'axis' }, axis) +
    el(
      'g',
      { class: 'plot', transform: `translate(0,${AXIS_H})` },
      el('g', { class: 'labels' }, labels(model, layout, end)) +
        el('g', { class: 'marks' }, ctx.toSvg()),
    );
  return { svg, note: notes.join(' · ') };
}
