/**
 * The timeline in words: the chart's accessible summary and the "Timeline as text" list, so a
 * screen reader (or anyone) gets the lanes and every change of stance without the canvas.
 */
import { formatDay, formatDayPrecision } from '../../domain/dates';
import { stanceLabel } from '../../domain/stance';
import { FLAG_CONDITIONAL, PRECISION_BY_CODE, type StanceValue } from '../../domain/types';
import { seriesRows, type Shift } from '../../query/state';
import type { ColumnCache } from '../../query/types';
import type { Window } from './draw';
import { laneShiftCount, laneSteps, type TimelineModel } from './model';

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

/** `toLocaleString('en')` builds a formatter on every call; this one is built once. */
const numberFormat = new Intl.NumberFormat('en');

const plural = (n: number, word: string) =>
  `${numberFormat.format(n)} ${word}${n === 1 ? '' : 's'}`;

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
 * dimension's name, the first state and each change of state.
 * `ceasefire: oppose (2024-12-01) → support (2024-12-10)`, or
 * `ceasefire: oppose (2024-12-01), unchanged` when it never moved.
 */
export function seriesLine(cache: ColumnCache, name: string, steps: ArrayLike<number>): string {
  const { stance, flags } = cache;
  // The rows that changed the state: only the first few are written, the rest are counted.
  const shown: number[] = [];
  let changes = 0;
  let prev = -1;
  for (let i = 0; i < steps.length; i++) {
    const r = steps[i];
    if (
      prev >= 0 &&
      stance[prev] === stance[r] &&
      (flags[prev] & FLAG_CONDITIONAL) === (flags[r] & FLAG_CONDITIONAL)
    ) {
      continue;
    }
    if (changes++ <= CHANGES_PER_SERIES) shown.push(r);
    prev = r;
  }
  const part = (r: number) =>
    `${stateLabel(stance[r], (flags[r] & FLAG_CONDITIONAL) !== 0)} (${rowDate(cache, r)})`;
  if (changes === 1) return `${name}: ${part(shown[0])}, unchanged`;
  const more = changes - shown.length;
  return `${name}: ${shown.map(part).join(' → ')}${more > 0 ? ` … and ${plural(more, 'more change')}` : ''}`;
}

/**
 * The first `limit` lanes in words, each with a line per series (up to `perLane`), and how many
 * lanes were left out. Builds only what it shows, so hundreds of lanes cost what 50 cost.
 */
export function describeLanes(
  cache: ColumnCache,
  model: TimelineModel,
  limit = 50,
  perLane = 20,
): { lanes: LaneText[]; more: number } {
  const lanes = model.lanes.slice(0, limit).map((lane, i): LaneText => {
    const steps = laneSteps(cache, model, i);
    const ids = Array.from({ length: Math.min(perLane, steps.count) }, (_, k) => k);
    const lines = ids.map((id) => {
      const name =
        model.by === 'actor' ? cache.topics[steps.topic[id]] : cache.actors[steps.actor[id]];
      return seriesLine(cache, name, seriesRows(steps, id));
    });
    const shifts = laneShiftCount(cache, model, i);
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
