import { FLAG_CONDITIONAL } from '../domain/types';
import { compareNames } from './cache';
import { codeMask } from './filter';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

export interface AgreementOptions {
  /** Inclusive window in day numbers; statements overlapping it count. null = open. */
  from: number | null;
  to: number | null;
  /** Topic names to compare on; empty or absent = all. */
  topics?: string[];
}

/** An actor x actor matrix, row-major: cell (i, j) is at `i * actors.length + j`. */
export interface AgreementMatrix {
  /** Actor codes, ascending (alphabetical), of the actors with a stance in the window. */
  actors: number[];
  /** Topic codes that at least one actor took a position on in the window. */
  topics: number[];
  /** Mean agreement over shared topics, 0..1; NaN when the two share no topic. */
  score: Float64Array;
  /** Number of shared topics (the diagonal: the actor's own topic count). */
  shared: Uint16Array;
  /**
   * The row of each actor's latest stance per topic in the window, -1 when none, at
   * `actorSlot * topics.length + topicSlot`: what a tooltip shows as "each side's stance".
   */
  latest: Int32Array;
}

/**
 * How often each pair of actors holds the same stance, over the topics both took a position on
 * in the window, using each actor's latest stance per topic there. Per topic: 1 for the same
 * sign, 0 for opposite signs, 0.5 when either side is neutral or conditional. The score is the
 * mean over shared topics; with no shared topic it is NaN (drawn blank, since "never compared"
 * is not "never agree"). The diagonal is 1.
 *
 * Example: A and B support a ceasefire, A opposes and B conditionally supports talks ->
 * score(A, B) = (1 + 0.5) / 2 = 0.75, shared = 2.
 */
export function agreement(cache: ColumnCache, rows: Rows, opts: AgreementOptions): AgreementMatrix {
  const { from, to } = opts;
  const pairs = pairIndex(cache);
  const topicMask = codeMask(cache, cache.topics, opts.topics);
  const latest = new Int32Array(pairs.count).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (to !== null && cache.day[r] > to) continue;
    if (from !== null && cache.end[r] <= from) continue;
    if (topicMask && !topicMask[cache.topic[r]]) continue;
    latest[pairs.id[r]] = r;
  }

  // Actor and topic slots: only those with a stance in the window.
  const actorSlot = new Int32Array(cache.actors.length).fill(-1);
  const topicSlot = new Int32Array(cache.topics.length).fill(-1);
  const actors: number[] = [];
  const topics: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    if (latest[p] < 0) continue;
    actorSlot[pairs.actor[p]] = 0;
    topicSlot[pairs.topic[p]] = 0;
  }
  for (let a = 0; a < actorSlot.length; a++)
    if (actorSlot[a] === 0) actorSlot[a] = actors.push(a) - 1;
  for (let t = 0; t < topicSlot.length; t++)
    if (topicSlot[t] === 0) topicSlot[t] = topics.push(t) - 1;

  // Per topic, the actors with a stance and its class: 1 / -1 by sign, 0 for neutral or conditional.
  const byTopic: { actor: number[]; cls: number[] }[] = topics.map(() => ({ actor: [], cls: [] }));
  const latestBySlot = new Int32Array(actors.length * topics.length).fill(-1);
  for (let p = 0; p < pairs.count; p++) {
    const r = latest[p];
    if (r < 0) continue;
    latestBySlot[actorSlot[pairs.actor[p]] * topics.length + topicSlot[pairs.topic[p]]] = r;
    const s = cache.stance[r];
    const cls = cache.flags[r] & FLAG_CONDITIONAL ? 0 : Math.sign(s);
    const group = byTopic[topicSlot[pairs.topic[p]]];
    group.actor.push(actorSlot[pairs.actor[p]]);
    group.cls.push(cls);
  }

  const n = actors.length;
  const sum = new Float64Array(n * n);
  const count = new Uint32Array(n * n);
  for (const { actor, cls } of byTopic) {
    for (let i = 0; i < actor.length; i++) {
      const ai = actor[i];
      count[ai * n + ai]++;
      for (let j = i + 1; j < actor.length; j++) {
        const aj = actor[j];
        const w = cls[i] === 0 || cls[j] === 0 ? 0.5 : cls[i] === cls[j] ? 1 : 0;
        sum[ai * n + aj] += w;
        sum[aj * n + ai] += w;
        count[ai * n + aj]++;
        count[aj * n + ai]++;
      }
    }
  }
  const score = new Float64Array(n * n);
  const shared = new Uint16Array(n * n);
  for (let k = 0; k < n * n; k++) {
    shared[k] = Math.min(count[k], 0xffff);
    score[k] = count[k] > 0 ? sum[k] / count[k] : NaN;
  }
  for (let i = 0; i < n; i++) score[i * n + i] = 1;
  return { actors, topics, score, shared, latest: latestBySlot };
}

/**
 * The topic slots (indices into `m.topics`) on which matrix actors `i` and `j` both hold a
 * stance, each with the two rows: what a cell's tooltip lists. With A and B both on
 * `ceasefire` (slot 0) and only A on `talks` -> `[{ topic: 0, rowA: 3, rowB: 5 }]`.
 */
export function sharedTopics(
  m: AgreementMatrix,
  i: number,
  j: number,
): { topic: number; rowA: number; rowB: number }[] {
  const t = m.topics.length;
  const out: { topic: number; rowA: number; rowB: number }[] = [];
  for (let k = 0; k < t; k++) {
    const rowA = m.latest[i * t + k];
    const rowB = m.latest[j * t + k];
    if (rowA >= 0 && rowB >= 0) out.push({ topic: k, rowA, rowB });
  }
  return out;
}

/**
 * How alike two actors' agreement PROFILES are: the mean of `1 - |s_ik - s_jk|` over every actor
 * k (the two themselves included, so their direct score counts) with whom both have a known
 * score; NaN when there is no such k. Why profiles and not the direct score: allies often never
 * speak on the same topic (in the bundled data, Western actors each answer Moscow on a different
 * topic) yet they disagree with the same actors, which only the rows of the matrix reveal.
 * The diagonal is 1. O(n^3), fine for the few hundred actors a readable matrix holds.
 *
 * Example: A and B never met, both disagree with C (score 0), C agrees with itself ->
 * A = [1, NaN, 0], B = [NaN, 1, 0]: the only common k is C, so similarity(A, B) = 1.
 */
export function profileSimilarity(score: ArrayLike<number>, n: number): Float64Array {
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    sim[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < n; k++) {
        const a = score[i * n + k];
        const b = score[j * n + k];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        sum += 1 - Math.abs(a - b);
        count++;
      }
      const v = count > 0 ? sum / count : NaN;
      sim[i * n + j] = v;
      sim[j * n + i] = v;
    }
  }
  return sim;
}

/**
 * How much closer than "no evidence" (distance 0.5) two actors of the same affiliation count when
 * their profiles share nothing: small enough to only break what the statements leave tied.
 */
export const AFFILIATION_NUDGE = 0.01;

/** A seriation: the row order and the dendrogram's top split. */
export interface Seriation {
  /** Matrix indices in display order. */
  order: number[];
  /**
   * The two sides of the last merge (each in display order, the side shown first first), or
   * null for fewer than two actors.
   */
  blocs: [number[], number[]] | null;
  /** Mean profile similarity between the two sides (0..1, unknown as 0.5); NaN when no split. */
  between: number;
}

/**
 * A row order that puts blocs together: average-linkage agglomerative clustering on the distance
 * `1 - profileSimilarity`, returning the dendrogram's leaves and its top split. Profiles with
 * nothing in common count as distance 0.5, "no evidence either way"; when `groups` (for example
 * the actors' affiliation codes, -1 for none) is given, such a pair in the same group is
 * `AFFILIATION_NUDGE` closer. Each merge joins the closest pair of clusters (ties: the lowest
 * indices first) and orients the two leaf lists so that their nearest ends meet; the result is
 * deterministic. The scores are not modified.
 *
 * Example: actors 0, 2, 4 always agree, 1, 3, 5 always agree, the two sides never do ->
 * `{ order: [0, 2, 4, 1, 3, 5], blocs: [[0, 2, 4], [1, 3, 5]], between: 0 }`.
 */
export function seriation(
  score: ArrayLike<number>,
  n: number,
  groups?: ArrayLike<number>,
): Seriation {
  if (n <= 0) return { order: [], blocs: null, between: NaN };
  if (n === 1) return { order: [0], blocs: null, between: NaN };
  const sim = profileSimilarity(score, n);
  const base = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = sim[i * n + j];
      if (!Number.isNaN(s)) base[i * n + j] = 1 - s;
      else {
        const same = groups !== undefined && groups[i] >= 0 && groups[i] === groups[j];
        base[i * n + j] = same ? 0.5 - AFFILIATION_NUDGE : 0.5;
      }
    }
  }
  const dist = base.slice();
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const leaves: number[][] = Array.from({ length: n }, (_, i) => [i]);
  // Nearest active neighbour with a higher index, per row: the generic clustering algorithm.
  // Ties go to the lower index, matching a row-major scan of the upper triangle.
  const nn = new Int32Array(n).fill(-1);
  const nnDist = new Float64Array(n).fill(Infinity);
  const refresh = (i: number) => {
    let best = -1;
    let bestDist = Infinity;
    for (let j = i + 1; j < n; j++) {
      if (active[j] && dist[i * n + j] < bestDist) {
        best = j;
        bestDist = dist[i * n + j];
      }
    }
    nn[i] = best;
    nnDist[i] = bestDist;
  };
  for (let i = 0; i < n; i++) refresh(i);

  let top: [number[], number[]] = [[], []];
  let topDist = NaN;
  for (let step = 1; step < n; step++) {
    let i = -1;
    for (let k = 0; k < n; k++) {
      if (active[k] && nn[k] >= 0 && (i < 0 || nnDist[k] < nnDist[i])) i = k;
    }
    const j = nn[i];
    const si = size[i];
    const sj = size[j];
    if (step === n - 1) {
      top = [leaves[i], leaves[j]];
      topDist = dist[i * n + j];
    }
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === i || k === j) continue;
      const d = (si * dist[k * n + i] + sj * dist[k * n + j]) / (si + sj);
      dist[k * n + i] = d;
      dist[i * n + k] = d;
    }
    size[i] = si + sj;
    active[j] = 0;
    leaves[i] = join(leaves[i], leaves[j], base, n);
    leaves[j] = [];
    for (let k = 0; k < n; k++) {
      if (!active[k]) continue;
      if (k === i || nn[k] === i || nn[k] === j) refresh(k);
      else if (k < i) {
        const d = dist[k * n + i];
        if (d < nnDist[k] || (d === nnDist[k] && i < nn[k])) {
          nn[k] = i;
          nnDist[k] = d;
        }
      }
    }
  }
  const order = leaves.find((l) => l.length === n) ?? [];
  const position = new Int32Array(n);
  order.forEach((leaf, p) => (position[leaf] = p));
  const sides = top.map((side) => [...side].sort((x, y) => position[x] - position[y]));
  sides.sort((x, y) => position[x[0]] - position[y[0]]);
  return { order, blocs: [sides[0], sides[1]], between: 1 - topDist };
}

/**
 * The row order of `seriation` alone (see there): blocs sit together.
 * Example: blocs {0, 2, 4} and {1, 3, 5} -> `[0, 2, 4, 1, 3, 5]`.
 */
export function seriate(score: ArrayLike<number>, n: number, groups?: ArrayLike<number>): number[] {
  return seriation(score, n, groups).order;
}

/**
 * Concatenates two leaf lists, flipping either so the closest pair of ends meets (the cheap half
 * of optimal leaf ordering). Ties keep the lists as they are.
 */
function join(left: number[], right: number[], base: Float64Array, n: number): number[] {
  const d = (x: number, y: number) => base[x * n + y];
  const [l0, l1] = [left[0], left[left.length - 1]];
  const [r0, r1] = [right[0], right[right.length - 1]];
  const options = [d(l1, r0), d(l1, r1), d(l0, r0), d(l0, r1)];
  let best = 0;
  for (let k = 1; k < 4; k++) if (options[k] < options[best]) best = k;
  const l = best >= 2 ? [...left].reverse() : left;
  const r = best % 2 === 1 ? [...right].reverse() : right;
  return l.concat(r);
}

/**
 * Indices that sort `names` alphabetically (the shared name order; ties by index).
 * `alphabeticalOrder(['Putin', 'Biden', 'lavrov'])` -> `[1, 2, 0]`.
 */
export function alphabeticalOrder(names: readonly string[]): number[] {
  return names.map((_, i) => i).sort((x, y) => compareNames(names[x], names[y]) || x - y);
}
