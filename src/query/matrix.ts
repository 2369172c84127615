/**
 * The actor x topic matrix as of a date, ready to draw: rows grouped by affiliation, each group
 * led by an affiliation summary row, one column per topic, and per cell the stance, its evidence
 * count and age, and (with a compare date) who shifted. Pure: no Svelte, no DOM.
 */
import { affiliationGroups } from './affiliation-groups';
import { affiliationRowLabel, cellModel, stanceTest } from './matrix-cells';
import { groupState, pairStates } from './matrix-states';
import type { MatrixCellModel, MatrixModel, MatrixOptions, MatrixRowModel } from './matrix-types';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

export type * from './matrix-types';
export { affiliationRowLabel } from './matrix-cells';

/** The cell of a row in column `c`, or null when nothing was said there. */
export const cellAt = (row: MatrixRowModel, c: number): MatrixCellModel | null =>
  row.cells.get(c) ?? null;

/**
 * The matrix to draw. Rows: the actors present in `rows`, grouped by their usual affiliation
 * (groups alphabetical, unaffiliated actors last, no summary row for them), each group led by a
 * summary row whose cell is the latest statement by any actor of the group. Columns: the topics
 * present in `rows`, alphabetical. An actor who has said nothing yet keeps an empty row, so the
 * grid stays put while the date moves. Rows must be ascending (date order) and not be modified
 * after the call: a second call with the same rows reuses an index of them, so scrubbing the
 * date costs a binary search per (actor, topic) pair rather than a pass over every row.
 *
 * Example (seed-like): Putin +1c on ceasefire in 2024-11, Lavrov -2 on 2024-12-26;
 * `matrixModel(c, rows, { asOf: 2024-12-31, compare: 2024-11-30, staleDays: 90 })` -> rows
 * `Russia (all actors)`, `Sergey Lavrov`, `Vladimir Putin`; the summary cell on ceasefire is
 * `{ stance: -2, count: 2, compare: { stance: 1, conditional: true }, shift: -1 }`.
 */
export function matrixModel(cache: ColumnCache, rows: Rows, options: MatrixOptions): MatrixModel {
  const { asOf: day, compare } = options;
  const pairs = pairIndex(cache);
  const groups = affiliationGroups(cache);
  const { index, states } = pairStates(cache, rows, compare === null ? [day] : [day, compare]);
  const now = states[0];
  const then = compare === null ? null : states[1];

  // Actors and topics present in the rows, whatever the date; with a Stance filter, those with a
  // state that passes it as of the day.
  const passes = stanceTest(options.stances);
  const actorSeen = new Uint8Array(cache.actors.length);
  const topicSeen = new Uint8Array(cache.topics.length);
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    if (passes && !(now.latest[p] >= 0 && passes(cache, now.latest[p]))) continue;
    actorSeen[pairs.actor[p]] = 1;
    topicSeen[pairs.topic[p]] = 1;
  }
  const topics: number[] = [];
  const column = new Int32Array(cache.topics.length).fill(-1);
  for (let t = 0; t < topicSeen.length; t++) {
    if (!topicSeen[t]) continue;
    column[t] = topics.length;
    topics.push(t);
  }

  // Actor codes are alphabetical already; group them by usual affiliation.
  const byGroup = new Map<number, number[]>();
  for (let a = 0; a < actorSeen.length; a++) {
    if (!actorSeen[a]) continue;
    const f = cache.actorAffiliation[a];
    let list = byGroup.get(f);
    if (!list) byGroup.set(f, (list = []));
    list.push(a);
  }
  // Affiliation codes are alphabetical too; -1 (none) goes last.
  const groupOrder = [...byGroup.keys()].sort((x, y) => Number(x < 0) - Number(y < 0) || x - y);

  const out: MatrixRowModel[] = [];
  const actorRow = new Int32Array(cache.actors.length).fill(-1);
  const affiliationRow = new Int32Array(cache.affiliations.length).fill(-1);
  const emptyCells = () => new Map<number, MatrixCellModel>();
  let actorCount = 0;
  for (const f of groupOrder) {
    const affName = f >= 0 ? cache.affiliations[f] : '';
    if (f >= 0) {
      affiliationRow[f] = out.length;
      out.push({
        kind: 'affiliation',
        key: `f:${affName}`,
        name: affName,
        label: affiliationRowLabel(affName),
        affiliation: affName,
        code: f,
        cells: emptyCells(),
      });
    }
    for (const a of byGroup.get(f)!) {
      actorCount++;
      actorRow[a] = out.length;
      out.push({
        kind: 'actor',
        key: `a:${cache.actors[a]}`,
        name: cache.actors[a],
        label: cache.actors[a],
        affiliation: affName,
        code: a,
        cells: emptyCells(),
      });
    }
  }

  // Fill the cells pair by pair: pairs nobody spoke on stay null without being visited.
  let shiftCount = 0;
  let newCount = 0;
  for (let i = 0; i < index.present.length; i++) {
    const p = index.present[i];
    const a = pairs.actor[p];
    const t = pairs.topic[p];
    const f = cache.actorAffiliation[a];
    if (actorRow[a] < 0 || column[t] < 0) continue;
    if (passes && !(now.latest[p] >= 0 && passes(cache, now.latest[p]))) continue;
    const cell = cellModel(cache, 'actor', a, f, t, p, now, then, options);
    if (!cell) continue;
    if (cell.changed) shiftCount++;
    if (cell.isNew) newCount++;
    out[actorRow[a]].cells.set(column[t], cell);
  }
  let affiliationShiftCount = 0;
  const groupNow = groupState(cache, index, now);
  const groupThen = then && groupState(cache, index, then);
  for (let s = 0; s < groups.count; s++) {
    const f = groups.affiliation[s];
    const t = groups.topic[s];
    if (affiliationRow[f] < 0 || column[t] < 0) continue;
    if (passes && !(groupNow.latest[s] >= 0 && passes(cache, groupNow.latest[s]))) continue;
    const cell = cellModel(cache, 'affiliation', -1, f, t, s, groupNow, groupThen, options);
    if (!cell) continue;
    if (cell.changed) affiliationShiftCount++;
    out[affiliationRow[f]].cells.set(column[t], cell);
  }
  return {
    rows: out,
    topics,
    asOf: day,
    compare,
    actorCount,
    shiftCount,
    newCount,
    affiliationShiftCount,
  };
}
