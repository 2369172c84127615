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
import { bisectLeft } from 'd3-array';
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import { affiliationGroups } from './affiliation-groups';
import {
  feed,
  KIND_ACTOR,
  KIND_AFFILIATION,
  scan,
  TableBuilder,
  track,
  type ShiftTable,
} from './shift-table';
import { pairRows } from './pair-rows';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

export { KIND_ACTOR, KIND_AFFILIATION, type ShiftTable };

export type ShiftKind = 'actor' | 'affiliation';
export type ShiftDirection = 'hardened' | 'softened' | 'conditional';
export const SHIFT_DIRECTIONS: readonly ShiftDirection[] = ['hardened', 'softened', 'conditional'];
/** The largest move on the scale: strongly oppose to strongly support. */
export const MAX_SHIFT_SIZE = 4;

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
  const every = rows.length === cache.n && cache.n > 0;
  const options = { actors, affiliations };
  if (every) {
    let memo = everyRowTables.get(cache);
    if (!memo) everyRowTables.set(cache, (memo = new Map()));
    let table = memo.get(key);
    if (!table) {
      const before = cache.edited && everyRowTables.get(cache.edited.from)?.get(key);
      table = before
        ? patchTable(cache, before, cache.edited!.rows, null, options)
        : scan(cache, rows, options);
      memo.set(key, table);
    }
    return table;
  }
  if (typeof rows !== 'object') return scan(cache, rows, options);
  const known = rowsTables.get(rows);
  if (known && known.cache === cache && known.key === key) return known.table;
  // The same rows array after an edit of stances only (filterRows hands it back): patched.
  const table =
    known && known.key === key && known.cache === cache.edited?.from
      ? patchTable(cache, known.table, cache.edited.rows, rows, options)
      : scan(cache, rows, options);
  rowsTables.set(rows, { cache, key, table });
  return table;
}

/**
 * `before` (the table of `rows`, or of every row when null) after the stances of `edited` rows
 * changed: the entries of their actor and affiliation series are found again from those series'
 * rows alone and merged back in table order, as a scan of every row would place them.
 */
function patchTable(
  cache: ColumnCache,
  before: ShiftTable,
  edited: Uint32Array,
  rows: Rows | null,
  options: { actors: boolean; affiliations: boolean },
): ShiftTable {
  const pairs = pairIndex(cache);
  const slot = affiliationGroups(cache).slotOfPair;
  const id = pairs.id;
  const pairMask = new Uint8Array(pairs.count);
  const groupMask = new Uint8Array(affiliationGroups(cache).count);
  for (const r of edited) {
    if (options.actors) pairMask[id[r]] = 1;
    if (options.affiliations && slot[id[r]] >= 0) groupMask[slot[id[r]]] = 1;
  }
  // The rows of every touched series, ascending.
  const { start, order } = pairRows(cache);
  const parts: Uint32Array[] = [];
  let n = 0;
  for (let p = 0; p < pairs.count; p++) {
    if (!pairMask[p] && !(slot[p] >= 0 && groupMask[slot[p]])) continue;
    parts.push(order.subarray(start[p], start[p + 1]));
    n += start[p + 1] - start[p];
  }
  let sub = new Uint32Array(n);
  n = 0;
  for (const part of parts) {
    sub.set(part, n);
    n += part.length;
  }
  sub.sort();
  if (rows) sub = sub.filter((r) => rows[bisectLeft(rows, r)] === r);
  const found = scan(cache, sub, { ...options, pairs: pairMask, groups: groupMask });

  // The touched series' entries are found from their rows (`at` is ascending), not by reading
  // every entry's series: at 1M rows a table holds ~1.6M entries, and that read took ~30 ms.
  const { kind: bk, row: br, fromRow: bf, at: ba, count: bc } = before;
  const { kind: fk, row: fr, fromRow: ff, at: fa, count: fc } = found;
  const removed: number[] = [];
  for (let k = 0; k < sub.length; k++) {
    if (k > 0 && sub[k] === sub[k - 1]) continue;
    for (let i = bisectLeft(ba, sub[k], 0, bc); i < bc && ba[i] === sub[k]; i++) {
      const p = id[br[i]];
      const g = slot[p];
      if (bk[i] === KIND_ACTOR ? pairMask[p] === 1 : g >= 0 && groupMask[g] === 1) removed.push(i);
    }
  }
  /** Where found entry `j` goes among the old entries: before the first that sorts after it. */
  const placeOf = (j: number) => {
    let i = bisectLeft(ba, fa[j], 0, bc);
    while (i < bc && ba[i] === fa[j] && bk[i] < fk[j]) i++;
    return i;
  };
  const size = bc - removed.length + fc;
  const kind = new Uint8Array(size);
  const row = new Uint32Array(size);
  const fromRow = new Uint32Array(size);
  const at = new Uint32Array(size);
  let e = 0;
  /** Copies old entries `from .. to - 1`, unchanged between two changes, in one piece. */
  const copy = (from: number, to: number) => {
    if (to <= from) return;
    kind.set(bk.subarray(from, to), e);
    row.set(br.subarray(from, to), e);
    fromRow.set(bf.subarray(from, to), e);
    at.set(ba.subarray(from, to), e);
    e += to - from;
  };
  let cur = 0;
  let x = 0;
  for (let j = 0; j <= fc; j++) {
    const place = j < fc ? placeOf(j) : bc;
    for (; x < removed.length && removed[x] < place; x++) {
      copy(cur, removed[x]);
      cur = removed[x] + 1;
    }
    copy(cur, place);
    cur = Math.max(cur, place);
    if (j === fc) break;
    kind[e] = fk[j];
    row[e] = fr[j];
    fromRow[e] = ff[j];
    at[e++] = fa[j];
  }
  return {
    count: e,
    kind: kind.subarray(0, e),
    row: row.subarray(0, e),
    fromRow: fromRow.subarray(0, e),
    at: at.subarray(0, e),
  };
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
