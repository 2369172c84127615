/**
 * The actor x topic matrix as of a date, ready to draw: rows grouped by affiliation, each group
 * led by an affiliation summary row, one column per topic, and per cell the stance, its evidence
 * count and age, and (with a compare date) who shifted. Pure: no Svelte, no DOM.
 */
import { formatDay, formatDayPrecision } from '../domain/dates';
import { stanceLabel } from '../domain/stance';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  PRECISION_BY_CODE,
  type StanceValue,
} from '../domain/types';
import { pairIndex, type Rows } from './steps';
import type { ColumnCache, StanceFilter } from './types';
import { plural } from '../util/plural';

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

/**
 * What `matrixModel` keeps about one rows array, so that moving the as-of or compare date over
 * the same rows (the scrubber, Play) costs a binary search per pair instead of a scan of every
 * row. Built on the second call with the same rows: a filter change pays one scan only.
 */
interface RowsIndex {
  cache: ColumnCache;
  /** Statements per pair in the rows. */
  total: Uint32Array;
  /** Pair ids present in the rows, ascending. */
  present: Uint32Array;
  /** Rows grouped by pair (CSR): pair `present[i]` owns `start[i]..start[i + 1]`; null = not yet. */
  start: Uint32Array | null;
  rowsByPair: Uint32Array | null;
  daysByPair: Int32Array | null;
  /** The last few states read from the index, by day: a filter cleared again reads the same. */
  recent: { day: number; state: PairState }[];
}

const rowsIndexes = new WeakMap<object, RowsIndex>();
/**
 * The index of every row of a cache. Clearing the last filter hands over a new array of every
 * row each time; ascending and as long as the cache, it can only hold rows 0..n-1, so its index
 * is kept per cache and the scan of every row (1M rows: about 20 ms) is paid once.
 */
const allRowsIndexes = new WeakMap<ColumnCache, RowsIndex>();

/** Latest row and count per pair as of a day; -1 / 0 where nothing was said yet. */
interface PairState {
  latest: Int32Array;
  count: Uint32Array;
}

/**
 * One pass over the rows: statements per pair, and the latest row and count per pair as of each
 * of the given days. Rows are ascending, so the last row seen is the latest (the later row wins
 * a same-day tie, as `asOf`).
 * Example: a pair with rows on days 10 and 30 -> as of 20: `{ latest: first row, count: 1 }`.
 */
function scanRows(cache: ColumnCache, rows: Rows, days: number[]) {
  const pairs = pairIndex(cache);
  const total = new Uint32Array(pairs.count);
  const states: PairState[] = days.map(() => ({
    latest: new Int32Array(pairs.count).fill(-1),
    count: new Uint32Array(pairs.count),
  }));
  const { id } = pairs;
  const { day } = cache;
  const d0 = days[0];
  const s0 = states[0];
  const d1 = days.length > 1 ? days[1] : -Infinity;
  const s1 = states.length > 1 ? states[1] : s0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const p = id[r];
    total[p]++;
    const d = day[r];
    if (d <= d0) {
      s0.latest[p] = r;
      s0.count[p]++;
    }
    if (d <= d1) {
      s1.latest[p] = r;
      s1.count[p]++;
    }
  }
  let n = 0;
  for (let p = 0; p < pairs.count; p++) if (total[p] > 0) n++;
  const present = new Uint32Array(n);
  n = 0;
  for (let p = 0; p < pairs.count; p++) if (total[p] > 0) present[n++] = p;
  return { total, present, states };
}

/** Groups the rows by pair, keeping each pair's rows (and their days) in date order. */
function buildCsr(cache: ColumnCache, rows: Rows, index: RowsIndex) {
  const { id } = pairIndex(cache);
  const offset = new Uint32Array(index.total.length);
  const start = new Uint32Array(index.present.length + 1);
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    offset[p] = start[i];
    start[i + 1] = start[i] + index.total[p];
  }
  const rowsByPair = new Uint32Array(rows.length);
  const daysByPair = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const at = offset[id[r]]++;
    rowsByPair[at] = r;
    daysByPair[at] = cache.day[r];
  }
  index.start = start;
  index.rowsByPair = rowsByPair;
  index.daysByPair = daysByPair;
}

/** Latest row and count per pair as of `day`, by binary search in each pair's rows. */
function pairStateFromCsr(index: RowsIndex, day: number): PairState {
  const latest = new Int32Array(index.total.length).fill(-1);
  const count = new Uint32Array(index.total.length);
  const start = index.start!;
  const days = index.daysByPair!;
  const byPair = index.rowsByPair!;
  for (let i = 0; i < index.present.length; i++) {
    // First position whose day is after `day`: everything before it counts. By hand, since
    // d3's bisectRight took 0.9 ms a scrub frame over 100k pairs, this loop 0.4 ms.
    let lo = start[i];
    let hi = start[i + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    const n = lo - start[i];
    if (n === 0) continue;
    const p = index.present[i];
    latest[p] = byPair[lo - 1];
    count[p] = n;
  }
  return { latest, count };
}

/** How many states an index keeps: the as-of and compare days of the last call. */
const RECENT_STATES = 2;

/**
 * `pairStateFromCsr`, remembered for the last days read: states are never modified once made,
 * so the as-of day of a cleared filter (the matrix of every row) is read once, not per change.
 */
function recentState(index: RowsIndex, day: number): PairState {
  const hit = index.recent.find((r) => r.day === day);
  if (hit) return hit.state;
  const state = pairStateFromCsr(index, day);
  index.recent.unshift({ day, state });
  if (index.recent.length > RECENT_STATES) index.recent.pop();
  return state;
}

/** The per-pair states as of each day, from the cached index of `rows` when there is one. */
function pairStates(cache: ColumnCache, rows: Rows, days: number[]) {
  const all = rows.length === cache.n && cache.n > 0;
  const known = all
    ? allRowsIndexes.get(cache)
    : typeof rows === 'object'
      ? rowsIndexes.get(rows)
      : undefined;
  if (known && known.cache === cache && known.total.length === pairIndex(cache).count) {
    if (!known.start) buildCsr(cache, rows, known);
    return { index: known, states: days.map((d) => recentState(known, d)) };
  }
  const { total, present, states } = scanRows(cache, rows, days);
  const index: RowsIndex = {
    cache,
    total,
    present,
    start: null,
    rowsByPair: null,
    daysByPair: null,
    recent: [],
  };
  if (all) allRowsIndexes.set(cache, index);
  else if (typeof rows === 'object') rowsIndexes.set(rows, index);
  return { index, states };
}

/**
 * The latest statement per (affiliation, topic) group, from the per-pair states: the latest of
 * the group's pairs (the highest row, so the later row wins a same-day tie, as `asOf`) and the
 * sum of their counts. Keyed by group slot; -1 where nothing was said yet.
 * Example: Putin +1c in 2024-11, Lavrov -2 on 2024-12-26: as of 2024-12-31 Russia/ceasefire ->
 * Lavrov's row, count 2.
 */
function groupState(cache: ColumnCache, index: RowsIndex, state: PairState): PairState {
  const groups = groupIndex(cache);
  const latest = new Int32Array(groups.count).fill(-1);
  const count = new Uint32Array(groups.count);
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    const s = groups.slotOfPair[p];
    if (s < 0 || state.latest[p] < 0) continue;
    if (state.latest[p] > latest[s]) latest[s] = state.latest[p];
    count[s] += state.count[p];
  }
  return { latest, count };
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
  const groups = groupIndex(cache);
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

/** ISO dates already formatted: a cell label per rendered cell needs only a few distinct days. */
const dayText = new Map<number, string>();

/** `formatDay`, remembered: `isoDay(20088)` -> `2024-12-31`. */
function isoDay(day: number): string {
  let text = dayText.get(day);
  if (text === undefined) {
    // Bounded: scrubbing a decade visits a few thousand days at most.
    if (dayText.size >= 8192) dayText.clear();
    text = formatDay(day);
    dayText.set(day, text);
  }
  return text;
}

/**
 * A stale cell's age, short: `ageText(45)` -> `45d`, `ageText(120)` -> `4mo`, `ageText(800)` ->
 * `2y`.
 */
export function ageText(days: number): string {
  if (days < 60) return `${days}d`;
  if (days < 730) return `${Math.floor(days / 30)}mo`;
  return `${Math.floor(days / 365)}y`;
}

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
  const date = isoDay(model.asOf);
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
    if (cell.stale) text += `, stale (${ageText(cell.ageDays)}, ${cell.ageDays} days old)`;
  }
  if (model.compare !== null && cell) text += compareText(model, cell, label);
  if (cell && cell.row >= 0) text += statementText(cache, cell);
  return text;
}

/**
 * The latest statement behind a cell, its speaker being the row (or the summary's `by`):
 * `; said 2024-12-26: “A truce leads to nowhere”`.
 */
function statementText(cache: ColumnCache, cell: MatrixCellModel): string {
  const r = cell.row;
  const date = formatDayPrecision(cache.day[r], PRECISION_BY_CODE[cache.precision[r]] ?? 'day');
  const quote = cache.text.get('quote', r);
  let words = quote || cache.text.get('summary', r);
  if (words.length > WORDS_CHARS) words = `${words.slice(0, WORDS_CHARS - 1)}…`;
  const said = `; said ${date}`;
  return words ? `${said}: ${quote ? `“${words}”` : words}` : said;
}

/** Longest quote or summary read out in a cell's name. */
const WORDS_CHARS = 160;

/** How the cell moved between the as-of and the compare date, in words. */
function compareText(
  model: Pick<MatrixModel, 'asOf' | 'compare'>,
  cell: MatrixCellModel,
  label: (stance: number, conditional: boolean) => string,
): string {
  let text = '';
  const other = isoDay(model.compare!);
  const then = cell.compare;
  if (model.compare! <= model.asOf) {
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
    `as of ${isoDay(model.asOf)}`;
  if (model.compare !== null) {
    const word = model.compare <= model.asOf ? 'since' : 'by';
    text +=
      `; ${plural(model.shiftCount, 'shift')}, ${model.newCount} new ` +
      `${word} ${isoDay(model.compare)}`;
    if (model.affiliationShiftCount > 0) {
      text += `; ${plural(model.affiliationShiftCount, 'affiliation shift')}`;
    }
  }
  return text;
}
