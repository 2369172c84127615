/** One value of a facet: what it selects, how it reads, and how many statements it has. */
export interface FacetItem {
  value: string;
  label: string;
  count: number;
}

/** `given` keeps the items' own order (the stance scale). */
export type FacetSort = 'count' | 'name' | 'given';

// One collator for every comparison: `localeCompare` with options builds one per call, and
// sorting 12,000 actors per keystroke took ~480 ms (bench, facet search keystroke).
const collator = new Intl.Collator('en', { sensitivity: 'base' });
const byName = (a: FacetItem, b: FacetItem) => collator.compare(a.label, b.label);

/** The values in the facet's order: count (most first, then name), name, or as given. */
export function sortFacet(items: readonly FacetItem[], sort: FacetSort): FacetItem[] {
  if (sort === 'given') return [...items];
  return [...items].sort(sort === 'count' ? (a, b) => b.count - a.count || byName(a, b) : byName);
}

/**
 * The sorted values whose label holds the query, case-insensitively, in the same order:
 * `searchFacet([{ label: 'Lavrov', .. }, { label: 'Putin', .. }], 'v')` -> Lavrov only.
 */
export function searchFacet(sorted: readonly FacetItem[], query: string): readonly FacetItem[] {
  const needle = query.trim().toLowerCase();
  return needle ? sorted.filter((i) => i.label.toLowerCase().includes(needle)) : sorted;
}
