import { pairIndex } from './steps';
import type { ColumnCache } from './types';

/** Pair `p`'s rows are `order[start[p] .. start[p + 1])`, ascending (date order). */
export interface PairRows {
  start: Uint32Array;
  order: Uint32Array;
}

/**
 * The rows of each pair, in date order: a counting sort by pair id, built once per pair index
 * (1M rows: two passes), so a statement's neighbours on its topic are a slice, not a scan.
 * Example: pair ids of rows `[1, 0, 1]` -> `start [0, 1, 3]`, `order [1, 0, 2]`.
 */
export function pairRows(cache: ColumnCache): PairRows {
  const index = pairIndex(cache);
  if (index.rows) return index.rows;
  const { id, count } = index;
  const start = new Uint32Array(count + 1);
  for (let r = 0; r < cache.n; r++) start[id[r] + 1]++;
  for (let p = 0; p < count; p++) start[p + 1] += start[p];
  const next = start.slice(0, count);
  const order = new Uint32Array(cache.n);
  for (let r = 0; r < cache.n; r++) order[next[id[r]]++] = r;
  return (index.rows = { start, order });
}
