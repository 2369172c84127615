/**
 * The chart's d3 behaviours, which must own their DOM events: d3-zoom on the plot (x only; the
 * window is the state, the transform follows it) and d3-brush on the From/To band. Each is made
 * by an attachment and kept in sync by a cheap call from an effect.
 */
import { brushX, type BrushBehavior, type D3BrushEvent } from 'd3-brush';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import {
  MAX_WINDOW_DAYS,
  MIN_WINDOW_DAYS,
  transformFor,
  windowFromTransform,
  type Window,
} from './geometry';

/** x of a pointer event inside an element, as d3 measures it. */
function pointerX(e: MouseEvent, el: HTMLElement): number {
  return e.clientX - el.getBoundingClientRect().left - el.clientLeft;
}

export interface ZoomOptions {
  /** Left edge of the plot: over the names, the wheel scrolls and a drag does nothing. */
  left: number;
  /** The plot's extent and the window transforms are relative to, read at each gesture. */
  frame: () => { right: number; fit: Window };
  onwindow: (w: Window) => void;
}

/** Attaches d3-zoom to `el`; returns the behaviour and the cleanup. */
export function attachZoom(el: HTMLElement, o: ZoomOptions) {
  const behavior = zoom<HTMLElement, unknown>()
    .filter((event: Event) => {
      const m = event as MouseEvent;
      if (event.type === 'wheel') return !m.shiftKey && pointerX(m, el) >= o.left;
      return !m.ctrlKey && !m.button && pointerX(m, el) >= o.left;
    })
    .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
      // Programmatic transforms (ours, following the window) carry no source event.
      if (!event.sourceEvent) return;
      const { right, fit } = o.frame();
      o.onwindow(windowFromTransform(fit, event.transform, o.left, right));
    });
  select(el).call(behavior);
  return { behavior, destroy: () => select(el).on('.zoom', null) };
}

/** Moves the zoom's transform to show `win` (no event fires for it), when it differs. */
export function syncZoom(
  el: HTMLElement,
  behavior: ZoomBehavior<HTMLElement, unknown>,
  fit: Window,
  win: Window,
  left: number,
  right: number,
) {
  const t = transformFor(fit, win, left, right);
  const len = fit[1] - fit[0];
  behavior.scaleExtent([len / MAX_WINDOW_DAYS, len / MIN_WINDOW_DAYS]);
  const current = zoomTransform(el);
  if (Math.abs(current.k - t.k) <= 1e-6 * t.k && Math.abs(current.x - t.x) < 1e-3) return;
  select(el).call(behavior.transform, zoomIdentity.translate(t.x, 0).scale(t.k));
}

/** Attaches d3-brush to `g`: `onend` gets the brushed pixels (null when cleared) on release. */
export function attachBrush(g: SVGGElement, onend: (px: [number, number] | null) => void) {
  const behavior = brushX<unknown>().on('end', (event: D3BrushEvent<unknown>) => {
    if (!event.sourceEvent) return;
    onend(event.selection as [number, number] | null);
  });
  return { behavior, destroy: () => select(g).on('.brush', null) };
}

/**
 * Shows `px` on the brush; re-renders its elements only when its extent (`left..right`, height
 * `h`) changed since `lastRight`. Returns the right edge now set.
 */
export function syncBrush(
  g: SVGGElement,
  behavior: BrushBehavior<unknown>,
  px: [number, number] | null,
  left: number,
  right: number,
  h: number,
  lastRight: number,
): number {
  const sel = select(g);
  if (lastRight !== right) {
    behavior.extent([
      [left, 1],
      [right, h - 1],
    ]);
    sel.call(behavior);
  }
  sel.call(behavior.move, px);
  return right;
}
