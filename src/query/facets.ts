import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import { codeMask, filterRows } from './filter';
import type { ColumnCache, Filter, StanceFilter } from './types';

/** The stance facet's buckets, in this order: the five stances, conditional, uncoded. */
export const STANCE_BUCKETS: readonly StanceFilter[] = [-2, -1, 0, 1, 2, 'c', 'u'];

/** Statements per value of each facet: indexed by dictionary code (stance: STANCE_BUCKETS). */
export interface FacetCounts {
  actor: Uint32Array;
  affiliation: Uint32Array;
  topic: Uint32Array;
  stance: Uint32Array;
  /** Indexed by the cache's dataset position. */
  dataset: Uint32Array;
}

/** The stance bucket of a row: the five stances at 0..4, conditional 5, uncoded 6. */
export function stanceBucket(stance: number, flags: number): number {
  if (flags & FLAG_UNCODED) return 6;
  if (flags & FLAG_CONDITIONAL) return 5;
  return stance + 2;
}

function bucketMask(stances: readonly StanceFilter[]): Uint8Array | null {
  if (stances.length === 0) return null;
  const mask = new Uint8Array(STANCE_BUCKETS.length);
  for (const s of stances) {
    const b = STANCE_BUCKETS.indexOf(s);
    if (b >= 0) mask[b] = 1;
  }
  return mask;
}

/**
 * How many statements each facet value would show, in the manner of Datasette's facets: a
 * facet's counts apply every other active filter but its own choice, so picking a second actor
 * shows how many that adds. Date range and search apply to all facets; `datasetScope` (cache
 * dataset positions, or null for all) is the Datasets facet's own choice.
 *
 * One pass over the rows the date range and search keep: a row failing no choice counts for
 * every facet, a row failing exactly one counts only for that facet (what it would add).
 *
 * Example: rows Lavrov/ceasefire, Putin/ceasefire, Putin/nato with `actors: ['Putin']` ->
 * actor counts Lavrov 1, Putin 2 (the actor choice is ignored for its own facet); topic
 * counts ceasefire 1, nato 1 (only Putin's rows).
 */
export function facetCounts(
  cache: ColumnCache,
  filter: Filter,
  datasetScope: ReadonlySet<number> | null = null,
): FacetCounts {
  const counts: FacetCounts = {
    actor: new Uint32Array(cache.actors.length),
    affiliation: new Uint32Array(cache.affiliations.length),
    topic: new Uint32Array(cache.topics.length),
    stance: new Uint32Array(STANCE_BUCKETS.length),
    dataset: new Uint32Array(cache.datasets.length),
  };
  const base = filterRows(cache, {
    ...filter,
    actors: [],
    affiliations: [],
    topics: [],
    stances: [],
  });
  const actorMask = codeMask(cache, cache.actors, filter.actors);
  const affMask = codeMask(cache, cache.affiliations, filter.affiliations);
  const topicMask = codeMask(cache, cache.topics, filter.topics);
  const stanceMask = bucketMask(filter.stances);
  const { actor, affiliation, topic, stance, flags, dataset } = cache;

  for (let k = 0; k < base.length; k++) {
    const i = base[k];
    const a = actor[i];
    const f = affiliation[i];
    const t = topic[i];
    const s = stanceBucket(stance[i], flags[i]);
    const d = dataset[i];
    // Which choice the row fails: 0 none, 1..5 that facet, 6 two or more.
    let failed = 0;
    if (actorMask && !actorMask[a]) failed = 1;
    if (affMask && !affMask[f]) failed = failed ? 6 : 2;
    if (failed < 6 && topicMask && !topicMask[t]) failed = failed ? 6 : 3;
    if (failed < 6 && stanceMask && !stanceMask[s]) failed = failed ? 6 : 4;
    if (failed < 6 && datasetScope && !datasetScope.has(d)) failed = failed ? 6 : 5;
    if (failed === 0) {
      counts.actor[a]++;
      counts.affiliation[f]++;
      counts.topic[t]++;
      counts.stance[s]++;
      counts.dataset[d]++;
    } else if (failed === 1) counts.actor[a]++;
    else if (failed === 2) counts.affiliation[f]++;
    else if (failed === 3) counts.topic[t]++;
    else if (failed === 4) counts.stance[s]++;
    else if (failed === 5) counts.dataset[d]++;
  }
  return counts;
}
