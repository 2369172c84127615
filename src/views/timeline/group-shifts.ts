/**
 * Shifts of an affiliation shown on its actors' rows: when an actor's statement changed the
 * affiliation's state on a topic (Lavrov's "A truce leads to nowhere" moved Russia from Putin's
 * conditional support to strongly oppose), his row marks it, so the move shows without folding
 * the affiliation. Same definition as the Shifts view (`seriesShifts` over the affiliation's
 * statements on the topic); built per (affiliation, topic) when a row of it is first drawn.
 */
import { seriesShifts, type Shift } from '../../query/shifts';
import type { ColumnCache } from '../../query/types';
import { SERIES_ACTOR, type BandModel } from './bands';

interface Memo {
  /** Actor series of each (affiliation, topic) key, built in one pass over the series. */
  series: Map<number, number[]>;
  shifts: Map<number, Map<number, Shift>>;
}

const byModel = new WeakMap<BandModel, Memo>();

/** `affiliation * topics + topic` of an actor series, or -1 (folded, or no affiliation). */
function keyOf(cache: ColumnCache, model: BandModel, s: number): number {
  if (model.seriesKind[s] !== SERIES_ACTOR) return -1;
  const first = model.order[model.start[s]];
  const f = cache.actorAffiliation[cache.actor[first]];
  return f < 0 ? -1 : f * Math.max(1, cache.topics.length) + cache.topic[first];
}

const NONE: ReadonlyMap<number, Shift> = new Map();

/** The memo of the model `model` was patched from, less the (affiliation, topic)s edited. */
function carriedMemo(cache: ColumnCache, model: BandModel): Memo | undefined {
  const before = model.carried && byModel.get(model.carried.from);
  if (!before) return undefined;
  const shifts = new Map(before.shifts);
  for (const s of model.carried!.series) shifts.delete(keyOf(cache, model, s));
  const memo = { series: before.series, shifts };
  byModel.set(model, memo);
  return memo;
}

/**
 * The shifts of actor series `s`'s affiliation on its topic, by the statement that made each
 * (look up a row of `s` to see whether it moved the affiliation); empty for a folded
 * affiliation's row or an actor without an affiliation.
 * Putin (Russia) conditional support, then Lavrov (Russia) strongly oppose on ceasefire ->
 * Lavrov's ceasefire row: `Map { <Lavrov's row> => { kind: 'affiliation', before: 1, after: -2 } }`.
 */
export function groupShiftsOf(
  cache: ColumnCache,
  model: BandModel,
  s: number,
): ReadonlyMap<number, Shift> {
  const key = keyOf(cache, model, s);
  if (key < 0) return NONE;
  let memo = byModel.get(model) ?? carriedMemo(cache, model);
  if (!memo) {
    const series = new Map<number, number[]>();
    for (let t = 0; t < model.seriesCount; t++) {
      const k = keyOf(cache, model, t);
      if (k < 0) continue;
      const list = series.get(k);
      if (list) list.push(t);
      else series.set(k, [t]);
    }
    byModel.set(model, (memo = { series, shifts: new Map() }));
  }
  let shifts = memo.shifts.get(key);
  if (!shifts) {
    // The affiliation's statements on the topic: its actors' series merged in row order.
    const parts = memo.series
      .get(key)!
      .map((t) => model.order.subarray(model.start[t], model.start[t + 1]));
    const merged = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      merged.set(p, at);
      at += p.length;
    }
    merged.sort();
    shifts = new Map(seriesShifts(cache, merged, 'affiliation').map((x) => [x.row, x]));
    memo.shifts.set(key, shifts);
  }
  return shifts;
}
