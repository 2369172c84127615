/**
 * One cell of the actor x topic matrix from the per-pair (or per-series) states as of the two
 * days, shared by the whole model (`matrixModel`) and the lazy grid (`matrixGrid`).
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED, type StanceValue } from '../domain/types';
import type { PairState } from './matrix-states';
import type { MatrixCellModel, MatrixOptions } from './matrix-types';
import type { ColumnCache, StanceFilter } from './types';

/**
 * Which as-of states pass a Stance filter: `[-2, 'c']` passes strongly oppose and conditional
 * support; null for an empty filter (everything passes).
 */
export function stanceTest(stances: readonly StanceFilter[] | undefined) {
  if (!stances || stances.length === 0) return null;
  const plain = new Set(stances.filter((s) => typeof s === 'number'));
  const conditional = stances.includes('c');
  const uncoded = stances.includes('u');
  return (cache: ColumnCache, row: number) =>
    cache.flags[row] & FLAG_UNCODED
      ? uncoded
      : cache.flags[row] & FLAG_CONDITIONAL
        ? conditional
        : plain.has(cache.stance[row] as StanceValue);
}

/** The label of an affiliation summary row: `Russia` -> `Russia (all actors)`. */
export const affiliationRowLabel = (affiliation: string) => `${affiliation} (all actors)`;

/** The as-of facts of a cell, before the compare fields are added. */
interface CellState {
  row: number;
  stance: number;
  conditional: boolean;
  count: number;
  ageDays: number;
  stale: boolean;
}

function stateOf(cache: ColumnCache, row: number, count: number, day: number, staleDays: number) {
  const ageDays = day - cache.day[row];
  return {
    row,
    stance: cache.stance[row],
    conditional: (cache.flags[row] & FLAG_CONDITIONAL) !== 0,
    count,
    ageDays,
    stale: ageDays > staleDays,
  };
}

const NO_COMPARE = { compare: null, shift: null, changed: false, isNew: false } as const;

/**
 * Compares a cell's state on the as-of day with its state on the compare day, direction from
 * the earlier day to the later one. Example: as of 2024-12-31 -2, compare 2024-11-30 +1c ->
 * `{ shift: -1, changed: true, isNew: false }`; with the two days swapped, the same.
 */
function compareFields(
  now: CellState | undefined,
  then: CellState | undefined,
  asOfDay: number,
  compareDay: number | null,
): Pick<MatrixCellModel, 'compare' | 'shift' | 'changed' | 'isNew'> {
  if (compareDay === null) return NO_COMPARE;
  const compare = then
    ? { row: then.row, stance: then.stance, conditional: then.conditional }
    : null;
  const [early, late] = compareDay <= asOfDay ? [then, now] : [now, then];
  if (!early || !late) return { compare, shift: null, changed: false, isNew: !early && !!late };
  const changed = early.stance !== late.stance || early.conditional !== late.conditional;
  return {
    compare,
    shift: Math.sign(late.stance - early.stance) as -1 | 0 | 1,
    changed,
    isNew: false,
  };
}

const EMPTY_STATE: CellState = {
  row: -1,
  stance: 0,
  conditional: false,
  count: 0,
  ageDays: 0,
  stale: false,
};

/** The cell at slot `i` of the given states, or null when nothing was said by either day. */
export function cellModel(
  cache: ColumnCache,
  kind: 'actor' | 'affiliation',
  actor: number,
  affiliation: number,
  topic: number,
  i: number,
  now: PairState,
  then: PairState | null,
  options: MatrixOptions,
): MatrixCellModel | null {
  const rNow = now.latest[i];
  const rThen = then ? then.latest[i] : -1;
  if (rNow < 0 && rThen < 0) return null;
  const { asOf: day, compare, staleDays } = options;
  const a = rNow >= 0 ? stateOf(cache, rNow, now.count[i], day, staleDays) : undefined;
  const b = rThen >= 0 ? stateOf(cache, rThen, then!.count[i], compare!, staleDays) : undefined;
  const base = a ?? EMPTY_STATE;
  const diff = compareFields(a, b, day, compare);
  // A literal rather than spreads: tens of thousands of these are made per date step.
  return {
    kind,
    actor,
    affiliation,
    topic,
    row: base.row,
    stance: base.stance,
    conditional: base.conditional,
    count: base.count,
    ageDays: base.ageDays,
    stale: base.stale,
    compare: diff.compare,
    shift: diff.shift,
    changed: diff.changed,
    isNew: diff.isNew,
  };
}

/** `cellChange`'s answers: the cell's state changed, or it is new by the later day. */
export const CHANGED = 1;
export const NEW = 2;

/**
 * What `cellModel` says of `changed` and `isNew`, from the two rows alone (-1: nothing said by
 * that day), for counting a whole grid's shifts without making its cells: CHANGED, NEW or 0.
 * Example: as of 2024-12-31 row -2, compare 2024-11-30 row +1c -> CHANGED.
 */
export function cellChange(
  cache: ColumnCache,
  rNow: number,
  rThen: number,
  asOfDay: number,
  compareDay: number | null,
): number {
  if (compareDay === null) return 0;
  const [early, late] = compareDay <= asOfDay ? [rThen, rNow] : [rNow, rThen];
  if (late < 0) return 0;
  if (early < 0) return NEW;
  const sameStance = cache.stance[early] === cache.stance[late];
  const sameFlag =
    (cache.flags[early] & FLAG_CONDITIONAL) === (cache.flags[late] & FLAG_CONDITIONAL);
  return sameStance && sameFlag ? 0 : CHANGED;
}
