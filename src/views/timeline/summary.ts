/** The chart's words for screen readers: its accessible name and the keyboard cursor's line. */
import { formatDay } from '../../domain/dates';
import { rowStanceLabel } from '../../domain/stance';
import { describeShift, statementDate } from '../../query/shift-text';
import type { Shift } from '../../query/shifts';
import type { ColumnCache } from '../../query/types';
import type { BandModel } from './bands';
import type { Window } from './geometry';
import { plural } from '../../util/plural';

/**
 * -> `Timeline of 19 statements in 8 lanes by actor (15 rows), 2024-01-01 to 2024-12-31,
 * 0 stance shifts. Showing 2024-10-28 to 2024-12-30.` (with Russia folded: 1 stance shift).
 */
export function chartLabel(model: BandModel, window: Window): string {
  if (model.rowCount === 0 || !model.extent) return 'Timeline: no statements match the filters.';
  const ext = model.extent;
  return (
    `Timeline of ${plural(model.rowCount, 'statement')} in ${plural(model.lanes.length, 'lane')} ` +
    `by ${model.by} (${plural(model.seriesCount, 'row')}), ` +
    `${formatDay(ext[0])} to ${formatDay(ext[1] - 1)}, ${plural(model.shiftCount, 'stance shift')}. ` +
    `Showing ${formatDay(Math.floor(window[0]))} to ${formatDay(Math.ceil(window[1]) - 1)}.`
  );
}

/**
 * What the keyboard cursor is on: `Vladimir Putin on ceasefire, since 2024-11: conditional
 * support. Press Enter to open.`, with the shift it made when it made one.
 */
export function cursorLine(
  cache: ColumnCache,
  model: BandModel,
  series: number,
  row: number,
  shift: Shift | null,
  groupShift: Shift | null = null,
): string {
  const lane = model.lanes[model.seriesLane[series]];
  const where = `${lane.name} · ${model.seriesName[series]}`;
  const state = rowStanceLabel(cache.stance[row], cache.flags[row]);
  return (
    `${where}, ${statementDate(cache, row)}, ${cache.actors[cache.actor[row]]}: ${state}` +
    `${shift ? `; ${describeShift(cache, shift)}` : ''}` +
    `${groupShift ? `; moved ${describeShift(cache, groupShift)}` : ''}. Press Enter to open.`
  );
}
