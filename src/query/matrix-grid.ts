/**
 * The matrix of `matrixModel` as a grid read on demand: typed arrays for the row order and the
 * counts, and a row or cell object only when the view asks for it. Opening 111,000 actors x
 * 5,000 topics made 111,000 rows, maps and cells in one task (0.3-0.5 s); the view draws a
 * window of about 30 rows.
 */
import { affiliationGroups, type AffiliationGroups } from './affiliation-groups';
import {
  affiliationRowLabel,
  cellChange,
  cellModel,
  CHANGED,
  NEW,
  stanceTest,
} from './matrix-cells';
import { groupState, pairStates } from './matrix-states';
import type { MatrixCellModel, MatrixGrid, MatrixOptions, MatrixRowHead } from './matrix-types';
import { pairIndex, type PairIndex } from './steps';
import type { ColumnCache, Rows } from './types';
import { finish } from '../util/steps';

/** `order` stably sorted by `key[slot]` in `0..k-1`. */
function countingSort(order: Uint32Array, key: ArrayLike<number>, k: number): Uint32Array {
  const start = new Uint32Array(k + 1);
  for (let i = 0; i < order.length; i++) start[key[order[i]] + 1]++;
  for (let b = 1; b <= k; b++) start[b] += start[b - 1];
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) out[start[key[order[i]]]++] = order[i];
  return out;
}

const seriesOrders = new WeakMap<AffiliationGroups, Uint32Array>();

/** The affiliation series' slots in (affiliation, topic) order, for a binary search. */
function seriesOrder(cache: ColumnCache, groups: AffiliationGroups): Uint32Array {
  let order = seriesOrders.get(groups);
  if (order) return order;
  const slots = Uint32Array.from({ length: groups.count }, (_, s) => s);
  const byTopic = countingSort(slots, groups.topic, Math.max(1, cache.topics.length));
  order = countingSort(byTopic, groups.affiliation, Math.max(1, cache.affiliations.length));
  seriesOrders.set(groups, order);
  return order;
}

/** The pair id of (actor, topic), or -1: pair ids follow (actor, topic) order. */
function findPair(pairs: PairIndex, a: number, t: number): number {
  let lo = 0;
  let hi = pairs.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const ma = pairs.actor[mid];
    if (ma < a || (ma === a && pairs.topic[mid] < t)) lo = mid + 1;
    else hi = mid;
  }
  return lo < pairs.count && pairs.actor[lo] === a && pairs.topic[lo] === t ? lo : -1;
}

/** The series slot of (affiliation, topic), or -1. */
function findSeries(groups: AffiliationGroups, order: Uint32Array, f: number, t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = order[mid];
    const mf = groups.affiliation[s];
    if (mf < f || (mf === f && groups.topic[s] < t)) lo = mid + 1;
    else hi = mid;
  }
  if (lo === order.length) return -1;
  const s = order[lo];
  return groups.affiliation[s] === f && groups.topic[s] === t ? s : -1;
}

/** Row headers made once per grid, up to this many (a long scroll makes more). */
const KEPT_ROWS = 4096;

/**
 * `matrixModel(cache, rows, options)` as a `MatrixGrid`: the same rows, columns, cells and
 * counts, with work and memory in the statements, not in the rows of the grid; a row or a cell
 * costs a binary search when asked for.
 */
export function matrixGrid(cache: ColumnCache, rows: Rows, options: MatrixOptions): MatrixGrid {
  return finish(matrixGridSteps(cache, rows, options));
}

/** `matrixGrid`, pausing (`yield`) between its passes over the rows, pairs and actors. */
export function* matrixGridSteps(
  cache: ColumnCache,
  rows: Rows,
  options: MatrixOptions,
): Generator<void, MatrixGrid> {
  const { asOf: day, compare } = options;
  const pairs = pairIndex(cache);
  const groups = affiliationGroups(cache);
  const { index, states } = pairStates(cache, rows, compare === null ? [day] : [day, compare]);
  yield;
  const now = states[0];
  const then = compare === null ? null : states[1];
  const passes = stanceTest(options.stances);
  const shown = (latest: Int32Array, i: number) =>
    !passes || (latest[i] >= 0 && passes(cache, latest[i]));

  // Actors and topics present in the rows (with a Stance filter, with a state that passes it).
  const actorSeen = new Uint8Array(cache.actors.length);
  const topicSeen = new Uint8Array(cache.topics.length);
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    if (!shown(now.latest, p)) continue;
    actorSeen[pairs.actor[p]] = 1;
    topicSeen[pairs.topic[p]] = 1;
  }
  yield;
  const topics: number[] = [];
  const column = new Int32Array(cache.topics.length).fill(-1);
  for (let t = 0; t < topicSeen.length; t++) {
    if (!topicSeen[t]) continue;
    column[t] = topics.length;
    topics.push(t);
  }

  // Rows: actors bucketed by usual affiliation (bucket nF: none, last), each bucket led by its
  // summary row; codes are alphabetical, so ascending codes give the model's order.
  const nF = cache.affiliations.length;
  const bucket = (a: number) => (cache.actorAffiliation[a] >= 0 ? cache.actorAffiliation[a] : nF);
  const start = new Uint32Array(nF + 2);
  let actorCount = 0;
  for (let a = 0; a < actorSeen.length; a++) {
    if (!actorSeen[a]) continue;
    actorCount++;
    start[bucket(a) + 1]++;
  }
  let groupCount = 0;
  for (let f = 0; f < nF; f++) if (start[f + 1] > 0) groupCount++;
  for (let b = 1; b <= nF + 1; b++) start[b] += start[b - 1];
  const actorsByBucket = new Uint32Array(actorCount);
  const fill = start.slice();
  for (let a = 0; a < actorSeen.length; a++)
    if (actorSeen[a]) actorsByBucket[fill[bucket(a)]++] = a;

  yield;
  const rowCount = actorCount + groupCount;
  /** Per row: actor code, or -1 - affiliation code on a summary row. */
  const rowCode = new Int32Array(rowCount);
  /** Per row: the group's affiliation code, -1 for none. */
  const rowGroup = new Int32Array(rowCount);
  const affiliationRow = new Int32Array(nF).fill(-1);
  let r = 0;
  for (let b = 0; b <= nF; b++) {
    if (start[b + 1] === start[b]) continue;
    const f = b < nF ? b : -1;
    if (f >= 0) {
      affiliationRow[f] = r;
      rowGroup[r] = f;
      rowCode[r++] = -1 - f;
    }
    for (let k = start[b]; k < start[b + 1]; k++) {
      rowGroup[r] = f;
      rowCode[r++] = actorsByBucket[k];
    }
  }

  yield;
  const groupNow = groupState(cache, index, now);
  const groupThen = then && groupState(cache, index, then);
  yield;

  // Shifts and new positions, from the rows alone: no cell is made to count them.
  let shiftCount = 0;
  let newCount = 0;
  let affiliationShiftCount = 0;
  if (then) {
    for (let i = 0; i < index.present.length; i++) {
      const p = index.present[i];
      if (!actorSeen[pairs.actor[p]] || column[pairs.topic[p]] < 0) continue;
      if (!shown(now.latest, p)) continue;
      const change = cellChange(cache, now.latest[p], then.latest[p], day, compare);
      if (change === CHANGED) shiftCount++;
      else if (change === NEW) newCount++;
    }
    yield;
    for (let s = 0; s < groups.count; s++) {
      if (affiliationRow[groups.affiliation[s]] < 0 || column[groups.topic[s]] < 0) continue;
      if (!shown(groupNow.latest, s)) continue;
      const change = cellChange(cache, groupNow.latest[s], groupThen!.latest[s], day, compare);
      if (change === CHANGED) affiliationShiftCount++;
    }
  }

  const kept = new Map<number, MatrixRowHead>();
  function rowHead(r: number): MatrixRowHead {
    const f = rowGroup[r];
    const affName = f >= 0 ? cache.affiliations[f] : '';
    const code = rowCode[r];
    if (code < 0) {
      return {
        kind: 'affiliation',
        key: `f:${affName}`,
        name: affName,
        label: affiliationRowLabel(affName),
        affiliation: affName,
        code: -1 - code,
      };
    }
    const name = cache.actors[code];
    return { kind: 'actor', key: `a:${name}`, name, label: name, affiliation: affName, code };
  }

  // Built here, with the rest, rather than on the first summary cell drawn (35,000 series: ~10 ms).
  yield;
  const order = seriesOrder(cache, groups);
  function cell(r: number, c: number): MatrixCellModel | null {
    if (r < 0 || r >= rowCount || c < 0 || c >= topics.length) return null;
    const t = topics[c];
    const code = rowCode[r];
    if (code >= 0) {
      const p = findPair(pairs, code, t);
      if (p < 0 || !shown(now.latest, p)) return null;
      return cellModel(cache, 'actor', code, rowGroup[r], t, p, now, then, options);
    }
    const f = -1 - code;
    const s = findSeries(groups, order, f, t);
    if (s < 0 || !shown(groupNow.latest, s)) return null;
    return cellModel(cache, 'affiliation', -1, f, t, s, groupNow, groupThen, options);
  }

  return {
    topics,
    asOf: day,
    compare,
    actorCount,
    shiftCount,
    newCount,
    affiliationShiftCount,
    rowCount,
    row(r) {
      let head = kept.get(r);
      if (!head) {
        if (kept.size >= KEPT_ROWS) kept.clear();
        kept.set(r, (head = rowHead(r)));
      }
      return head;
    },
    cell,
  };
}
