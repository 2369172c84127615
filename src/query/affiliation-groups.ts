import { pairIndex } from './steps';
import type { ColumnCache } from './types';

/**
 * The (affiliation, topic) series of a cache: each (actor, topic) pair belongs to the series of
 * its actor's usual affiliation (`actorAffiliation`) on that topic, as the matrix's summary rows
 * group them; actors without an affiliation belong to none. Built once per cache.
 */
export interface AffiliationGroups {
  /** Series of each pair id (`pairIndex`); -1 for actors without an affiliation. */
  slotOfPair: Int32Array;
  affiliation: Uint32Array;
  topic: Uint32Array;
  count: number;
}

const groupsByCache = new WeakMap<ColumnCache, AffiliationGroups>();

/**
 * The affiliation series of a cache (see `AffiliationGroups`), remembered per cache.
 * Putin and Lavrov (Russia) on ceasefire -> one series: Russia x ceasefire.
 */
export function affiliationGroups(cache: ColumnCache): AffiliationGroups {
  let groups = groupsByCache.get(cache);
  if (groups) return groups;
  const pairs = pairIndex(cache);
  const nT = Math.max(1, cache.topics.length);
  const slotOfKey = new Map<number, number>();
  const slotOfPair = new Int32Array(pairs.count).fill(-1);
  const affiliation: number[] = [];
  const topic: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const f = cache.actorAffiliation[pairs.actor[p]];
    if (f < 0) continue;
    const key = f * nT + pairs.topic[p];
    let s = slotOfKey.get(key);
    if (s === undefined) {
      s = affiliation.length;
      slotOfKey.set(key, s);
      affiliation.push(f);
      topic.push(pairs.topic[p]);
    }
    slotOfPair[p] = s;
  }
  groups = {
    slotOfPair,
    affiliation: Uint32Array.from(affiliation),
    topic: Uint32Array.from(topic),
    count: affiliation.length,
  };
  groupsByCache.set(cache, groups);
  return groups;
}

/** Hands `from`'s series to `to`, a copy with the same actors, affiliations and topics. */
export function carryAffiliationGroups(from: ColumnCache, to: ColumnCache): void {
  const groups = groupsByCache.get(from);
  if (groups) groupsByCache.set(to, groups);
}
