import type { ColumnCache, Filter } from '../query/types';
import type { ViewState } from '../url/view-state';

/** The query filter a view applies: its dates, names, stances and search. */
export function filterOf(view: ViewState): Filter {
  const { from, to, actors, affiliations, topics, stances, search } = view;
  return { from, to, actors, affiliations, topics, stances, search };
}

/**
 * Cache positions of the datasets a view is limited to (its `ds` fingerprints), or null for
 * all: `datasetScope(cache, [{ id: 'a', fingerprint: 'f1' }], ['f1'])` -> the positions of 'a'.
 */
export function datasetScope(
  cache: ColumnCache,
  datasets: readonly { id: string; fingerprint: string }[],
  wanted: readonly string[],
): Set<number> | null {
  if (wanted.length === 0) return null;
  const fingerprints = new Set(wanted);
  const ids = new Set(datasets.filter((d) => fingerprints.has(d.fingerprint)).map((d) => d.id));
  return new Set(cache.datasets.flatMap((id, i) => (ids.has(id) ? [i] : [])));
}
