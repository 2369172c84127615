/**
 * "Stance is a state": a statement sets an actor's stance on a topic from its day until the next
 * statement on that (actor, topic) pair. These functions read rows as `filterRows` returns them:
 * ascending, which is date order. Among statements of one pair on the same day, the later row
 * wins (file order, then dataset order), everywhere: steps, as-of cells, shifts and agreement.
 */
import { FLAG_CONDITIONAL } from '../domain/types';
import { compareNames } from './cache';
import type { ColumnCache } from './types';

/** Row indices, as `filterRows` returns them (a Uint32Array) or a plain array. */
export type Rows = ArrayLike<number>;

/** Dense ids of the (actor, topic) pairs present in a cache, in (actor, topic) code order. */
export interface PairIndex {
  /** Pair id of each row. */
  id: Uint32Array;
  actor: Uint32Array;
  topic: Uint32Array;
  count: number;
}

const pairsByCache = new WeakMap<ColumnCache, PairIndex>();

/**
 * The pair id of every row, built once per cache so that per-call state is a few arrays the size
 * of the pair count, with no hashing in the hot loops. Ids follow (actor, topic) code order,
 * which is alphabetical, so iterating ids gives sorted output for free.
 */
export function pairIndex(cache: ColumnCache): PairIndex {
  let index = pairsByCache.get(cache);
  if (index) return index;
  const nT = Math.max(1, cache.topics.length);
  const provisional = new Map<number, number>();
  const tmp = new Uint32Array(cache.n);
  const keys: number[] = [];
  for (let i = 0; i < cache.n; i++) {
    const key = cache.actor[i] * nT + cache.topic[i];
    let p = provisional.get(key);
    if (p === undefined) {
      p = keys.length;
      provisional.set(key, p);
      keys.push(key);
    }
    tmp[i] = p;
  }
  const byKey = keys.map((_, p) => p).sort((x, y) => keys[x] - keys[y]);
  const final = new Uint32Array(keys.length);
  const actor = new Uint32Array(keys.length);
  const topic = new Uint32Array(keys.length);
  byKey.forEach((p, id) => {
    final[p] = id;
    actor[id] = Math.floor(keys[p] / nT);
    topic[id] = keys[p] % nT;
  });
  for (let i = 0; i < cache.n; i++) tmp[i] = final[tmp[i]];
  index = { id: tmp, actor, topic, count: keys.length };
  pairsByCache.set(cache, index);
  return index;
}

export interface Lane {
  /** The actor's or topic's name. */
  key: string;
  code: number;
  /** The actor's usual affiliation; '' for topics and for actors without one. */
  affiliation: string;
  /** The lane's rows, ascending. */
  rows: number[];
}

/**
 * One lane per actor (or topic) present in `rows`, grouped by affiliation (alphabetical, no
 * affiliation last) and then by name, so allies sit next to each other on the timeline.
 * Example: Lavrov (Russia), Biden (United States), Putin (Russia), Pope ('') ->
 * Lavrov, Putin, Biden, Pope.
 */
export function lanes(cache: ColumnCache, rows: Rows, by: 'actor' | 'topic'): Lane[] {
  const codes = by === 'actor' ? cache.actor : cache.topic;
  const dict = by === 'actor' ? cache.actors : cache.topics;
  // Two passes: count each code's rows, then fill arrays of exactly that size. At 1M rows this
  // is about twice as fast as growing each lane's array one push at a time.
  const count = new Uint32Array(dict.length);
  for (let k = 0; k < rows.length; k++) count[codes[rows[k]]]++;
  const slot = new Int32Array(dict.length).fill(-1);
  const fill = new Uint32Array(dict.length);
  const result: Lane[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const c = codes[r];
    let s = slot[c];
    if (s < 0) {
      s = slot[c] = result.length;
      const aff = by === 'actor' ? cache.actorAffiliation[c] : -1;
      result.push({
        key: dict[c],
        code: c,
        affiliation: aff >= 0 ? cache.affiliations[aff] : '',
        rows: new Array<number>(count[c]),
      });
    }
    result[s].rows[fill[c]++] = r;
  }
  return result.sort(
    (x, y) =>
      Number(x.affiliation === '') - Number(y.affiliation === '') ||
      compareNames(x.affiliation, y.affiliation) ||
      compareNames(x.key, y.key) ||
      x.code - y.code,
  );
}

export interface Step {
  /** Start day of the statement that set this state. */
  from: number;
  /** Start day of the next statement on the pair; null when the state holds to the end. */
  to: number | null;
  stance: number;
  conditional: boolean;
  /** The statement behind the step. */
  row: number;
}

export interface Series {
  actor: number;
  topic: number;
  steps: Step[];
}

const isConditional = (cache: ColumnCache, r: number) => (cache.flags[r] & FLAG_CONDITIONAL) !== 0;

/**
 * The carried-forward stance of every (actor, topic) pair in `rows`, as steps, ordered by actor
 * then topic. Same-day statements of a pair make one step: the later row's.
 * Example: Putin/ceasefire said -1 on day 10 and +1 on day 30 ->
 * `[{ from: 10, to: 30, stance: -1 }, { from: 30, to: null, stance: 1 }]`.
 */
export function stepSeries(cache: ColumnCache, rows: Rows): Series[] {
  const pairs = pairIndex(cache);
  const byPair: (Series | undefined)[] = new Array(pairs.count);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const p = pairs.id[r];
    const d = cache.day[r];
    let series = byPair[p];
    if (!series) series = byPair[p] = { actor: pairs.actor[p], topic: pairs.topic[p], steps: [] };
    const steps = series.steps;
    const last = steps[steps.length - 1];
    const step = {
      from: d,
      to: null,
      stance: cache.stance[r],
      conditional: isConditional(cache, r),
      row: r,
    };
    if (last && last.from === d) steps[steps.length - 1] = step;
    else {
      if (last) last.to = d;
      steps.push(step);
    }
  }
  return byPair.filter((s): s is Series => s !== undefined);
}

export interface MatrixCell {
  actor: number;
  topic: number;
  /** The latest statement on or before the date. */
  row: number;
  stance: number;
  conditional: boolean;
  /** Statements of the pair on or before the date: the evidence count. */
  count: number;
  /** Days from the latest statement's start to the date. */
  ageDays: number;
  /** `ageDays > staleDays`: exactly `staleDays` old is still fresh. */
  stale: boolean;
}

/**
 * The stance of every pair as of `day`: its latest statement starting on or before that day, how
 * many statements back it, and how old it is. Pairs with nothing yet are left out. Cells are
 * ordered by actor then topic. Rows must be ascending (date order), so the scan stops at `day`.
 * Example: statements on days 10 (-1) and 30 (+1), `asOf(c, rows, 40, 7)` ->
 * `{ stance: 1, count: 2, ageDays: 10, stale: true }`.
 */
export function asOf(cache: ColumnCache, rows: Rows, day: number, staleDays: number): MatrixCell[] {
  const pairs = pairIndex(cache);
  const latest = new Int32Array(pairs.count).fill(-1);
  const count = new Uint32Array(pairs.count);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (cache.day[r] > day) break;
    const p = pairs.id[r];
    latest[p] = r;
    count[p]++;
  }
  const cells: MatrixCell[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const r = latest[p];
    if (r < 0) continue;
    const ageDays = day - cache.day[r];
    cells.push({
      actor: pairs.actor[p],
      topic: pairs.topic[p],
      row: r,
      stance: cache.stance[r],
      conditional: isConditional(cache, r),
      count: count[p],
      ageDays,
      stale: ageDays > staleDays,
    });
  }
  return cells;
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
 * Every change of a pair's state from one step to the next, in date order. Conditional support
 * is its own state: plain +1 -> conditional +1 is a shift with direction 0. Repeating a stance is
 * not a shift, and same-day statements count as one (the later row).
 * Example: -1 on day 10, -1 on day 20, +1 on day 30 -> one shift `{ day: 30, before: -1,
 * after: 1, direction: 1 }`.
 */
export function shifts(cache: ColumnCache, rows: Rows): Shift[] {
  const pairs = pairIndex(cache);
  const { day, stance } = cache;
  // The state each pair was last in: the row that set it.
  const last = new Int32Array(pairs.count).fill(-1);
  const result: Shift[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const p = pairs.id[r];
    // Rows are sorted by (day, actor, topic), so a pair's same-day statements are adjacent:
    // only the last of them sets the state.
    if (k + 1 < rows.length) {
      const q = rows[k + 1];
      if (pairs.id[q] === p && day[q] === day[r]) continue;
    }
    const a = last[p];
    last[p] = r;
    if (a < 0) continue;
    const beforeConditional = isConditional(cache, a);
    const afterConditional = isConditional(cache, r);
    if (stance[a] === stance[r] && beforeConditional === afterConditional) continue;
    result.push({
      actor: pairs.actor[p],
      topic: pairs.topic[p],
      row: r,
      fromRow: a,
      before: stance[a],
      after: stance[r],
      beforeConditional,
      afterConditional,
      day: day[r],
      direction: Math.sign(stance[r] - stance[a]) as 1 | -1 | 0,
    });
  }
  return result;
}

export interface CompareCell {
  actor: number;
  topic: number;
  a?: MatrixCell;
  b?: MatrixCell;
  /** Sign of `b.stance - a.stance`; null when the pair has no stance on one of the dates. */
  shift: -1 | 0 | 1 | null;
}

/**
 * Who shifted between two dates: the as-of cells at `dayA` and `dayB` side by side, for every
 * pair that has a stance on either date, ordered by actor then topic.
 * Example: -1 on day 10, +1 on day 30; `compareAsOf(c, rows, 15, 35, 90)` -> `shift: 1`.
 */
export function compareAsOf(
  cache: ColumnCache,
  rows: Rows,
  dayA: number,
  dayB: number,
  staleDays: number,
): CompareCell[] {
  const left = asOf(cache, rows, dayA, staleDays);
  const right = asOf(cache, rows, dayB, staleDays);
  const nT = Math.max(1, cache.topics.length);
  const key = (c: MatrixCell) => c.actor * nT + c.topic;
  const result: CompareCell[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const ka = i < left.length ? key(left[i]) : Infinity;
    const kb = j < right.length ? key(right[j]) : Infinity;
    if (ka === kb) {
      const a = left[i++];
      const b = right[j++];
      const shift = Math.sign(b.stance - a.stance) as -1 | 0 | 1;
      result.push({ actor: a.actor, topic: a.topic, a, b, shift });
    } else if (ka < kb) {
      const a = left[i++];
      result.push({ actor: a.actor, topic: a.topic, a, shift: null });
    } else {
      const b = right[j++];
      result.push({ actor: b.actor, topic: b.topic, b, shift: null });
    }
  }
  return result;
}
