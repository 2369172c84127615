/**
 * Counting a band model's shifts: one pass over the rows by series, and after an edit of
 * stances, the same pass over the edited rows' series alone.
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../../domain/types';
import { pairIndex } from '../../query/steps';
import type { ColumnCache } from '../../query/types';
import { NO_SHIFT, type BandModel } from './band-types';

/** Above this share of the rows in touched series, a patch is no cheaper than building again. */
const PATCH_SHARE = 0.5;

/**
 * `before` with the series of `edited` rows worked out again for their new stances: their bands
 * dropped (built again when drawn) and their shifts counted again. Null when the lanes' order
 * depends on what changed (sorted by latest shift, and a lane's latest shift moved).
 */
export function patchBands(
  cache: ColumnCache,
  before: BandModel,
  edited: Uint32Array,
): BandModel | null {
  const id = pairIndex(cache).id;
  const touched = new Set<number>();
  for (const r of edited) {
    const s = before.seriesOfPair[id[r]] ?? -1;
    if (s >= 0) touched.add(s);
  }
  const series = Uint32Array.from(touched).sort();
  let n = 0;
  for (const s of series) n += before.start[s + 1] - before.start[s];
  if (n > before.rowCount * PATCH_SHARE) return null;
  // The touched series' rows, each in date order: one scan counts their shifts.
  const sub = new Uint32Array(n);
  let at = 0;
  for (const s of series) {
    sub.set(before.order.subarray(before.start[s], before.start[s + 1]), at);
    at += before.start[s + 1] - before.start[s];
  }
  const scan = scanSeries(cache, sub, before.seriesOfPair, before.seriesCount, null);
  const seriesShifts = before.seriesShifts.slice();
  const seriesLastShift = before.seriesLastShift.slice();
  let shiftCount = before.shiftCount;
  for (const s of series) {
    shiftCount += scan.perSeries[s] - seriesShifts[s];
    seriesShifts[s] = scan.perSeries[s];
    seriesLastShift[s] = scan.lastShift[s];
  }
  // Sorted by latest shift, a series or lane may move: built again.
  if (
    before.sort === 'shift' &&
    series.some((s) => seriesLastShift[s] !== before.seriesLastShift[s])
  )
    return null;
  const bands = before.bands.slice();
  for (const s of series) bands[s] = undefined;
  return {
    ...before,
    shiftCount,
    seriesShifts,
    seriesLastShift,
    bands,
    carried: { from: before, series },
  };
}

/**
 * One pass over the rows by series (`seriesOfPair`): the number of shifts, by the rules of
 * `findShifts` (a day ends in the state of its last coded statement; a shift is a day ending in
 * another state than the day before), and each series' latest shift day; with `place`, each row
 * is also put into its series' slice of `order` (and its day into `day`) at `next[series]`.
 */
export function scanSeries(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  seriesOfPair: Int32Array,
  m: number,
  place: { next: Uint32Array; order: Uint32Array; day: Int32Array } | null,
): { count: number; perSeries: Uint32Array; lastShift: Int32Array } {
  const id = pairIndex(cache).id;
  const { day: dayOf, stance, flags } = cache;
  const tDay = new Int32Array(m).fill(NO_SHIFT);
  const tState = new Int8Array(m).fill(-1);
  const tBefore = new Int8Array(m).fill(-1);
  const lastShift = new Int32Array(m).fill(NO_SHIFT);
  const perSeries = new Uint32Array(m);
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const s = seriesOfPair[id[r]];
    const d = dayOf[r];
    if (place) {
      const j = place.next[s]++;
      place.order[j] = r;
      place.day[j] = d;
    }
    const f = flags[r];
    if (f & FLAG_UNCODED) continue;
    const last = tDay[s];
    if (last !== d) {
      if (last !== NO_SHIFT) {
        // The series' previous day is settled: a shift when it ended in another state.
        const before = tBefore[s];
        if (before >= 0 && tState[s] !== before) {
          count++;
          perSeries[s]++;
          lastShift[s] = last;
        }
        tBefore[s] = tState[s];
      }
      tDay[s] = d;
    }
    tState[s] = (stance[r] + 2) * 2 + (f & FLAG_CONDITIONAL ? 1 : 0);
  }
  for (let s = 0; s < m; s++) {
    if (tDay[s] !== NO_SHIFT && tBefore[s] >= 0 && tState[s] !== tBefore[s]) {
      count++;
      perSeries[s]++;
      lastShift[s] = tDay[s];
    }
  }
  return { count, perSeries, lastShift };
}
