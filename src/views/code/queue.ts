/**
 * The coding queue's model: which statements it holds, where each one stands in the cache now,
 * how many are coded, where to go next. Pure functions over the column cache.
 *
 * The queue holds statements, not cache rows: coding a statement's topic or date re-sorts the
 * cache, and a coded statement leaves an `uncoded` filter, yet it must stay where the coder left
 * it (so `p` goes back to it). At 1M uncoded statements it is two typed arrays, no strings.
 */
import { FLAG_UNCODED } from '../../domain/types';
import type { ColumnCache } from '../../query/types';
import { neighbours } from '../evidence/evidence';

/**
 * The statements of a queue in queue order, by source position: a statement's place in the
 * stored chunks, which a re-sort of the cache does not change (src/query/text.ts).
 */
export interface Queue {
  sources: Uint32Array;
  /** Queue place of each source position, -1 when not queued. */
  placeOf: Int32Array;
  /** The cache rows at build time, valid while the cache keeps that `day` column. */
  builtDay: Int32Array;
  builtRows: Int32Array;
}

/** True when the cache row is a statement that has no stance yet. */
export function isUncoded(cache: ColumnCache, row: number): boolean {
  return row >= 0 && row < cache.n && (cache.flags[row] & FLAG_UNCODED) !== 0;
}

/**
 * The queue over the filtered rows (cache order, which is date order): the uncoded ones, or with
 * `all` every one of them (to re-code). `buildQueue(cache, [0, 1, 2], false)` with row 1 coded ->
 * the statements of rows 0 and 2.
 */
export function buildQueue(cache: ColumnCache, rows: ArrayLike<number>, all: boolean): Queue {
  const kept = new Int32Array(rows.length);
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (all || (cache.flags[row] & FLAG_UNCODED) !== 0) kept[size++] = row;
  }
  const builtRows = kept.slice(0, size);
  const sources = new Uint32Array(size);
  const placeOf = new Int32Array(cache.n).fill(-1);
  for (let i = 0; i < size; i++) {
    sources[i] = cache.text.sourceOf(builtRows[i]);
    placeOf[sources[i]] = i;
  }
  return { sources, placeOf, builtDay: cache.day, builtRows };
}

/**
 * Each queued statement's cache row now. The same rows while the cache keeps its `day` column (a
 * stance edit changes the cache in place); after a date or name edit re-sorted it, one pass.
 */
export function rowLookup(): (cache: ColumnCache, queue: Queue) => Int32Array {
  let last: { day: Int32Array; queue: Queue; rows: Int32Array } | null = null;
  return (cache, queue) => {
    if (cache.day === queue.builtDay) return queue.builtRows;
    if (last && last.day === cache.day && last.queue === queue) return last.rows;
    const rowOfSource = new Int32Array(cache.n);
    for (let r = 0; r < cache.n; r++) rowOfSource[cache.text.sourceOf(r)] = r;
    const rows = Int32Array.from(queue.sources, (g) => rowOfSource[g]);
    last = { day: cache.day, queue, rows };
    return rows;
  };
}

/** The queue place of a statement id, -1 when it is not queued (one search of the ids). */
export function placeOfId(cache: ColumnCache, queue: Queue, id: string | null): number {
  const row = id === null ? -1 : cache.text.find('id', id);
  return row < 0 ? -1 : (queue.placeOf[cache.text.sourceOf(row)] ?? -1);
}

/** How many of the queued statements are coded now. */
export function codedCount(cache: ColumnCache, rows: Int32Array): number {
  const flags = cache.flags;
  let n = 0;
  for (let i = 0; i < rows.length; i++) if ((flags[rows[i]] & FLAG_UNCODED) === 0) n++;
  return n;
}

/**
 * The place of the next uncoded statement after `from`, wrapping round to the start, skipping
 * the places in `skip` (codes still being saved); -1 when none is left.
 * Queue places [coded, uncoded, coded, uncoded], from 1 -> 3; from 3 -> 1.
 */
export function nextUncoded(
  cache: ColumnCache,
  rows: Int32Array,
  from: number,
  skip: ReadonlySet<number> = new Set(),
): number {
  const n = rows.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + step) % n) + n) % n;
    if (isUncoded(cache, rows[i]) && !skip.has(i)) return i;
  }
  return -1;
}

/**
 * Where the queue opens: at `at` when it is queued, else at the first uncoded statement (or the
 * first of all); `missing` when `at` was asked for and is not in the queue.
 */
export function startPlace(
  cache: ColumnCache,
  queue: Queue,
  rows: Int32Array,
  at: string | null,
): { place: number; missing: boolean } {
  const found = placeOfId(cache, queue, at);
  if (found !== -1) return { place: found, missing: false };
  if (rows.length === 0) return { place: -1, missing: at !== null };
  const first = nextUncoded(cache, rows, -1);
  return { place: first === -1 ? 0 : first, missing: at !== null };
}

/**
 * The same actor's nearest coded statements on the same topic before and after the row (-1 when
 * none), so the coder sees the trajectory the new code fits into.
 */
export function trajectory(cache: ColumnCache, row: number): { before: number; after: number } {
  const { earlier, later } = neighbours(cache, row);
  return {
    before: earlier.find((r) => !isUncoded(cache, r)) ?? -1,
    after: later.find((r) => !isUncoded(cache, r)) ?? -1,
  };
}

/** Most topics offered under the topic field; a long dictionary is narrowed by what is typed. */
export const MAX_SUGGESTIONS = 200;

/**
 * The topics offered while typing one: all of them when few, else those holding the typed text
 * (any case), at most MAX_SUGGESTIONS. `topicSuggestions(['ceasefire', 'sanctions'], 'CEASE')` ->
 * both (few); with thousands of topics, only the ones containing `cease`.
 */
export function topicSuggestions(topics: readonly string[], typed: string): readonly string[] {
  if (topics.length <= MAX_SUGGESTIONS) return topics;
  const needle = typed.trim().toLowerCase();
  const out: string[] = [];
  for (const t of topics) {
    if (t.toLowerCase().includes(needle)) out.push(t);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}
