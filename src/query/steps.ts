/**
 * "Stance is a state": a statement sets an actor's stance on a topic from its day until the next
 * statement on that (actor, topic) pair. These functions read rows as `filterRows` returns them:
 * ascending, which is date order. Among statements of one pair on the same day, the later row
 * wins (file order, then dataset order), everywhere: steps, as-of cells, shifts and agreement.
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import { everyRow, laneOrder, type LaneOrder } from './lanes';
import type { ColumnCache, Rows } from './types';

/** Dense ids of the (actor, topic) pairs present in a cache, in (actor, topic) code order. */
export interface PairIndex {
  /** Pair id of each row. */
  id: Uint32Array;
  actor: Uint32Array;
  topic: Uint32Array;
  count: number;
  /** The rows grouped by pair (`pairRows` in pair-rows.ts), once asked for. */
  rows?: { start: Uint32Array; order: Uint32Array };
}

const pairsByCache = new WeakMap<ColumnCache, PairIndex>();

/** Past this many possible (actor, topic) keys, `pairIndex` hashes instead of using a table. */
const DENSE_PAIR_KEYS = 1 << 21;

/**
 * The pair id of every row, built once per cache so that per-call state is a few arrays the size
 * of the pair count, with no hashing in the hot loops. Ids follow (actor, topic) code order,
 * which is alphabetical, so iterating ids gives sorted output for free.
 * Example: rows (Putin, talks), (Biden, talks), (Putin, ceasefire) -> ids `[2, 0, 1]`.
 */
export function pairIndex(cache: ColumnCache): PairIndex {
  let index = pairsByCache.get(cache);
  if (index) return index;
  index = computePairIndex(cache);
  pairsByCache.set(cache, index);
  return index;
}

/** Hands `from`'s pair index to `to`, a copy with the same actors, topics and row order. */
export function carryPairIndex(from: ColumnCache, to: ColumnCache): void {
  const index = pairsByCache.get(from);
  if (index) pairsByCache.set(to, index);
}

/**
 * `pairIndex` without the per-cache memo: through a table over every possible (actor, topic) key
 * while there are at most `denseLimit` of them, else by sorting the rows (same result).
 */
export function computePairIndex(cache: ColumnCache, denseLimit = DENSE_PAIR_KEYS): PairIndex {
  const nT = Math.max(1, cache.topics.length);
  const keys = cache.actors.length * nT;
  return keys <= denseLimit ? densePairs(cache, nT, keys) : sortedPairs(cache, nT);
}

/** `pairIndex` through a table over every possible key: two passes, no hashing or sorting. */
function densePairs(cache: ColumnCache, nT: number, keys: number): PairIndex {
  const idOfKey = new Int32Array(keys);
  for (let i = 0; i < cache.n; i++) idOfKey[cache.actor[i] * nT + cache.topic[i]] = 1;
  let count = 0;
  for (let k = 0; k < keys; k++) if (idOfKey[k]) count++;
  const actor = new Uint32Array(count);
  const topic = new Uint32Array(count);
  let next = 0;
  for (let k = 0; k < keys; k++) {
    if (!idOfKey[k]) continue;
    actor[next] = Math.floor(k / nT);
    topic[next] = k % nT;
    idOfKey[k] = next++;
  }
  const id = new Uint32Array(cache.n);
  for (let i = 0; i < cache.n; i++) id[i] = idOfKey[cache.actor[i] * nT + cache.topic[i]];
  return { id, actor, topic, count };
}

/** `order` stably sorted by `key[order[i]]` in `0..k-1` (a counting sort). */
function byKey(order: Uint32Array, key: Uint32Array, k: number): Uint32Array {
  const start = new Uint32Array(k + 1);
  for (let i = 0; i < order.length; i++) start[key[order[i]] + 1]++;
  for (let b = 1; b <= k; b++) start[b] += start[b - 1];
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) out[start[key[order[i]]]++] = order[i];
  return out;
}

/**
 * `pairIndex` for huge dictionaries, where a table over every key would not fit: the rows
 * sorted by (actor, topic) with two counting sorts, each run of equal pairs one id. It replaced
 * a hash map that took 100-180 ms of one task at 111,000 actors x 5,000 topics.
 */
function sortedPairs(cache: ColumnCache, nT: number): PairIndex {
  const n = cache.n;
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const sorted = byKey(byKey(rows, cache.topic, nT), cache.actor, Math.max(1, cache.actors.length));
  const id = new Uint32Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const r = sorted[k];
    const prev = k > 0 ? sorted[k - 1] : -1;
    if (prev < 0 || cache.actor[prev] !== cache.actor[r] || cache.topic[prev] !== cache.topic[r]) {
      count++;
    }
    id[r] = count - 1;
  }
  const actor = new Uint32Array(count);
  const topic = new Uint32Array(count);
  for (let k = 0; k < n; k++) {
    const r = sorted[k];
    actor[id[r]] = cache.actor[r];
    topic[id[r]] = cache.topic[r];
  }
  return { id, actor, topic, count };
}

/**
 * The step series of the pairs in some lanes, flat: series `s` owns steps
 * `start[s] .. start[s + 1]`, in date order. A step is its row (stance and flags are read from
 * the cache) and its start day; it lasts until the next step of its series starts, or to the end
 * for the last one. Series come lane by lane, by the other dimension's code inside each.
 */
export interface StepTable {
  /** Number of series. */
  count: number;
  actor: Uint32Array;
  topic: Uint32Array;
  start: Uint32Array;
  /** The `k`-th lane of the table owns series `laneSeries[k] .. laneSeries[k + 1]`. */
  laneSeries: Uint32Array;
  /** The statement behind each step. */
  row: Uint32Array;
  /** Start day of each step (`cache.day[row]`), contiguous for binary search while drawing. */
  from: Int32Array;
  /**
   * Shifts (see `shifts`) before each step: `shiftRank[i]` counts the shifts among steps
   * `0 .. i - 1`, so step `i` is a shift when `shiftRank[i + 1] > shiftRank[i]` and any range of
   * steps has its shift count in two reads. One longer than `row`.
   */
  shiftRank: Uint32Array;
}

const isConditional = (cache: ColumnCache, r: number) => (cache.flags[r] & FLAG_CONDITIONAL) !== 0;

/** A state code: stance and conditional flag in one small integer, `0..9`. */
const stateCode = (cache: ColumnCache, r: number) =>
  (cache.stance[r] + 2) * 2 + (cache.flags[r] & FLAG_CONDITIONAL ? 1 : 0);

/**
 * Per other-dimension code scratch of `stepTable`, reused between calls (the timeline builds one
 * lane at a time as lanes scroll into view): first slot, write cursor (a count at first; all
 * zero between calls), day of the latest step, state codes of the latest and the settled step.
 */
let scratch = {
  base: new Uint32Array(0),
  next: new Uint32Array(0),
  lastDay: new Int32Array(0),
  latest: new Int8Array(0),
  settled: new Int8Array(0),
};

/**
 * The carried-forward stance of every (actor, topic) pair in lanes `first .. end - 1` of a
 * `LaneOrder` as a `StepTable`: its steps, and which of them are shifts, in a few typed arrays
 * (no object per step or shift). Working from lanes lets the timeline build only the lanes it
 * shows. Same-day statements of a pair make one step: the later row's.
 * Example: Putin/ceasefire rows 0 (day 10, -1), 1 (day 30, 0), 2 (day 30, +1) ->
 * `{ count: 1, start: [0, 2], row: [0, 2], from: [10, 30], shiftRank: [0, 0, 1] }`.
 */
export function stepTable(
  cache: ColumnCache,
  lanes: LaneOrder,
  first = 0,
  end = lanes.lanes.length,
): StepTable {
  const { order, day } = lanes;
  const byActor = lanes.by === 'actor';
  const others = byActor ? cache.topic : cache.actor;
  const nOther = byActor ? cache.topics.length : cache.actors.length;
  if (scratch.next.length < nOther) {
    scratch = {
      base: new Uint32Array(nOther),
      next: new Uint32Array(nOther),
      lastDay: new Int32Array(nOther),
      latest: new Int8Array(nOther),
      settled: new Int8Array(nOther),
    };
  }
  const { base, next, lastDay, latest, settled } = scratch;
  const offset = lanes.start[first];
  const n = lanes.start[end] - offset;
  const row = new Uint32Array(n);
  const from = new Int32Array(n);
  const shift = new Uint8Array(n);
  // At most one series per row.
  const cap = n;
  const actor = new Uint32Array(cap);
  const topic = new Uint32Array(cap);
  const start = new Uint32Array(cap + 1);
  const laneSeries = new Uint32Array(end - first + 1);
  const NONE = -2147483648;
  const touched: number[] = [];
  let s = 0;
  let at = 0;
  for (let i = first; i < end; i++) {
    // The lane's entries of `order`, as positions in this table's arrays.
    const a = lanes.start[i] - offset;
    const b = lanes.start[i + 1] - offset;
    touched.length = 0;
    for (let j = a; j < b; j++) {
      const o = others[order[j + offset]];
      if (next[o]++ === 0) touched.push(o);
    }
    touched.sort((x, y) => x - y);
    // Each series gets a slot range as long as its rows inside the lane's own range.
    let w = a;
    for (const o of touched) {
      const c = next[o];
      base[o] = next[o] = w;
      w += c;
      lastDay[o] = NONE;
      settled[o] = -1;
    }
    for (let j = a; j < b; j++) {
      const r = order[j + offset];
      const o = others[r];
      const d = day[j + offset];
      const p = next[o];
      const last = lastDay[o];
      if (last === d) {
        // The later of same-day statements replaces the step.
        row[p - 1] = r;
        latest[o] = stateCode(cache, r);
        continue;
      }
      lastDay[o] = d;
      if (last !== NONE) {
        // A new day: the previous step is final, and a shift when its state differs from the one
        // before it.
        if (settled[o] !== -1 && settled[o] !== latest[o]) shift[p - 1] = 1;
        settled[o] = latest[o];
      }
      row[p] = r;
      from[p] = d;
      latest[o] = stateCode(cache, r);
      next[o] = p + 1;
    }
    // Settle each series' last step and close the gaps left by same-day statements.
    laneSeries[i - first] = s;
    const code = lanes.lanes[i].code;
    for (const o of touched) {
      const stop = next[o];
      next[o] = 0;
      if (settled[o] !== -1 && settled[o] !== latest[o]) shift[stop - 1] = 1;
      if (at !== base[o]) {
        row.copyWithin(at, base[o], stop);
        from.copyWithin(at, base[o], stop);
        shift.copyWithin(at, base[o], stop);
      }
      actor[s] = byActor ? code : o;
      topic[s] = byActor ? o : code;
      start[s++] = at;
      at += stop - base[o];
    }
  }
  laneSeries[end - first] = s;
  start[s] = at;
  const shiftRank = new Uint32Array(at + 1);
  for (let i = 0; i < at; i++) shiftRank[i + 1] = shiftRank[i] + shift[i];
  return {
    count: s,
    actor: actor.subarray(0, s),
    topic: topic.subarray(0, s),
    start: start.subarray(0, s + 1),
    laneSeries,
    row: row.subarray(0, at),
    from: from.subarray(0, at),
    shiftRank,
  };
}

/**
 * How many shifts `rows` hold (the length of `shifts(cache, rows)`), in one pass that keeps a
 * state code per pair and builds nothing else: the timeline's summary needs the count on every
 * filter change, the shifts themselves only for the lanes in view.
 * Example: -1 (day 10), -1 (day 20), +1 (day 30) on one pair -> 1.
 */
export function shiftCount(cache: ColumnCache, rows: Rows): number {
  if (rows.length !== cache.n || cache.n === 0) return countShifts(cache, rows);
  const memo = everyRow(cache);
  return (memo.shifts ??= countShifts(cache, rows));
}

/** `shiftCount` without the every-row memo: a pair's same-day statements are adjacent (rows are
 * sorted by day, actor, topic), the last coded one sets the day's state, uncoded ones none. */
function countShifts(cache: ColumnCache, rows: Rows): number {
  const pairs = pairIndex(cache);
  const id = pairs.id;
  const { day, stance, flags } = cache;
  const last = new Int8Array(pairs.count).fill(-1);
  const n = rows.length;
  let total = 0;
  for (let k = 0; k < n;) {
    const p = id[rows[k]];
    const d = day[rows[k]];
    let state = -1;
    for (; k < n && id[rows[k]] === p && day[rows[k]] === d; k++) {
      const r = rows[k];
      if (!(flags[r] & FLAG_UNCODED))
        state = (stance[r] + 2) * 2 + (flags[r] & FLAG_CONDITIONAL ? 1 : 0);
    }
    if (state < 0) continue;
    const before = last[p];
    last[p] = state;
    if (before !== -1 && before !== state) total++;
  }
  return total;
}

/** The rows of series `s`'s steps, in date order (a view, not a copy). */
export function seriesRows(table: StepTable, s: number): Uint32Array {
  return table.row.subarray(table.start[s], table.start[s + 1]);
}

export interface Shift {
  actor: number;
  topic: number;
  /** The statement that changed the stance. */
  row: number;
  /** The statement whose stance held before. */
  fromRow: number;
  before: number;
  after: number;
  beforeConditional: boolean;
  afterConditional: boolean;
  /** Start day of `row`. */
  day: number;
  /** Sign of `after - before`; 0 when only the conditional flag changed. */
  direction: 1 | -1 | 0;
}

/**
 * The shift from the state `fromRow` set to the one `row` set.
 * A -1 row then a conditional +1 row -> `{ before: -1, after: 1, afterConditional: true,
 * direction: 1, ... }`.
 */
export function makeShift(cache: ColumnCache, row: number, fromRow: number): Shift {
  const { stance } = cache;
  return {
    actor: cache.actor[row],
    topic: cache.topic[row],
    row,
    fromRow,
    before: stance[fromRow],
    after: stance[row],
    beforeConditional: isConditional(cache, fromRow),
    afterConditional: isConditional(cache, row),
    day: cache.day[row],
    direction: Math.sign(stance[row] - stance[fromRow]) as 1 | -1 | 0,
  };
}

/**
 * Every change of a pair's state from one step to the next, in date order. Conditional support
 * is its own state: plain +1 -> conditional +1 is a shift with direction 0. Repeating a stance is
 * not a shift, and same-day statements count as one (the later row).
 * Example: -1 on day 10, -1 on day 20, +1 on day 30 -> one shift `{ day: 30, before: -1,
 * after: 1, direction: 1 }`.
 */
export function shifts(cache: ColumnCache, rows: Rows): Shift[] {
  const table = stepTable(cache, laneOrder(cache, rows, 'actor'));
  const found: number[] = [];
  for (let i = 0; i < table.row.length; i++) {
    if (table.shiftRank[i + 1] > table.shiftRank[i]) found.push(i);
  }
  // Rows are numbered in date order, so sorting the steps by row puts the shifts in date order.
  found.sort((x, y) => table.row[x] - table.row[y]);
  return found.map((i) => makeShift(cache, table.row[i], table.row[i - 1]));
}
