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

const byModel = new WeakMap<BandModel, Map<number, Map<number, Shift>>>();

/**
 * The shifts of actor series `s`'s affiliation on its topic, by the statement that made each
 * (look up a row of `s` to see whether it moved the affiliation); empty for a folded
 * affiliation's row or an actor without an affiliation.
 * Putin (Russia) conditional support, then Lavrov (Russia) strongly oppose on ceasefire ->
 * Lavrov's ceasefire row: `Map { <Lavrov's row> => { kind: 'affiliation', before: 1, after: -2 } }`.
 */
export function groupShiftsOf(cache: ColumnCache, model: BandModel, s: number): Map<number, Shift> {
  const none = new Map<number, Shift>();
  if (model.seriesKind[s] !== SERIES_ACTOR) return none;
  const first = model.order[model.start[s]];
  const topic = cache.topic[first];
  const f = cache.actorAffiliation[cache.actor[first]];
  if (f < 0) return none;
  let memo = byModel.get(model);
  if (!memo) byModel.set(model, (memo = new Map()));
  const key = f * Math.max(1, cache.topics.length) + topic;
  let shifts = memo.get(key);
  if (!shifts) {
    // The affiliation's statements on the topic: every actor series of it, merged in row order.
    const parts: Uint32Array[] = [];
    let n = 0;
    for (let t = 0; t < model.seriesCount; t++) {
      if (model.seriesKind[t] !== SERIES_ACTOR) continue;
      const r = model.order[model.start[t]];
      if (cache.topic[r] !== topic || cache.actorAffiliation[cache.actor[r]] !== f) continue;
      const rows = model.order.subarray(model.start[t], model.start[t + 1]);
      parts.push(rows);
      n += rows.length;
    }
    const merged = new Uint32Array(n);
    let at = 0;
    for (const p of parts) {
      merged.set(p, at);
      at += p.length;
    }
    merged.sort();
    shifts = new Map(seriesShifts(cache, merged, 'affiliation').map((x) => [x.row, x]));
    memo.set(key, shifts);
  }
  return shifts;
}
