/**
 * The actor x topic matrix as of a date, ready to draw: rows grouped by affiliation, each group
 * led by an affiliation summary row, one column per topic, and per cell the stance, its evidence
 * count and age, and (with a compare date) who shifted. Pure: no Svelte, no DOM.
 */
import { formatDay } from '../domain/dates';
import { stanceLabel } from '../domain/stance';
import { FLAG_CONDITIONAL, type StanceValue } from '../domain/types';
import { asOf, pairIndex, type MatrixCell, type Rows } from './state';
import type { ColumnCache } from './types';

export interface MatrixOptions {
  /** The as-of day (inclusive). */
  asOf: number;
  /** A second day to compare with, earlier or later; null = off. */
  compare: number | null;
  /** A cell is stale when its latest statement is more than this many days old. */
  staleDays: number;
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
  /** One per column; null when nothing was said on the topic by either day. */
  cells: (MatrixCellModel | null)[];
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

/**
 * Slot of each (affiliation, topic) group per (actor, topic) pair: the summary rows group an
 * actor's pairs under the actor's usual affiliation (`actorAffiliation`), the same grouping the
 * rows are laid out by, so a summary row sums up exactly the actors listed under it. Built once
 * per cache from the pair index, so the per-row scan has no hashing.
 */
interface GroupIndex {
  /** Group slot of each pair id; -1 for actors without an affiliation. */
  slotOfPair: Int32Array;
  affiliation: Uint32Array;
  topic: Uint32Array;
  count: number;
}

const groupsByCache = new WeakMap<ColumnCache, GroupIndex>();

function groupIndex(cache: ColumnCache): GroupIndex {
  let index = groupsByCache.get(cache);
  if (index) return index;
  const pairs = pairIndex(cache);
  const nT = Math.max(1, cache.topics.length);
  const slotOfKey = new Map<number, number>();
  const slotOfPair = new Int32Array(pairs.count).fill(-1);
  const affiliation: number[] = [];
  const topic: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const f = cache.actorAffiliation[pairs.actor[p]];
    if (f < 0) continue;
    const key = f * nT + pairs.topic[p];
    let s = slotOfKey.get(key);
    if (s === undefined) {
      s = affiliation.length;
      slotOfKey.set(key, s);
      affiliation.push(f);
      topic.push(pairs.topic[p]);
    }
    slotOfPair[p] = s;
  }
  index = {
    slotOfPair,
    affiliation: Uint32Array.from(affiliation),
    topic: Uint32Array.from(topic),
    count: affiliation.length,
  };
  groupsByCache.set(cache, index);
  return index;
}

/** The as-of facts of one statement: shared by actor cells (`asOf`) and summary cells. */
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

type CellState = ReturnType<typeof stateOf>;

/**
 * The latest statement per (affiliation, topic) group on or before `day`, by any actor of the
 * affiliation; the same rules as `asOf` (the later row wins among same-day statements, so an
 * actor later in the alphabet wins a same-day tie). Keyed by group slot.
 * Example: Putin +1c in 2024-11, Lavrov -2 on 2024-12-26: as of 2024-12-31 Russia/ceasefire ->
 * `{ stance: -2, count: 2 }`.
 */
function groupAsOf(
  cache: ColumnCache,
  rows: Rows,
  day: number,
  staleDays: number,
): Map<number, CellState> {
  const pairs = pairIndex(cache);
  const groups = groupIndex(cache);
  const latest = new Int32Array(groups.count).fill(-1);
  const count = new Uint32Array(groups.count);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (cache.day[r] > day) break;
    const s = groups.slotOfPair[pairs.id[r]];
    if (s < 0) continue;
    latest[s] = r;
    count[s]++;
  }
  const result = new Map<number, CellState>();
  for (let s = 0; s < groups.count; s++) {
    if (latest[s] >= 0) result.set(s, stateOf(cache, latest[s], count[s], day, staleDays));
  }
  return result;
}

/** `asOf` keyed by `actor * nT + topic`, to look cells up while laying out the grid. */
function actorAsOf(cache: ColumnCache, rows: Rows, day: number, staleDays: number) {
  const nT = Math.max(1, cache.topics.length);
  const map = new Map<number, MatrixCell>();
  for (const cell of asOf(cache, rows, day, staleDays)) map.set(cell.actor * nT + cell.topic, cell);
  return map;
}

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
  if (compareDay === null) return { compare: null, shift: null, changed: false, isNew: false };
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

function cellModel(
  kind: 'actor' | 'affiliation',
  actor: number,
  affiliation: number,
  topic: number,
  now: CellState | undefined,
  then: CellState | undefined,
  options: MatrixOptions,
): MatrixCellModel | null {
  if (!now && !then) return null;
  const base = now ?? {
    row: -1,
    stance: 0,
    conditional: false,
    count: 0,
    ageDays: 0,
    stale: false,
  };
  return {
    kind,
    actor,
    affiliation,
    topic,
    ...base,
    ...compareFields(now, then, options.asOf, options.compare),
  };
}

/**
 * The matrix to draw. Rows: the actors present in `rows`, grouped by their usual affiliation
 * (groups alphabetical, unaffiliated actors last, no summary row for them), each group led by a
 * summary row whose cell is the latest statement by any actor of the group. Columns: the topics
 * present in `rows`, alphabetical. An actor who has said nothing yet keeps an empty row, so the
 * grid stays put while the date moves.
 *
 * Example (seed-like): Putin +1c on ceasefire in 2024-11, Lavrov -2 on 2024-12-26;
 * `matrixModel(c, rows, { asOf: 2024-12-31, compare: 2024-11-30, staleDays: 90 })` -> rows
 * `Russia (all actors)`, `Sergey Lavrov`, `Vladimir Putin`; the summary cell on ceasefire is
 * `{ stance: -2, count: 2, compare: { stance: 1, conditional: true }, shift: -1 }`.
 */
export function matrixModel(cache: ColumnCache, rows: Rows, options: MatrixOptions): MatrixModel {
  const { asOf: day, compare, staleDays } = options;
  const nT = Math.max(1, cache.topics.length);

  // Actors and topics present in the rows, whatever the date.
  const actorSeen = new Uint8Array(cache.actors.length);
  const topicSeen = new Uint8Array(cache.topics.length);
  for (let k = 0; k < rows.length; k++) {
    actorSeen[cache.actor[rows[k]]] = 1;
    topicSeen[cache.topic[rows[k]]] = 1;
  }
  const topics: number[] = [];
  for (let t = 0; t < topicSeen.length; t++) if (topicSeen[t]) topics.push(t);

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

  const nowActors = actorAsOf(cache, rows, day, staleDays);
  const thenActors = compare === null ? null : actorAsOf(cache, rows, compare, staleDays);
  const nowGroups = groupAsOf(cache, rows, day, staleDays);
  const thenGroups = compare === null ? null : groupAsOf(cache, rows, compare, staleDays);
  const groups = groupIndex(cache);
  const slotOf = new Map<number, number>();
  for (let s = 0; s < groups.count; s++)
    slotOf.set(groups.affiliation[s] * nT + groups.topic[s], s);

  const out: MatrixRowModel[] = [];
  let shiftCount = 0;
  let newCount = 0;
  let affiliationShiftCount = 0;
  let actorCount = 0;
  for (const f of groupOrder) {
    const affName = f >= 0 ? cache.affiliations[f] : '';
    if (f >= 0) {
      out.push({
        kind: 'affiliation',
        key: `f:${affName}`,
        name: affName,
        label: affiliationRowLabel(affName),
        affiliation: affName,
        code: f,
        cells: topics.map((t) => {
          const s = slotOf.get(f * nT + t);
          const now = s === undefined ? undefined : nowGroups.get(s);
          const then = s === undefined ? undefined : thenGroups?.get(s);
          const cell = cellModel('affiliation', -1, f, t, now, then, options);
          if (cell?.changed) affiliationShiftCount++;
          return cell;
        }),
      });
    }
    for (const a of byGroup.get(f)!) {
      actorCount++;
      const cells = topics.map((t) => {
        const cell = cellModel(
          'actor',
          a,
          f,
          t,
          nowActors.get(a * nT + t),
          thenActors?.get(a * nT + t),
          options,
        );
        if (cell?.changed) shiftCount++;
        if (cell?.isNew) newCount++;
        return cell;
      });
      out.push({
        kind: 'actor',
        key: `a:${cache.actors[a]}`,
        name: cache.actors[a],
        label: cache.actors[a],
        affiliation: affName,
        code: a,
        cells,
      });
    }
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The accessible name of a cell, as a sentence a screen reader user can act on.
 * Example: `Sergey Lavrov on ceasefire: strongly oppose, as of 2024-12-31, 1 statement,
 * shifted from conditional support on 2024-11-30`; an empty cell: `Donald Trump on ceasefire:
 * no statement as of 2024-12-31`. Summary cells name the speaker: `Russia (all actors) on
 * ceasefire: strongly oppose, by Sergey Lavrov, as of ...`.
 */
export function cellLabel(
  cache: ColumnCache,
  model: Pick<MatrixModel, 'asOf' | 'compare'>,
  row: Pick<MatrixRowModel, 'label'>,
  topic: number,
  cell: MatrixCellModel | null,
): string {
  const head = `${row.label} on ${cache.topics[topic]}: `;
  const date = formatDay(model.asOf);
  const label = (stance: number, conditional: boolean) =>
    stanceLabel(stance as StanceValue, conditional);
  let text: string;
  if (!cell || cell.row < 0) {
    text = `${head}no statement as of ${date}`;
  } else {
    const by = cell.kind === 'affiliation' ? `, by ${cache.actors[cache.actor[cell.row]]}` : '';
    text =
      `${head}${label(cell.stance, cell.conditional)}${by}, as of ${date}, ` +
      plural(cell.count, 'statement');
    if (cell.stale) text += `, stale (${cell.ageDays} days old)`;
  }
  if (model.compare === null || !cell) return text;
  const other = formatDay(model.compare);
  const then = cell.compare;
  if (model.compare <= model.asOf) {
    if (cell.isNew) text += `, new since ${other}`;
    else if (then && cell.changed) {
      text += `, shifted from ${label(then.stance, then.conditional)} on ${other}`;
    } else if (then) text += `, unchanged since ${other}`;
  } else if (then) {
    if (cell.isNew || cell.changed) text += `, ${label(then.stance, then.conditional)} by ${other}`;
    else text += `, unchanged through ${other}`;
  }
  return text;
}

/**
 * One sentence summing the matrix up: `8 actors x 8 topics as of 2024-12-31; 3 shifts, 6 new
 * since 2024-11-30; 1 affiliation shift` (`by <date>` when the compare date is the later one).
 * Shifts and new positions count actor cells; summary rows are counted apart, since an actor's
 * shift often moves the summary too.
 */
export function matrixSummary(model: MatrixModel): string {
  let text =
    `${plural(model.actorCount, 'actor')} x ${plural(model.topics.length, 'topic')} ` +
    `as of ${formatDay(model.asOf)}`;
  if (model.compare !== null) {
    const word = model.compare <= model.asOf ? 'since' : 'by';
    text +=
      `; ${plural(model.shiftCount, 'shift')}, ${model.newCount} new ` +
      `${word} ${formatDay(model.compare)}`;
    if (model.affiliationShiftCount > 0) {
      text += `; ${plural(model.affiliationShiftCount, 'affiliation shift')}`;
    }
  }
  return text;
}
