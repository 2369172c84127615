import { bisectLeft, bisectRight } from 'd3-array';
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import type { ColumnCache, Filter, StanceFilter } from './types';

/** Facts derived from a cache once and kept while the cache lives. */
interface Derived {
  /** Longest statement period in days (1 for day precision, up to 366 for a year). */
  maxSpan: number;
  index: WeakMap<string[], Map<string, number>>;
  /** The last text search and the rows it hit. */
  search?: { needle: string; hit: Uint8Array };
  /** The last few filters' rows, by `filterKey`: several views ask for the same filter. */
  results: Map<string, { rows: Uint32Array; keptByEdits: boolean }>;
}

/** Filters whose rows are remembered per cache: the views' three variants and the facets'. */
const KEPT_RESULTS = 6;

const derivedByCache = new WeakMap<ColumnCache, Derived>();

function derived(cache: ColumnCache): Derived {
  let d = derivedByCache.get(cache);
  if (!d) {
    let maxSpan = 1;
    for (let i = 0; i < cache.n; i++) {
      const span = cache.end[i] - cache.day[i];
      if (span > maxSpan) maxSpan = span;
    }
    d = { maxSpan, index: new WeakMap(), results: new Map() };
    derivedByCache.set(cache, d);
  }
  return d;
}

/**
 * Hands what `from` derived to `to`, a copy over the same days and names whose stances or text
 * changed (src/query/edit-overlay.ts); a text search is worked out again.
 */
export function carryDerived(from: ColumnCache, to: ColumnCache): void {
  const d = derivedByCache.get(from);
  if (!d) return;
  // Rows chosen without stances or text are the same rows after a change of those.
  const results = new Map([...d.results].filter(([, r]) => r.keptByEdits));
  derivedByCache.set(to, { maxSpan: d.maxSpan, index: d.index, results });
}

function filterKey(f: Filter): string {
  return JSON.stringify([f.from, f.to, f.actors, f.affiliations, f.topics, f.stances, f.search]);
}

/** The code of each name in a dictionary, built once per dictionary. */
export function dictionaryIndex(cache: ColumnCache, dict: string[]): Map<string, number> {
  const d = derived(cache);
  let index = d.index.get(dict);
  if (!index) {
    index = new Map(dict.map((name, code) => [name, code]));
    d.index.set(dict, index);
  }
  return index;
}

/**
 * A mask over a dictionary's codes selecting the given names, or null when the list is empty
 * ("all"). Unknown names select nothing: `codeMask(cache, ['a', 'b'], ['b', 'zz'])` -> `[0, 1]`.
 */
export function codeMask(
  cache: ColumnCache,
  dict: string[],
  names: readonly string[] | undefined,
): Uint8Array | null {
  if (!names || names.length === 0) return null;
  const index = dictionaryIndex(cache, dict);
  const mask = new Uint8Array(dict.length);
  for (const name of names) {
    const code = index.get(name);
    if (code !== undefined) mask[code] = 1;
  }
  return mask;
}

/** Dictionary entries whose lowercased name contains the needle. */
function searchMask(dict: string[], needle: string): Uint8Array {
  const mask = new Uint8Array(dict.length);
  for (let c = 0; c < dict.length; c++) if (dict[c].toLowerCase().includes(needle)) mask[c] = 1;
  return mask;
}

/** The text columns a search reads besides the names. */
export const SEARCHED = ['quote', 'summary', 'conditions', 'source'] as const;

/**
 * Which rows have the needle in a searched text column, kept for the last needle: one filter
 * change asks several views' filters for the same search. `textHits(cache, 'talks')[r]` -> 1
 * when row r's quote, summary, conditions or source contains "talks" in any case.
 */
function textHits(cache: ColumnCache, needle: string): Uint8Array {
  const d = derived(cache);
  if (d.search?.needle !== needle) {
    d.search = { needle, hit: cache.text.contains(SEARCHED, needle) };
  }
  return d.search.hit;
}

/**
 * Row indices (ascending, so in date order) of the statements that pass the filter.
 *
 * - Dates: `from`/`to` are inclusive day numbers; a statement passes when its period overlaps
 *   them (`day <= to && end - 1 >= from`), so a `2024-11` statement is in a range 15-20 Nov.
 *   An inverted range (`from > to`) is empty.
 * - Actors, affiliations, topics: by name; unknown names match nothing.
 * - Stances: the seven choices partition the rows, so their counts add up to the total: an
 *   uncoded row matches `'u'` only, a conditional row `'c'` only (not `1`), any other row its
 *   stance value.
 * - Search: trimmed, case-insensitive substring of the quote, summary, conditions, source,
 *   actor, topic or affiliation, within one value (never across two columns).
 *
 * Example: rows on days [10, 20, 30], `{ ...EMPTY_FILTER, from: 15, to: 30 }` -> `[1, 2]`.
 *
 * The last few results are kept per cache and returned as they are: callers must not change them.
 */
export function filterRows(cache: ColumnCache, filter: Filter): Uint32Array {
  const { results } = derived(cache);
  const key = filterKey(filter);
  let kept = results.get(key);
  if (!kept) {
    if (results.size >= KEPT_RESULTS) results.delete(results.keys().next().value!);
    const keptByEdits = filter.stances.length === 0 && filter.search.trim() === '';
    results.set(key, (kept = { rows: scanRows(cache, filter), keptByEdits }));
  }
  return kept.rows;
}

function scanRows(cache: ColumnCache, filter: Filter): Uint32Array {
  const { day, end, actor, affiliation, topic, stance, flags } = cache;
  const { from, to } = filter;
  if (from !== null && to !== null && from > to) return new Uint32Array(0);
  let lo = 0;
  let hi = cache.n;
  // Rows are sorted by day: `to` is a binary search, and no row that starts more than the longest
  // period before `from` can reach it, so the scan starts there.
  if (to !== null) hi = bisectRight(day, to);
  if (from !== null) lo = bisectLeft(day, from - derived(cache).maxSpan + 1);
  if (lo >= hi) return new Uint32Array(0);

  const actorMask = codeMask(cache, cache.actors, filter.actors);
  const affMask = codeMask(cache, cache.affiliations, filter.affiliations);
  const topicMask = codeMask(cache, cache.topics, filter.topics);

  let stanceMask: Uint8Array | null = null;
  let wantConditional = false;
  let wantUncoded = false;
  if (filter.stances.length > 0) {
    stanceMask = new Uint8Array(5);
    for (const s of filter.stances as StanceFilter[]) {
      if (s === 'c') wantConditional = true;
      else if (s === 'u') wantUncoded = true;
      else if (s >= -2 && s <= 2) stanceMask[s + 2] = 1;
    }
  }

  const needle = filter.search.trim().toLowerCase();
  let actorHit: Uint8Array | null = null;
  let affHit: Uint8Array | null = null;
  let topicHit: Uint8Array | null = null;
  let textHit: Uint8Array | null = null;
  if (needle) {
    textHit = textHits(cache, needle);
    actorHit = searchMask(cache.actors, needle);
    affHit = searchMask(cache.affiliations, needle);
    topicHit = searchMask(cache.topics, needle);
  }

  const out = new Uint32Array(hi - lo);
  let k = 0;
  for (let i = lo; i < hi; i++) {
    if (from !== null && end[i] <= from) continue;
    if (actorMask && !actorMask[actor[i]]) continue;
    if (affMask && !affMask[affiliation[i]]) continue;
    if (topicMask && !topicMask[topic[i]]) continue;
    if (stanceMask) {
      const f = flags[i];
      const ok =
        f & FLAG_UNCODED
          ? wantUncoded
          : f & FLAG_CONDITIONAL
            ? wantConditional
            : stanceMask[stance[i] + 2] === 1;
      if (!ok) continue;
    }
    if (
      actorHit &&
      !actorHit[actor[i]] &&
      !affHit![affiliation[i]] &&
      !topicHit![topic[i]] &&
      !textHit![i]
    )
      continue;
    out[k++] = i;
  }
  return k === out.length ? out : out.slice(0, k);
}

/**
 * The filter without its date range: the rows an as-of view needs, since a stance stated before
 * `from` still holds inside the range. `stateFilter({ ...f, from: 1, to: 9 })` -> `{ ...f,
 * from: null, to: null }`.
 */
export function stateFilter(filter: Filter): Filter {
  return { ...filter, from: null, to: null };
}
