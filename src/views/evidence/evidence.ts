/** Pure helpers of the evidence panel: safe links, dates in words, a statement's neighbours. */
import { bisectLeft } from 'd3-array';
import { formatDayPrecision } from '../../domain/dates';
import { safeUrl } from '../../domain/links';
import type { Precision } from '../../domain/types';
import { affiliationGroups } from '../../query/affiliation-groups';
import { pairRows } from '../../query/pair-rows';
import { pairIndex } from '../../query/steps';
import type { ColumnCache } from '../../query/types';

/** The link if it is an absolute http(s) URL, else null (see domain/links.ts). */
export function safeHttpUrl(url: string): string | null {
  return safeUrl(url) || null;
}

/** The date with its precision in words: `month precision: 2024-11`. */
export function precisionText(day: number, precision: Precision): string {
  return `${precision} precision: ${formatDayPrecision(day, precision)}`;
}

/**
 * The same actor's other statements on the same topic, nearest first: `earlier` counts down
 * from the row before, `later` up from the row after. Rows are in date order (file order among
 * same-day rows), so this is the order the statements set the stance in.
 * Example: pair rows [2, 5, 9, 12], row 9 -> `{ earlier: [5, 2], later: [12] }`.
 */
export function neighbours(
  cache: ColumnCache,
  row: number,
): { earlier: number[]; later: number[] } {
  if (row < 0 || row >= cache.n) return { earlier: [], later: [] };
  const { start, order } = pairRows(cache);
  const p = pairIndex(cache).id[row];
  return around(order.subarray(start[p], start[p + 1]), row);
}

/** `rows` (ascending) before `row`, nearest first, and after it. */
function around(rows: Uint32Array, row: number): { earlier: number[]; later: number[] } {
  const at = bisectLeft(rows, row);
  const earlier = Array.from(rows.subarray(0, at)).reverse();
  const later = Array.from(rows.subarray(rows[at] === row ? at + 1 : at));
  return { earlier, later };
}

/**
 * The other actors of the statement's affiliation on the same topic, nearest first: what an
 * affiliation summary row of the matrix is built from, so the evidence of `Russia (all actors)`
 * on ceasefire (Lavrov, 2024-12-26) finds Putin's earlier statement. Empty without an affiliation.
 */
export function affiliationNeighbours(
  cache: ColumnCache,
  row: number,
): { earlier: number[]; later: number[] } {
  if (row < 0 || row >= cache.n) return { earlier: [], later: [] };
  const pairs = pairIndex(cache);
  const slot = affiliationGroups(cache).slotOfPair;
  const own = pairs.id[row];
  const g = slot[own];
  if (g < 0) return { earlier: [], later: [] };
  const { start, order } = pairRows(cache);
  const parts: Uint32Array[] = [];
  let n = 0;
  for (let p = 0; p < pairs.count; p++) {
    if (p === own || slot[p] !== g) continue;
    parts.push(order.subarray(start[p], start[p + 1]));
    n += start[p + 1] - start[p];
  }
  const rows = new Uint32Array(n);
  let at = 0;
  for (const part of parts) {
    rows.set(part, at);
    at += part.length;
  }
  return around(rows.sort(), row);
}
