/**
 * A view as a picture to put in a report: Timeline, Matrix, Agreement or Shifts drawn as SVG
 * from the same models the views use, on a slide (16:9) or an A4 page, with the title, the
 * filters, the date window, the legend, the source line and the date made. Pure: SVG text.
 */
import { formatDay } from '../domain/dates';
import { findShifts, KIND_ACTOR } from '../query/shifts';
import type { ColumnCache } from '../query/types';
import type { ViewState } from '../url/view-state';
import { describeFilters } from './filters';
import { agreementDrawing, agreementLegend } from './svg/agreement';
import { matrixDrawing, matrixLegend } from './svg/matrix';
import { page } from './svg/page';
import { shiftsDrawing, shiftsLegend } from './svg/shifts';
import {
  timelineDrawing,
  timelineLegend,
  timelineModel,
  timelineWindow,
  windowWords,
} from './svg/timeline';

export type { PageSize } from './svg/page';
import type { PageSize } from './svg/page';
import { plural } from '../util/plural';
export const PICTURE_VIEWS = ['timeline', 'shifts', 'matrix', 'agreement'] as const;
export type PictureView = (typeof PICTURE_VIEWS)[number];

export function hasPicture(view: string): view is PictureView {
  return (PICTURE_VIEWS as readonly string[]).includes(view);
}

export interface PictureInput {
  cache: ColumnCache;
  /** The rows the view draws (the Timeline's and Shifts' rows, the Matrix's, the Agreement's). */
  rows: ArrayLike<number>;
  view: ViewState;
  size: PageSize;
  /** `Data: seed-statements.csv (20 statements)`. */
  source: string;
  /** The day the picture is made, `2026-12-07`. */
  made: string;
}

/** The From/To filter in words, or the whole range of the data when there is none. */
function filterWindow(cache: ColumnCache, view: ViewState): string {
  if (view.from === null && view.to === null) {
    return `All dates (${formatDay(cache.minDay)} to ${formatDay(cache.maxDay)})`;
  }
  const from = view.from === null ? 'the first' : formatDay(view.from);
  const to = view.to === null ? 'the last statement' : formatDay(view.to);
  return `Dates ${from} to ${to}`;
}

/**
 * `picture({ cache, rows, view: { ...view, view: 'timeline' }, size: 'slide', ... })`
 * -> `{ text: '<?xml ...?>\n<svg ... width="1600" height="900">...', width: 1600, height: 900 }`.
 */
export function picture(input: PictureInput): { text: string; width: number; height: number } {
  const { cache, rows, view, size } = input;
  const words = { filters: describeFilters(view), source: input.source, made: input.made };
  switch (view.view) {
    case 'matrix': {
      const asOf = formatDay(view.asOf ?? cache.maxDay);
      const compare = view.compare === null ? '' : ` · compared with ${formatDay(view.compare)}`;
      return page(
        size,
        {
          ...words,
          title: `Matrix: stance as of ${asOf}`,
          window: `As of ${asOf}${compare} · stale after ${view.staleDays} days`,
        },
        matrixLegend(),
        (box) => matrixDrawing(cache, rows, view, box),
      );
    }
    case 'agreement':
      return page(
        size,
        { ...words, title: 'Agreement between actors', window: filterWindow(cache, view) },
        agreementLegend(),
        (box) => agreementDrawing(cache, rows, view, box),
      );
    case 'shifts':
      return page(
        size,
        { ...words, title: 'Shifts, newest first', window: filterWindow(cache, view) },
        shiftsLegend(),
        (box) => shiftsDrawing(cache, rows, view, box),
      );
    default: {
      const model = timelineModel(cache, rows, view);
      return page(
        size,
        {
          ...words,
          title: `Timeline by ${view.lanes}`,
          window:
            `${windowWords(timelineWindow(cache, model, view))} (zoom as on screen) · ` +
            `${plural(model.rowCount, 'statement')}, ${shiftWords(cache, rows)}`,
        },
        timelineLegend(),
        (box) => timelineDrawing(cache, rows, view, box),
      );
    }
  }
}

/** `0 shifts by actor, 1 shift by affiliation`: the one definition of a shift (query/shifts). */
function shiftWords(cache: ColumnCache, rows: ArrayLike<number>): string {
  const table = findShifts(cache, rows);
  let byActor = 0;
  for (let i = 0; i < table.count; i++) if (table.kind[i] === KIND_ACTOR) byActor++;
  return `${plural(byActor, 'shift')} by actor, ${plural(table.count - byActor, 'shift')} by affiliation`;
}
