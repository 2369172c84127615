/**
 * The timeline in words: the chart's accessible summary and the "Timeline as text" list, so a
 * screen reader (or anyone) gets the lanes and every change of stance without the canvas.
 */
import { formatDay, formatDayPrecision } from '../../domain/dates';
import { stanceLabel } from '../../domain/stance';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  PRECISION_BY_CODE,
  type StanceValue,
} from '../../domain/types';
import { describeShift } from '../../query/shift-text';
import { findShifts, seriesShifts, shiftAt, shiftInWindow } from '../../query/shifts';
import { seriesRows, type Shift } from '../../query/steps';
import type { ColumnCache, Rows } from '../../query/types';
import type { Window } from './geometry';
import { laneSteps, type TimelineModel } from './model';
import { plural } from '../../util/plural';

/**
 * Formatted dates by `day * 4 + precision code`: the text list writes the same few thousand days
 * on every filter change, and formatting one costs a Date and several string operations.
 */
const dateText = new Map<number, string>();

/** A statement's date as the file gave it: `2024-12-18`, `2024-12` or `2024`. */
export function rowDate(cache: ColumnCache, row: number): string {
  const key = cache.day[row] * 4 + cache.precision[row];
  let text = dateText.get(key);
  if (text === undefined) {
    text = formatDayPrecision(cache.day[row], PRECISION_BY_CODE[cache.precision[row]]);
    if (dateText.size > 100_000) dateText.clear();
    dateText.set(key, text);
  }
  return text;
}

/** `conditional support`, `strongly oppose`, ... for a step or a shift side. */
export function stateLabel(stance: number, conditional: boolean): string {
  return stanceLabel(stance as StanceValue, conditional);
}

/** `shift: conditional support → strongly oppose`. */
export function shiftText(shift: Shift): string {
  return `shift: ${stateLabel(shift.before, shift.beforeConditional)} → ${stateLabel(shift.after, shift.afterConditional)}`;
}

/**
 * The chart's accessible name: what it holds and what it shows.
 * -> `Timeline of 12 statements in 5 lanes by actor, 2024-01-01 to 2024-12-31, 3 stance shifts.
 * Showing 2024-06-01 to 2024-12-31.`
 */
export function summaryLabel(model: TimelineModel, rowCount: number, window: Window): string {
  if (rowCount === 0) return 'Timeline: no statements match the filters.';
  const ext = model.extent!;
  const shown = `Showing ${formatDay(Math.floor(window[0]))} to ${formatDay(Math.ceil(window[1]) - 1)}.`;
  return (
    `Timeline of ${plural(rowCount, 'statement')} in ${plural(model.lanes.length, 'lane')} ` +
    `by ${model.by}, ${formatDay(ext[0])} to ${formatDay(ext[1] - 1)}, ` +
    `${plural(model.shiftCount, 'stance shift')}. ${shown}`
  );
}

export interface LaneText {
  key: string;
  /** `Vladimir Putin (Russia), 2 shifts`. */
  title: string;
  /** One line per series: the first state and every change, with dates. */
  lines: string[];
  /** Series left out of `lines` (past the per-lane limit). */
  moreSeries: number;
}

/** Most changes written out per series before "and K more changes". */
const CHANGES_PER_SERIES = 10;

/**
 * One series as a line, from the rows of its steps in date order (`seriesRows`): the other
 * dimension's name, the first state and each shift (as `src/query/shifts.ts` defines it, so the
 * text agrees with the Shifts view: uncoded statements set no state, a day ends in one state).
 * `ceasefire: oppose (2024-12-01) → support (2024-12-10)`, or
 * `ceasefire: oppose (2024-12-01), unchanged` when it never moved.
 */
export function seriesLine(cache: ColumnCache, name: string, steps: Rows): string {
  const { stance, flags } = cache;
  let first = -1;
  for (let i = 0; i < steps.length && first < 0; i++) {
    if (!(flags[steps[i]] & FLAG_UNCODED)) first = steps[i];
  }
  if (first < 0) return `${name}: uncoded only`;
  const shifts = seriesShifts(cache, steps);
  const part = (r: number) =>
    `${stateLabel(stance[r], (flags[r] & FLAG_CONDITIONAL) !== 0)} (${rowDate(cache, r)})`;
  if (shifts.length === 0) return `${name}: ${part(first)}, unchanged`;
  // The first state from its first statement, then each shift's new state; the rest counted.
  const shown = [first, ...shifts.slice(0, CHANGES_PER_SERIES).map((x) => x.row)];
  const more = shifts.length - Math.min(shifts.length, CHANGES_PER_SERIES);
  return `${name}: ${shown.map(part).join(' → ')}${more > 0 ? ` … and ${plural(more, 'more change')}` : ''}`;
}

/**
 * The first `limit` lanes in words, each with a line per series (up to `perLane`), and how many
 * lanes were left out. Builds only what it shows, so hundreds of lanes cost what 50 cost; a
 * lane's shift count reads all its series.
 */
export function describeLanes(
  cache: ColumnCache,
  model: TimelineModel,
  limit = 50,
  perLane = 20,
): { lanes: LaneText[]; more: number } {
  const lanes = model.lanes.slice(0, limit).map((lane, i): LaneText => {
    const steps = laneSteps(cache, model, i);
    const name = (id: number) =>
      model.by === 'actor' ? cache.topics[steps.topic[id]] : cache.actors[steps.actor[id]];
    const lines: string[] = [];
    let shifts = 0;
    for (let id = 0; id < steps.count; id++) {
      const rows = seriesRows(steps, id);
      shifts += seriesShifts(cache, rows).length;
      if (id < perLane) lines.push(seriesLine(cache, name(id), rows));
    }
    const who = lane.affiliation ? `${lane.key} (${lane.affiliation})` : lane.key || '(none)';
    return {
      key: lane.key,
      title: `${who}, ${plural(shifts, 'shift')}`,
      lines,
      moreSeries: Math.max(0, steps.count - perLane),
    };
  });
  return { lanes, more: Math.max(0, model.lanes.length - limit) };
}

/**
 * The shifts of the rows in words, newest first, as the Shifts view lists them (actors and
 * affiliations, an affiliation's state being its latest statement by any of its actors), those
 * whose new statement falls in the From/To range: the first `limit` sentences and how many more.
 * `Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) →
 * strongly oppose (Sergey Lavrov, 2024-12-26)`.
 */
export function describeShifts(
  cache: ColumnCache,
  rows: Rows,
  from: number | null = null,
  to: number | null = null,
  limit = 50,
): { lines: string[]; more: number } {
  const table = findShifts(cache, rows);
  const lines: string[] = [];
  let more = 0;
  for (let i = table.count - 1; i >= 0; i--) {
    if (!shiftInWindow(cache, table.row[i], from, to)) continue;
    if (lines.length < limit) lines.push(describeShift(cache, shiftAt(cache, table, i)));
    else more++;
  }
  return { lines, more };
}
