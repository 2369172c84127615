/**
 * The coding queue's model: which statements it holds, where each one stands in the cache now,
 * how many are coded, where to go next. Pure functions over the column cache.
 *
 * The queue holds statement ids, not cache rows: coding a statement's topic or date re-sorts the
 * cache, and a coded statement leaves an `uncoded` filter, yet it must stay where the coder left
 * it (so `p` goes back to it).
 */
import { FLAG_UNCODED } from '../../domain/types';
import { rowsOfIds } from '../../query/edit-overlay';
import type { ColumnCache } from '../../query/types';
import { neighbours } from '../evidence/evidence';

/** The statement ids of a queue, in date order, and each id's place in it. */
export interface Queue {
  ids: string[];
  place: Map<string, number>;
}

/** True when the cache row is a statement that has no stance yet. */
export function isUncoded(cache: ColumnCache, row: number): boolean {
  return row >= 0 && row < cache.n && (cache.flags[row] & FLAG_UNCODED) !== 0;
}

/**
 * The queue over the filtered rows (cache order, which is date order): the uncoded ones, or with
 * `all` every one of them (to re-code). `buildQueue(cache, [0, 1, 2], false)` with row 1 coded ->
 * the ids of rows 0 and 2.
 */
export function buildQueue(cache: ColumnCache, rows: ArrayLike<number>, all: boolean): Queue {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (all || isUncoded(cache, row)) ids.push(cache.text.get('id', row));
  }
  return { ids, place: new Map(ids.map((id, i) => [id, i])) };
}

/**
 * Each queued id's cache row (-1 when no longer stored). A fresh lookup only when the rows moved:
 * a stance edit changes the cache in place (same `day` column), a date or name edit and a reload
 * build new columns.
 */
export function rowLookup(): (cache: ColumnCache, queue: Queue) => Int32Array {
  let last: { day: Int32Array; queue: Queue; rows: Int32Array } | null = null;
  return (cache, queue) => {
    if (last && last.day === cache.day && last.queue === queue) return last.rows;
    const found = rowsOfIds(cache, queue.ids);
    const rows = Int32Array.from(queue.ids, (id) => found.get(id) ?? -1);
    last = { day: cache.day, queue, rows };
    return rows;
  };
}

/** How many of the queued statements are coded now (stored and not uncoded). */
export function codedCount(cache: ColumnCache, rows: Int32Array): number {
  let n = 0;
  for (const row of rows) if (row >= 0 && !isUncoded(cache, row)) n++;
  return n;
}

/**
 * The place of the next uncoded statement after `from`, wrapping round to the start, skipping
 * the ids in `skip` (codes still being saved); -1 when none is left.
 * Queue places [coded, uncoded, coded, uncoded], from 1 -> 3; from 3 -> 1.
 */
export function nextUncoded(
  cache: ColumnCache,
  queue: Queue,
  rows: Int32Array,
  from: number,
  skip: ReadonlySet<string> = new Set(),
): number {
  const n = queue.ids.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + step) % n) + n) % n;
    if (isUncoded(cache, rows[i]) && !skip.has(queue.ids[i])) return i;
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
  const found = at === null ? undefined : queue.place.get(at);
  if (found !== undefined) return { place: found, missing: false };
  if (queue.ids.length === 0) return { place: -1, missing: at !== null };
  const first = nextUncoded(cache, queue, rows, -1);
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
