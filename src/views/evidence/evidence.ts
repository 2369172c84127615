/** Pure helpers of the evidence panel: safe links, dates in words, a statement's neighbours. */
import { formatDayPrecision } from '../../domain/dates';
import { safeUrl } from '../../domain/links';
import type { Precision } from '../../domain/types';
import { affiliationGroups } from '../../query/affiliation-groups';
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
 * same-day rows), so this is the order the statements set the stance in. One scan of the pair
 * ids per selection (1M rows: a few ms).
 * Example: pair rows [2, 5, 9, 12], row 9 -> `{ earlier: [5, 2], later: [12] }`.
 */
export function neighbours(
  cache: ColumnCache,
  row: number,
): { earlier: number[]; later: number[] } {
  const earlier: number[] = [];
  const later: number[] = [];
  if (row < 0 || row >= cache.n) return { earlier, later };
  const id = pairIndex(cache).id;
  const p = id[row];
  for (let r = row - 1; r >= 0; r--) if (id[r] === p) earlier.push(r);
  for (let r = row + 1; r < cache.n; r++) if (id[r] === p) later.push(r);
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
  const earlier: number[] = [];
  const later: number[] = [];
  if (row < 0 || row >= cache.n) return { earlier, later };
  const id = pairIndex(cache).id;
  const slot = affiliationGroups(cache).slotOfPair;
  const g = slot[id[row]];
  if (g < 0) return { earlier, later };
  const p = id[row];
  for (let r = row - 1; r >= 0; r--) if (id[r] !== p && slot[id[r]] === g) earlier.push(r);
  for (let r = row + 1; r < cache.n; r++) if (id[r] !== p && slot[id[r]] === g) later.push(r);
  return { earlier, later };
}
