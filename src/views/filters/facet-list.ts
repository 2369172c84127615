/** One value of a facet: what it selects, how it reads, and how many statements it has. */
export interface FacetItem {
  value: string;
  label: string;
  count: number;
}

/** `given` keeps the items' own order (the stance scale). */
export type FacetSort = 'count' | 'name' | 'given';

const byName = (a: FacetItem, b: FacetItem) =>
  a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });

/**
 * The values a facet lists for a search: case-insensitive substring of the label, sorted by
 * count (most first, then by name) or by name.
 * `facetOrder([{ label: 'Lavrov', count: 1 }, { label: 'Putin', count: 3 }], 'v', 'count')`
 * -> Lavrov only (Putin has no "v").
 */
export function facetOrder(
  items: readonly FacetItem[],
  query: string,
  sort: FacetSort,
): FacetItem[] {
  const needle = query.trim().toLowerCase();
  const kept = needle ? items.filter((i) => i.label.toLowerCase().includes(needle)) : [...items];
  if (sort === 'given') return kept;
  return kept.sort(sort === 'count' ? (a, b) => b.count - a.count || byName(a, b) : byName);
}
