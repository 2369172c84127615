/**
 * Per (actor, topic) pair and per (affiliation, topic) group, the latest statement and the count
 * as of a day, read from an index of the rows kept between calls so scrubbing the date is cheap.
 */
import { affiliationGroups } from './affiliation-groups';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

/**
 * What `matrixModel` keeps about one rows array, so that moving the as-of or compare date over
 * the same rows (the scrubber, Play) costs a binary search per pair instead of a scan of every
 * row. Built on the second call with the same rows: a filter change pays one scan only.
 */
export interface RowsIndex {
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

/**
 * Hands `from`'s index of every row to `to`, a copy over the same days, names and row order whose
 * stances or text changed: the index holds rows and days, never a stance.
 */
export function carryAllRowsIndex(from: ColumnCache, to: ColumnCache): void {
  const index = allRowsIndexes.get(from);
  if (index) allRowsIndexes.set(to, index);
}

/** Latest row and count per pair as of a day; -1 / 0 where nothing was said yet. */
export interface PairState {
  latest: Int32Array;
  count: Uint32Array;
}

/**
 * One pass over the rows: statements per pair, and the latest row and count per pair as of each
 * of the given days. Rows are ascending, so the last row seen is the latest (the later row wins
 * a same-day tie).
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
export function pairStates(cache: ColumnCache, rows: Rows, days: number[]) {
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
 * the group's pairs (the highest row, so the later row wins a same-day tie) and the
 * sum of their counts. Keyed by group slot; -1 where nothing was said yet.
 * Example: Putin +1c in 2024-11, Lavrov -2 on 2024-12-26: as of 2024-12-31 Russia/ceasefire ->
 * Lavrov's row, count 2.
 */
export function groupState(cache: ColumnCache, index: RowsIndex, state: PairState): PairState {
  const groups = affiliationGroups(cache);
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
