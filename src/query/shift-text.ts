/** A shift in words: who, the statement's date, each side, the whole sentence. */
import { formatDayPrecision } from '../domain/dates';
import { stanceLabel } from '../domain/stance';
import { FLAG_CONDITIONAL, PRECISION_BY_CODE, type StanceValue } from '../domain/types';
import type { Shift } from './shifts';
import type { ColumnCache } from './types';

/** The name of who shifted: the actor, or the affiliation. */
export function shiftWho(cache: ColumnCache, shift: Pick<Shift, 'kind' | 'who'>): string {
  return shift.kind === 'actor' ? cache.actors[shift.who] : cache.affiliations[shift.who];
}

/** A statement's date as the file gave it: `2024-12-26`, `2024-11` or `2024`. */
export function statementDate(cache: ColumnCache, row: number): string {
  return formatDayPrecision(cache.day[row], PRECISION_BY_CODE[cache.precision[row]] ?? 'day');
}

/**
 * One side of a shift in words: the state, then who said it (on an affiliation's shift), when,
 * and through whom. `conditional support (Vladimir Putin, 2024-11, via Reuters report)`.
 */
export function shiftSide(cache: ColumnCache, row: number, speaker: boolean): string {
  const label = stanceLabel(
    cache.stance[row] as StanceValue,
    (cache.flags[row] & FLAG_CONDITIONAL) !== 0,
  );
  const parts = speaker ? [cache.actors[cache.actor[row]]] : [];
  parts.push(statementDate(cache, row));
  const via = cache.text.get('reportedVia', row);
  if (via) parts.push(`via ${via}`);
  return `${label} (${parts.join(', ')})`;
}

/**
 * A shift as one sentence: who on what, from what to what, with the speakers (on an
 * affiliation's shift), the dates and second-hand sources.
 * `Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) →
 * strongly oppose (Sergey Lavrov, 2024-12-26)`.
 */
export function describeShift(cache: ColumnCache, shift: Shift): string {
  const speaker = shift.kind === 'affiliation';
  return (
    `${shiftWho(cache, shift)} on ${cache.topics[shift.topic]}: ` +
    `${shiftSide(cache, shift.fromRow, speaker)} → ${shiftSide(cache, shift.row, speaker)}`
  );
}
