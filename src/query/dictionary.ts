/**
 * The merged name dictionaries of the column cache: names sorted in the app's one name order
 * (`compareNames`), built in steps so that a cache build can pause between them.
 */
import { ascending } from 'd3-array';
import { finish } from '../util/steps';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The name order used everywhere (dictionaries, lanes, alphabetical rows): case- and
 * accent-insensitive, numbers by value, with a code-unit tie-break so the order is total and
 * the same in every browser. `['b', 'A', 'a']` sorted -> `['A', 'a', 'b']`.
 */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || ascending(a, b);
}

/** Names handled between two pauses of the stepwise dictionary work. */
const NAMES_PER_STEP = 4096;

/** Union of the datasets' dictionaries, sorted by name, and the index of each name. */
export function mergeDictionary(lists: string[][]): {
  names: string[];
  index: Map<string, number>;
} {
  return finish(mergeDictionarySteps(lists));
}

/**
 * `mergeDictionary`, pausing every few thousand names: 111,000 actor names took 150-350 ms of
 * one task to sort on a busy machine.
 */
export function* mergeDictionarySteps(
  lists: string[][],
): Generator<void, { names: string[]; index: Map<string, number> }> {
  const set = new Set<string>();
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      set.add(list[i]);
      if (i % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
    }
  }
  const names = yield* sortSteps([...set], compareNames);
  const index = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    index.set(names[i], i);
    if (i % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  return { names, index };
}

/** Sorted runs of this many items start the merge sort. */
const SORT_RUN = 256;

/**
 * `items.sort(compare)` as a bottom-up merge sort that pauses every few thousand comparisons.
 * Sorts `items` in place or returns a new array; stable, so for a total order on distinct
 * items the result is the same as `Array.prototype.sort`'s.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const n = items.length;
  let a = items;
  for (let lo = 0; lo < n; lo += SORT_RUN) {
    const run = a.slice(lo, lo + SORT_RUN).sort(compare);
    for (let i = 0; i < run.length; i++) a[lo + i] = run[i];
    yield;
  }
  let b: T[] = new Array<T>(n);
  let compared = 0;
  for (let width = SORT_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        // The left item wins a tie: stable.
        b[o++] = compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
        if (++compared === NAMES_PER_STEP) {
          compared = 0;
          yield;
        }
      }
      while (i < mid) b[o++] = a[i++];
      while (j < hi) b[o++] = a[j++];
    }
    [a, b] = [b, a];
  }
  return a;
}

/** The merged dictionary's code of each of a dataset's names, pausing every few thousand. */
export function* remapSteps(
  names: string[],
  index: Map<string, number>,
): Generator<void, Uint32Array> {
  const out = new Uint32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    out[i] = index.get(names[i])!;
    if (i % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  return out;
}
