/**
 * The Agreement view's matrix as the view computes it (at most MAX_ACTORS most active actors,
 * the date window, the chosen topics, bloc or alphabetical order), pure, so its CSV and its
 * picture show what the screen shows.
 */
import { agreement, alphabeticalOrder, seriation, type AgreementMatrix } from '../query/agreement';
import type { ColumnCache } from '../query/types';
import type { ViewState } from '../url/view-state';

/** The view's cap: an n x n grid stops being readable past a few thousand cells. */
export const MAX_ACTORS = 60;

export interface AgreementView {
  m: AgreementMatrix;
  names: string[];
  /** Matrix indices in display order. */
  order: number[];
  /** Actors with statements in the rows, and how many the cap left out. */
  total: number;
  leftOut: number;
}

/** The most active MAX_ACTORS actors' rows (ties by code), as the view keeps them. */
function capRows(cache: ColumnCache, rows: ArrayLike<number>): { rows: number[]; total: number } {
  const counts = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) {
    const a = cache.actor[rows[k]];
    counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const all = Array.from(rows);
  if (counts.size <= MAX_ACTORS) return { rows: all, total: counts.size };
  const keep = new Set(
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_ACTORS)
      .map(([code]) => code),
  );
  return { rows: all.filter((r) => keep.has(cache.actor[r])), total: counts.size };
}

export function agreementView(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: Pick<ViewState, 'from' | 'to' | 'agreementTopics' | 'agreementOrder'>,
): AgreementView {
  const capped = capRows(cache, rows);
  const m = agreement(cache, capped.rows, {
    from: view.from,
    to: view.to,
    topics: view.agreementTopics.length > 0 ? view.agreementTopics : undefined,
  });
  const names = m.actors.map((c) => cache.actors[c]);
  const n = names.length;
  const order =
    view.agreementOrder === 'alpha'
      ? alphabeticalOrder(names)
      : seriation(
          m.score,
          n,
          m.actors.map((c) => cache.actorAffiliation[c]),
        ).order;
  return { m, names, order, total: capped.total, leftOut: Math.max(0, capped.total - MAX_ACTORS) };
}
