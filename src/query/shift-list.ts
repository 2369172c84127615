/**
 * The Shifts view's list: which shifts of a table are shown (date window, direction, size, actor
 * or affiliation) and in what order. Pure, over typed arrays: a million rows can hold hundreds of
 * thousands of shifts, and the list is rebuilt on every filter change.
 */
import {
  findShifts,
  KIND_ACTOR,
  KIND_AFFILIATION,
  SHIFT_DIRECTIONS,
  sizeOf,
  type ShiftDirection,
  type ShiftTable,
} from './shifts';
import type { ColumnCache, Rows } from './types';

export interface ShiftListOptions {
  /** Inclusive date window on the new statement (as `shiftInWindow`); null = open. */
  from: number | null;
  to: number | null;
  /** Directions listed; empty = all. */
  directions: readonly ShiftDirection[];
  /** Smallest move in steps (0 keeps conditional-only changes). */
  minSize: number;
  who: 'all' | 'actor' | 'affiliation';
}

export type ShiftSortKey = 'date' | 'who' | 'topic' | 'size';

/**
 * Indices into `findShifts(cache, rows)` of the shifts that pass the options, in date order.
 * Rows are every filter but the date range, so a shift from a statement before `from` to one
 * inside it is found. Putin +1c (2024-11) and Lavrov -2 (2024-12-26) on ceasefire, options
 * `{ directions: ['hardened'], minSize: 3, who: 'affiliation' }` -> the one Russia shift.
 */
export function listShifts(
  cache: ColumnCache,
  rows: Rows,
  options: ShiftListOptions,
): { table: ShiftTable; order: Uint32Array } {
  const table = findShifts(cache, rows);
  const { from, to, minSize, who } = options;
  let dirMask = 0;
  for (const d of options.directions) dirMask |= 1 << SHIFT_DIRECTIONS.indexOf(d);
  if (dirMask === 0) dirMask = 7;
  const kindWanted = who === 'all' ? -1 : who === 'actor' ? KIND_ACTOR : KIND_AFFILIATION;
  const { day, end, stance } = cache;
  const { kind, row, fromRow, count } = table;
  const out = new Uint32Array(count);
  if (kindWanted < 0 && from === null && to === null && dirMask === 7 && minSize <= 0) {
    for (let i = 0; i < count; i++) out[i] = i;
    return { table, order: out };
  }
  let n = 0;
  // The stances read directly, not through directionCode and sizeOf: 1M rows hold ~500k entries.
  for (let i = 0; i < count; i++) {
    if (kindWanted >= 0 && kind[i] !== kindWanted) continue;
    const r = row[i];
    if ((to !== null && day[r] > to) || (from !== null && end[r] <= from)) continue;
    const move = stance[r] - stance[fromRow[i]];
    if (!(dirMask & (move < 0 ? 1 : move > 0 ? 2 : 4))) continue;
    if (Math.abs(move) < minSize) continue;
    out[n++] = i;
  }
  return { table, order: out.slice(0, n) };
}

/**
 * The list in a sort order: by date (the new statement's day, then table order), by who (name),
 * by topic (name) or by size (steps), each ascending or descending; ties keep date order, newest
 * first. `order` is not modified.
 */
export function sortShifts(
  cache: ColumnCache,
  table: ShiftTable,
  order: Uint32Array,
  key: ShiftSortKey,
  descending: boolean,
): Uint32Array {
  // The table is in date order, so date order is the list itself (reversed for newest first).
  const byDate = descending ? order.slice().reverse() : order.slice();
  if (key === 'date') return byDate;
  const sign = descending ? -1 : 1;
  const value = sortValue(cache, table, key);
  // Ties: newest first in either direction.
  const rank = new Uint32Array(table.count);
  for (let k = 0; k < order.length; k++) rank[order[k]] = order.length - k;
  return byDate.sort((a, b) => sign * (value(a) - value(b)) || rank[a] - rank[b]);
}

/** A number per entry that orders it by `key`: names by their alphabetical rank. */
function sortValue(
  cache: ColumnCache,
  table: ShiftTable,
  key: Exclude<ShiftSortKey, 'date'>,
): (i: number) => number {
  if (key === 'size') return (i) => sizeOf(cache, table, i);
  if (key === 'topic') {
    const rank = nameRank(cache.topics);
    return (i) => rank[cache.topic[table.row[i]]];
  }
  const offset = cache.actors.length;
  // Actors and affiliations share one ordering by name: an affiliation sorts among the names.
  const merged = nameRank([...cache.actors, ...cache.affiliations]);
  return (i) => {
    const actor = cache.actor[table.row[i]];
    return table.kind[i] === KIND_ACTOR
      ? merged[actor]
      : merged[offset + cache.actorAffiliation[actor]];
  };
}

/** Alphabetical rank of each name: `['b', 'a']` -> `[1, 0]`. */
function nameRank(names: readonly string[]): Uint32Array {
  const collator = new Intl.Collator('en');
  const idx = names.map((_, i) => i).sort((a, b) => collator.compare(names[a], names[b]));
  const rank = new Uint32Array(names.length);
  idx.forEach((code, k) => (rank[code] = k));
  return rank;
}
