/**
 * The timeline in words: the chart's accessible summary and the "Timeline as text" list, so a
 * screen reader (or anyone) gets the lanes and every change of stance without the canvas.
 */
import { formatDayPrecision } from '../../domain/dates';
import { stanceLabel } from '../../domain/stance';
import { PRECISION_BY_CODE, type StanceValue } from '../../domain/types';
import type { Shift, Step } from '../../query/state';
import type { ColumnCache } from '../../query/types';
import { formatDay } from '../../domain/dates';
import type { Window } from './draw';
import type { TimelineModel } from './model';

/** A statement's date as the file gave it: `2024-12-18`, `2024-12` or `2024`. */
export function rowDate(cache: ColumnCache, row: number): string {
  return formatDayPrecision(cache.day[row], PRECISION_BY_CODE[cache.precision[row]]);
}

/** `conditional support`, `strongly oppose`, ... for a step or a shift side. */
export function stateLabel(stance: number, conditional: boolean): string {
  return stanceLabel(stance as StanceValue, conditional);
}

/** `shift: conditional support → strongly oppose`. */
export function shiftText(shift: Shift): string {
  return `shift: ${stateLabel(shift.before, shift.beforeConditional)} → ${stateLabel(shift.after, shift.afterConditional)}`;
}

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

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
    `${plural(model.shifts.length, 'stance shift')}. ${shown}`
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
 * One series as a line: the other dimension's name, the first state and each change of state.
 * `ceasefire: oppose (2024-12-01) → support (2024-12-10)`, or
 * `ceasefire: oppose (2024-12-01), unchanged` when it never moved.
 */
export function seriesLine(cache: ColumnCache, name: string, steps: readonly Step[]): string {
  const changes: Step[] = [];
  for (const step of steps) {
    const prev = changes[changes.length - 1];
    if (!prev || prev.stance !== step.stance || prev.conditional !== step.conditional) {
      changes.push(step);
    }
  }
  const part = (s: Step) => `${stateLabel(s.stance, s.conditional)} (${rowDate(cache, s.row)})`;
  if (changes.length === 1) return `${name}: ${part(changes[0])}, unchanged`;
  const shown = changes.slice(0, CHANGES_PER_SERIES + 1).map(part);
  const more = changes.length - shown.length;
  return `${name}: ${shown.join(' → ')}${more > 0 ? ` … and ${plural(more, 'more change')}` : ''}`;
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
    const ids = model.seriesByLane[i];
    const lines = ids.slice(0, perLane).map((id) => {
      const s = model.series[id];
      const name = model.by === 'actor' ? cache.topics[s.topic] : cache.actors[s.actor];
      return seriesLine(cache, name, s.steps);
    });
    const shifts = model.shiftsByLane[i].shifts.length;
    const who = lane.affiliation ? `${lane.key} (${lane.affiliation})` : lane.key || '(none)';
    return {
      key: lane.key,
      title: `${who}, ${plural(shifts, 'shift')}`,
      lines,
      moreSeries: Math.max(0, ids.length - perLane),
    };
  });
  return { lanes, more: Math.max(0, model.lanes.length - limit) };
}
