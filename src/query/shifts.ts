/**
 * What a shift is, defined once for every view (Shifts list, timeline markers, Timeline as text,
 * matrix comparisons):
 *
 * - A series is the coded statements of one actor on one topic, or of one affiliation on one
 *   topic (every statement on it by the actors whose usual affiliation that is, as the matrix's
 *   summary rows group them), in date order. Uncoded statements are skipped: they set no state.
 * - Its state on a day is the stance and conditional flag of its latest statement by then. Among
 *   statements of a series on the same day, the later row wins (rows are numbered by day, actor,
 *   topic, then file order), so a day ends in one state.
 * - A shift is a day whose state differs from the state before it: `fromRow` is the statement
 *   that set the earlier state, `row` the one that set the new state. Saying the same thing
 *   again is not a shift; conditional support and plain support are different states.
 *
 * Direction reads the stance scale: `hardened` moves toward oppose, `softened` toward support,
 * `conditional` keeps the stance and changes only the conditional flag. Size is the number of
 * steps moved on the five-level scale (0 for a conditional-only change).
 *
 * Example (the bundled data): Putin conditional support on ceasefire (2024-11), Lavrov strongly
 * oppose (2024-12-26): no actor shift (each spoke once), one Russia shift
 * `{ kind: 'affiliation', before: 1, beforeConditional: true, after: -2, direction: 'hardened',
 * size: 3 }`, described as `Russia on ceasefire: conditional support (Vladimir Putin, 2024-11,
 * via Reuters report) → strongly oppose (Sergey Lavrov, 2024-12-26)`.
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import { affiliationGroups } from './affiliation-groups';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

export type ShiftKind = 'actor' | 'affiliation';
export type ShiftDirection = 'hardened' | 'softened' | 'conditional';
export const SHIFT_DIRECTIONS: readonly ShiftDirection[] = ['hardened', 'softened', 'conditional'];
/** The largest move on the scale: strongly oppose to strongly support. */
export const MAX_SHIFT_SIZE = 4;

/** `ShiftTable.kind` values. */
export const KIND_ACTOR = 0;
export const KIND_AFFILIATION = 1;
const KINDS: readonly ShiftKind[] = ['actor', 'affiliation'];

/** One shift, read out of a `ShiftTable` (see `shiftAt`) or found in one series. */
export interface Shift {
  kind: ShiftKind;
  /** Actor code for an actor shift, affiliation code for an affiliation shift. */
  who: number;
  topic: number;
  /** The statement that set the new state. */
  row: number;
  /** The statement that set the state before. */
  fromRow: number;
  before: number;
  beforeConditional: boolean;
  after: number;
  afterConditional: boolean;
  /** Start days of `row` and `fromRow`. */
  day: number;
  fromDay: number;
  direction: ShiftDirection;
  /** Steps moved on the scale, 0..4. */
  size: number;
}

/**
 * Every shift of some rows, in date order (by day; within a day, by the series' first statement
 * that day), as three typed arrays: no object per shift, since a million rows can hold hundreds
 * of thousands. Topic, speaker and stances are read from the cache through the rows.
 */
export interface ShiftTable {
  count: number;
  /** `KIND_ACTOR` or `KIND_AFFILIATION`. */
  kind: Uint8Array;
  row: Uint32Array;
  fromRow: Uint32Array;
}

/**
 * A statement's state as one small integer: `(stance + 2) * 2 + conditional`, 0..9; -1 for an
 * uncoded statement, which has none. `stateCode(cache, row of conditional support)` -> 7.
 */
export function stateCode(cache: ColumnCache, row: number): number {
  const f = cache.flags[row];
  if (f & FLAG_UNCODED) return -1;
  return (cache.stance[row] + 2) * 2 + (f & FLAG_CONDITIONAL ? 1 : 0);
}

/**
 * Direction and size of a move between two states; null when they are the same state.
 * `classifyShift(1, true, -2, false)` -> `{ direction: 'hardened', size: 3 }`;
 * `classifyShift(1, false, 1, true)` -> `{ direction: 'conditional', size: 0 }`.
 */
export function classifyShift(
  before: number,
  beforeConditional: boolean,
  after: number,
  afterConditional: boolean,
): { direction: ShiftDirection; size: number } | null {
  if (before === after) {
    return beforeConditional === afterConditional ? null : { direction: 'conditional', size: 0 };
  }
  return { direction: after < before ? 'hardened' : 'softened', size: Math.abs(after - before) };
}

const NO_DAY = -2147483648;
/** Marks a table entry whose shift a later statement the same day undid. */
const UNDONE = 255;

/** Per-series scan state: the current day, its state so far, the state before that day. */
interface Track {
  day: Int32Array;
  state: Int8Array;
  row: Int32Array;
  before: Int8Array;
  beforeRow: Int32Array;
  /** The table entry of this day's shift, -1 when the day has none (yet). */
  entry: Int32Array;
}

function track(size: number): Track {
  return {
    day: new Int32Array(size).fill(NO_DAY),
    state: new Int8Array(size).fill(-1),
    row: new Int32Array(size).fill(-1),
    before: new Int8Array(size).fill(-1),
    beforeRow: new Int32Array(size).fill(-1),
    entry: new Int32Array(size).fill(-1),
  };
}

/** A growing shift table. */
class TableBuilder {
  kind = new Uint8Array(1024);
  row = new Uint32Array(1024);
  fromRow = new Uint32Array(1024);
  count = 0;
  undone = 0;

  push(kind: number, row: number, fromRow: number): number {
    if (this.count === this.row.length) {
      const grow = <T extends Uint8Array | Uint32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind);
      this.row = grow(this.row);
      this.fromRow = grow(this.fromRow);
    }
    this.kind[this.count] = kind;
    this.row[this.count] = row;
    this.fromRow[this.count] = fromRow;
    return this.count++;
  }

  /** The table without undone entries, trimmed to its count. */
  finish(): ShiftTable {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.kind[i] === UNDONE) continue;
      this.kind[n] = this.kind[i];
      this.row[n] = this.row[i];
      this.fromRow[n] = this.fromRow[i];
      n++;
    }
    return {
      count: n,
      kind: this.kind.slice(0, n),
      row: this.row.slice(0, n),
      fromRow: this.fromRow.slice(0, n),
    };
  }
}

/**
 * Feeds statement `r` (day `d`, state `state` >= 0) to series `s`: a new day settles the day
 * before; a state that differs from the settled one is this day's shift, which a later statement
 * the same day moves (or undoes, when it returns to the settled state).
 */
function feed(
  t: Track,
  s: number,
  r: number,
  d: number,
  state: number,
  kind: number,
  out: TableBuilder,
): void {
  if (t.day[s] !== d) {
    if (t.day[s] !== NO_DAY) {
      t.before[s] = t.state[s];
      t.beforeRow[s] = t.row[s];
    }
    t.day[s] = d;
    t.entry[s] = -1;
  }
  t.state[s] = state;
  t.row[s] = r;
  const before = t.before[s];
  if (before < 0) return;
  const e = t.entry[s];
  if (state === before) {
    if (e >= 0) {
      out.kind[e] = UNDONE;
      t.entry[s] = -1;
    }
  } else if (e >= 0) out.row[e] = r;
  else t.entry[s] = out.push(kind, r, t.beforeRow[s]);
}

/** Which kinds of series `findShifts` reads. */
export interface ShiftOptions {
  actors?: boolean;
  affiliations?: boolean;
}

/** Tables already found: for every row of a cache, and for the last rows arrays handed in. */
const everyRowTables = new WeakMap<ColumnCache, Map<string, ShiftTable>>();
const rowsTables = new WeakMap<object, { cache: ColumnCache; key: string; table: ShiftTable }>();

/**
 * Every shift in `rows` (ascending, as `filterRows` returns them), per actor and per
 * affiliation, in date order: one pass over the rows. Only the given rows count: with the rows
 * of one actor, an affiliation's series is built from that actor alone. The result for the same
 * rows array (or for every row of the cache) is remembered; rows must not be modified afterwards.
 * Example: Putin -1 (day 10), -1 (day 20), +1c (day 30) on ceasefire -> actor and Russia shifts
 * from the day-20 row to the day-30 row: `{ count: 2, kind: [0, 1], ... }`.
 */
export function findShifts(
  cache: ColumnCache,
  rows: Rows,
  { actors = true, affiliations = true }: ShiftOptions = {},
): ShiftTable {
  const key = `${+actors}${+affiliations}`;
  if (rows.length === cache.n && cache.n > 0) {
    let memo = everyRowTables.get(cache);
    if (!memo) everyRowTables.set(cache, (memo = new Map()));
    let table = memo.get(key);
    if (!table) memo.set(key, (table = scan(cache, rows, actors, affiliations)));
    return table;
  }
  if (typeof rows !== 'object') return scan(cache, rows, actors, affiliations);
  const known = rowsTables.get(rows);
  if (known && known.cache === cache && known.key === key) return known.table;
  const table = scan(cache, rows, actors, affiliations);
  rowsTables.set(rows, { cache, key, table });
  return table;
}

function scan(cache: ColumnCache, rows: Rows, actors: boolean, affiliations: boolean) {
  const pairs = pairIndex(cache);
  const groups = affiliations ? affiliationGroups(cache) : null;
  const byPair = actors ? track(pairs.count) : null;
  const byGroup = groups ? track(groups.count) : null;
  const out = new TableBuilder();
  const { day, stance, flags } = cache;
  const id = pairs.id;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const f = flags[r];
    if (f & FLAG_UNCODED) continue;
    const state = (stance[r] + 2) * 2 + (f & FLAG_CONDITIONAL ? 1 : 0);
    const p = id[r];
    const d = day[r];
    if (byPair) feed(byPair, p, r, d, state, KIND_ACTOR, out);
    if (byGroup) {
      const g = groups!.slotOfPair[p];
      if (g >= 0) feed(byGroup, g, r, d, state, KIND_AFFILIATION, out);
    }
  }
  return out.finish();
}

/**
 * The shifts of one series: `rows` are the statements of one actor on one topic, or of one
 * affiliation's actors on one topic, ascending. What the timeline marks on a band.
 * Rows -1 (day 10), +1 (day 20), +1 (day 30) of Putin on ceasefire -> one shift, at the day-20
 * row, from the day-10 row.
 */
export function seriesShifts(cache: ColumnCache, rows: Rows, kind: ShiftKind = 'actor'): Shift[] {
  const t = track(1);
  const out = new TableBuilder();
  const code = kind === 'actor' ? KIND_ACTOR : KIND_AFFILIATION;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const state = stateCode(cache, r);
    if (state >= 0) feed(t, 0, r, cache.day[r], state, code, out);
  }
  const table = out.finish();
  return Array.from({ length: table.count }, (_, i) => shiftAt(cache, table, i));
}

/**
 * Entry `i` of a shift table as an object.
 * Entry of Putin -1 -> +1c on ceasefire -> `{ kind: 'actor', who: <Putin>, before: -1,
 * after: 1, afterConditional: true, direction: 'softened', size: 2, ... }`.
 */
export function shiftAt(cache: ColumnCache, table: ShiftTable, i: number): Shift {
  const row = table.row[i];
  const fromRow = table.fromRow[i];
  const kind = KINDS[table.kind[i]];
  const actor = cache.actor[row];
  const before = cache.stance[fromRow];
  const after = cache.stance[row];
  const beforeConditional = (cache.flags[fromRow] & FLAG_CONDITIONAL) !== 0;
  const afterConditional = (cache.flags[row] & FLAG_CONDITIONAL) !== 0;
  const move = classifyShift(before, beforeConditional, after, afterConditional)!;
  return {
    kind,
    who: kind === 'actor' ? actor : cache.actorAffiliation[actor],
    topic: cache.topic[row],
    row,
    fromRow,
    before,
    beforeConditional,
    after,
    afterConditional,
    day: cache.day[row],
    fromDay: cache.day[fromRow],
    direction: move.direction,
    size: move.size,
  };
}

/** Direction (as `SHIFT_DIRECTIONS` index: 0 hardened, 1 softened, 2 conditional) of entry `i`. */
export function directionCode(cache: ColumnCache, table: ShiftTable, i: number): number {
  const a = cache.stance[table.row[i]];
  const b = cache.stance[table.fromRow[i]];
  return a < b ? 0 : a > b ? 1 : 2;
}

/** Steps moved by entry `i` of a table, 0..4. */
export function sizeOf(cache: ColumnCache, table: ShiftTable, i: number): number {
  return Math.abs(cache.stance[table.row[i]] - cache.stance[table.fromRow[i]]);
}

/**
 * Does a shift fall in an inclusive date window? When its new statement's period overlaps it,
 * as `filterRows` decides for a statement. A `2024-11` shift is in 15-20 Nov.
 */
export function shiftInWindow(
  cache: ColumnCache,
  row: number,
  from: number | null,
  to: number | null,
): boolean {
  return (to === null || cache.day[row] <= to) && (from === null || cache.end[row] > from);
}
