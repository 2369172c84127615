/**
 * The actor x topic matrix as of a date, ready to draw: rows grouped by affiliation, each group
 * led by an affiliation summary row, one column per topic, and per cell the stance, its evidence
 * count and age, and (with a compare date) who shifted. Pure: no Svelte, no DOM.
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED, type StanceValue } from '../domain/types';
import { affiliationGroups } from './affiliation-groups';
import { groupState, pairStates, type PairState } from './matrix-states';
import { pairIndex } from './steps';
import type { ColumnCache, Rows, StanceFilter } from './types';

export interface MatrixOptions {
  /** The as-of day (inclusive). */
  asOf: number;
  /** A second day to compare with, earlier or later; null = off. */
  compare: number | null;
  /** A cell is stale when its latest statement is more than this many days old. */
  staleDays: number;
  /**
   * The Stance filter, applied to each cell's state as of the day (not to the statements, since
   * a state needs every statement before it): other cells are left empty, and actors and topics
   * with no cell left are left out. Empty = every stance.
   */
  stances?: readonly StanceFilter[];
}

/** A cell's state on the compare date. */
export interface CompareState {
  row: number;
  stance: number;
  conditional: boolean;
}

export interface MatrixCellModel {
  kind: 'actor' | 'affiliation';
  /** Actor code; -1 on an affiliation summary row. */
  actor: number;
  /** Affiliation code of a summary row, or the actor's usual affiliation (-1 when none). */
  affiliation: number;
  topic: number;
  /** Latest statement on or before the as-of day; -1 when nothing was said yet. */
  row: number;
  /** Meaningful only when `row >= 0`. */
  stance: number;
  conditional: boolean;
  /** Statements on or before the as-of day (0 when `row < 0`). */
  count: number;
  ageDays: number;
  stale: boolean;
  /** The state as of the compare day; null when compare is off or nothing was said by then. */
  compare: CompareState | null;
  /**
   * Direction from the earlier day's stance to the later day's, whichever control holds which:
   * sign of the stance difference, 0 when only the conditional flag changed (as `shifts()`);
   * null when compare is off or one of the two days has no stance.
   */
  shift: -1 | 0 | 1 | null;
  /** Stance or conditional flag differ between the two days. */
  changed: boolean;
  /** Stated by the later day but not yet by the earlier one. */
  isNew: boolean;
}

export interface MatrixRowModel {
  kind: 'actor' | 'affiliation';
  /** Stable key for keyed `{#each}`: `a:<actor>` or `f:<affiliation>`. */
  key: string;
  /** The actor's or the affiliation's name. */
  name: string;
  /** What the row header shows: the actor, or `Russia (all actors)`. */
  label: string;
  /** The group's affiliation name ('' for unaffiliated actors). */
  affiliation: string;
  /** Actor code, or affiliation code on a summary row. */
  code: number;
  /**
   * The cells by column, only where something was said on the topic by either day: sparse, so a
   * grid of 100,000 actors and 5,000 topics holds its statements, not 500 million slots.
   */
  cells: Map<number, MatrixCellModel>;
}

/** The cell of a row in column `c`, or null when nothing was said there. */
export const cellAt = (row: MatrixRowModel, c: number): MatrixCellModel | null =>
  row.cells.get(c) ?? null;

/**
 * Which as-of states pass a Stance filter: `[-2, 'c']` passes strongly oppose and conditional
 * support; null for an empty filter (everything passes).
 */
function stanceTest(stances: readonly StanceFilter[] | undefined) {
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

export interface MatrixModel {
  rows: MatrixRowModel[];
  /** Topic codes of the columns, alphabetical. */
  topics: number[];
  asOf: number;
  compare: number | null;
  /** Actor rows (summary rows not counted). */
  actorCount: number;
  /** Actor cells whose state changed between the two days (summary rows not counted). */
  shiftCount: number;
  /** Actor cells stated by the later day but not by the earlier one. */
  newCount: number;
  /** Summary cells whose state changed between the two days. */
  affiliationShiftCount: number;
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
function cellModel(
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

/**
 * The matrix to draw. Rows: the actors present in `rows`, grouped by their usual affiliation
 * (groups alphabetical, unaffiliated actors last, no summary row for them), each group led by a
 * summary row whose cell is the latest statement by any actor of the group. Columns: the topics
 * present in `rows`, alphabetical. An actor who has said nothing yet keeps an empty row, so the
 * grid stays put while the date moves. Rows must be ascending (date order) and not be modified
 * after the call: a second call with the same rows reuses an index of them, so scrubbing the
 * date costs a binary search per (actor, topic) pair rather than a pass over every row.
 *
 * Example (seed-like): Putin +1c on ceasefire in 2024-11, Lavrov -2 on 2024-12-26;
 * `matrixModel(c, rows, { asOf: 2024-12-31, compare: 2024-11-30, staleDays: 90 })` -> rows
 * `Russia (all actors)`, `Sergey Lavrov`, `Vladimir Putin`; the summary cell on ceasefire is
 * `{ stance: -2, count: 2, compare: { stance: 1, conditional: true }, shift: -1 }`.
 */
export function matrixModel(cache: ColumnCache, rows: Rows, options: MatrixOptions): MatrixModel {
  const { asOf: day, compare } = options;
  const pairs = pairIndex(cache);
  const groups = affiliationGroups(cache);
  const { index, states } = pairStates(cache, rows, compare === null ? [day] : [day, compare]);
  const now = states[0];
  const then = compare === null ? null : states[1];

  // Actors and topics present in the rows, whatever the date; with a Stance filter, those with a
  // state that passes it as of the day.
  const passes = stanceTest(options.stances);
  const actorSeen = new Uint8Array(cache.actors.length);
  const topicSeen = new Uint8Array(cache.topics.length);
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    if (passes && !(now.latest[p] >= 0 && passes(cache, now.latest[p]))) continue;
    actorSeen[pairs.actor[p]] = 1;
    topicSeen[pairs.topic[p]] = 1;
  }
  const topics: number[] = [];
  const column = new Int32Array(cache.topics.length).fill(-1);
  for (let t = 0; t < topicSeen.length; t++) {
    if (!topicSeen[t]) continue;
    column[t] = topics.length;
    topics.push(t);
  }

  // Actor codes are alphabetical already; group them by usual affiliation.
  const byGroup = new Map<number, number[]>();
  for (let a = 0; a < actorSeen.length; a++) {
    if (!actorSeen[a]) continue;
    const f = cache.actorAffiliation[a];
    let list = byGroup.get(f);
    if (!list) byGroup.set(f, (list = []));
    list.push(a);
  }
  // Affiliation codes are alphabetical too; -1 (none) goes last.
  const groupOrder = [...byGroup.keys()].sort((x, y) => Number(x < 0) - Number(y < 0) || x - y);

  const out: MatrixRowModel[] = [];
  const actorRow = new Int32Array(cache.actors.length).fill(-1);
  const affiliationRow = new Int32Array(cache.affiliations.length).fill(-1);
  const emptyCells = () => new Map<number, MatrixCellModel>();
  let actorCount = 0;
  for (const f of groupOrder) {
    const affName = f >= 0 ? cache.affiliations[f] : '';
    if (f >= 0) {
      affiliationRow[f] = out.length;
      out.push({
        kind: 'affiliation',
        key: `f:${affName}`,
        name: affName,
        label: affiliationRowLabel(affName),
        affiliation: affName,
        code: f,
        cells: emptyCells(),
      });
    }
    for (const a of byGroup.get(f)!) {
      actorCount++;
      actorRow[a] = out.length;
      out.push({
        kind: 'actor',
        key: `a:${cache.actors[a]}`,
        name: cache.actors[a],
        label: cache.actors[a],
        affiliation: affName,
        code: a,
        cells: emptyCells(),
      });
    }
  }

  // Fill the cells pair by pair: pairs nobody spoke on stay null without being visited.
  let shiftCount = 0;
  let newCount = 0;
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    const a = pairs.actor[p];
    const t = pairs.topic[p];
    const f = cache.actorAffiliation[a];
    if (actorRow[a] < 0 || column[t] < 0) continue;
    if (passes && !(now.latest[p] >= 0 && passes(cache, now.latest[p]))) continue;
    const cell = cellModel(cache, 'actor', a, f, t, p, now, then, options);
    if (!cell) continue;
    if (cell.changed) shiftCount++;
    if (cell.isNew) newCount++;
    out[actorRow[a]].cells.set(column[t], cell);
  }
  let affiliationShiftCount = 0;
  const groupNow = groupState(cache, index, now);
  const groupThen = then && groupState(cache, index, then);
  for (let s = 0; s < groups.count; s++) {
    const f = groups.affiliation[s];
    const t = groups.topic[s];
    if (affiliationRow[f] < 0 || column[t] < 0) continue;
    if (passes && !(groupNow.latest[s] >= 0 && passes(cache, groupNow.latest[s]))) continue;
    const cell = cellModel(cache, 'affiliation', -1, f, t, s, groupNow, groupThen, options);
    if (!cell) continue;
    if (cell.changed) affiliationShiftCount++;
    out[affiliationRow[f]].cells.set(column[t], cell);
  }
  return {
    rows: out,
    topics,
    asOf: day,
    compare,
    actorCount,
    shiftCount,
    newCount,
    affiliationShiftCount,
  };
}
