import { describe, expect, it } from 'vitest';
import type { StanceValue } from '../../../src/domain/types';
import {
  agreement,
  alphabeticalOrder,
  profileSimilarity,
  seriate,
  seriation,
  sharedTopics,
} from '../../../src/query/agreement';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER } from '../../../src/query/types';
import { day, rec, type RecInput } from './helpers';

function setup(records: RecInput[]) {
  const cache = cacheFromRecords(records.map(rec));
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

const ALL = { from: null, to: null };

/** Score and shared count between two named actors. */
function between(
  records: RecInput[],
  a: string,
  b: string,
  opts: { from: number | null; to: number | null; topics?: string[] } = ALL,
) {
  const { cache, rows } = setup(records);
  const m = agreement(cache, rows, opts);
  const i = m.actors.findIndex((c) => cache.actors[c] === a);
  const j = m.actors.findIndex((c) => cache.actors[c] === b);
  const n = m.actors.length;
  return { score: m.score[i * n + j], shared: m.shared[i * n + j], mirror: m.score[j * n + i] };
}

describe('agreement', () => {
  it.each<[string, StanceValue | 'c', StanceValue | 'c', number]>([
    ['both support', 1, 2, 1],
    ['both oppose', -2, -1, 1],
    ['opposite signs', 2, -1, 0],
    ['one neutral', 0, 1, 0.5],
    ['both neutral', 0, 0, 0.5],
    ['one conditional', 'c', 1, 0.5],
    ['conditional against opposition', 'c', -2, 0.5],
  ])('%s on one topic scores %d', (_, sa, sb, expected) => {
    const r = between(
      [
        { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: sa },
        { date: '2024-01-02', actor: 'B', topic: 'ceasefire', stance: sb },
      ],
      'A',
      'B',
    );
    expect(r.score).toBe(expected);
    expect(r.mirror).toBe(expected);
    expect(r.shared).toBe(1);
  });

  it('averages over the shared topics only', () => {
    const r = between(
      [
        { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: 1 },
        { date: '2024-01-01', actor: 'B', topic: 'ceasefire', stance: 2 },
        { date: '2024-01-01', actor: 'A', topic: 'talks', stance: -1 },
        { date: '2024-01-01', actor: 'B', topic: 'talks', stance: 'c' },
        { date: '2024-01-01', actor: 'A', topic: 'nato', stance: 1 },
        { date: '2024-01-01', actor: 'B', topic: 'sanctions', stance: -1 },
      ],
      'A',
      'B',
    );
    expect(r).toEqual({ score: 0.75, shared: 2, mirror: 0.75 });
  });

  it('leaves actors with no shared topic blank (NaN), not at zero', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-01', actor: 'A', topic: 'talks', stance: 1 },
      { date: '2024-01-01', actor: 'B', topic: 'nato', stance: 1 },
    ]);
    const m = agreement(cache, rows, ALL);
    expect(m.actors.map((c) => cache.actors[c])).toEqual(['A', 'B']);
    expect(Array.from(m.score)).toEqual([1, NaN, NaN, 1]);
    expect(Array.from(m.shared)).toEqual([2, 0, 0, 1]);
    expect(m.topics.map((t) => cache.topics[t]).sort()).toEqual(['ceasefire', 'nato', 'talks']);
  });

  it('uses each actor’s latest stance within the window', () => {
    const records: RecInput[] = [
      { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: 1 },
      { date: '2024-03-01', actor: 'A', topic: 'ceasefire', stance: -1 },
      { date: '2024-06-01', actor: 'A', topic: 'ceasefire', stance: 2 },
      { date: '2024-01-01', actor: 'B', topic: 'ceasefire', stance: -2 },
    ];
    expect(between(records, 'A', 'B').score).toBe(0);
    expect(between(records, 'A', 'B', { from: null, to: day('2024-04-01') }).score).toBe(1);
    expect(between(records, 'A', 'B', { from: null, to: day('2024-02-01') }).score).toBe(0);
  });

  it('leaves out actors with nothing in the window, and topics not asked for', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: 1 },
      { date: '2024-05-01', actor: 'B', topic: 'ceasefire', stance: 1 },
      { date: '2024-05-01', actor: 'C', topic: 'talks', stance: 1 },
    ]);
    const names = (m: { actors: number[] }) => m.actors.map((c) => cache.actors[c]);
    expect(names(agreement(cache, rows, { from: day('2024-04-01'), to: null }))).toEqual([
      'B',
      'C',
    ]);
    expect(names(agreement(cache, rows, { ...ALL, topics: ['ceasefire'] }))).toEqual(['A', 'B']);
    expect(names(agreement(cache, rows, { ...ALL, topics: ['unknown'] }))).toEqual([]);
  });
});

/** Whether the members sit next to each other in the order. */
function contiguous<T>(order: T[], members: T[]): boolean {
  const at = members.map((m) => order.indexOf(m)).sort((x, y) => x - y);
  return at[0] >= 0 && at[at.length - 1] - at[0] === members.length - 1;
}

describe('seriate', () => {
  it('puts two clearly separated blocs next to each other', () => {
    // Alphabetical order interleaves the sides: Biden, Lavrov, Macron, Peskov, Putin, Scholz.
    const west = ['Biden', 'Macron', 'Scholz'];
    const east = ['Lavrov', 'Peskov', 'Putin'];
    const records: RecInput[] = [];
    for (const topic of ['ceasefire', 'nato', 'sanctions', 'aid']) {
      for (const actor of west) records.push({ date: '2024-01-01', actor, topic, stance: 2 });
      for (const actor of east) records.push({ date: '2024-01-01', actor, topic, stance: -2 });
    }
    const { cache, rows } = setup(records);
    const m = agreement(cache, rows, ALL);
    const order = seriate(m.score, m.actors.length).map((i) => cache.actors[m.actors[i]]);
    expect([...order].sort()).toEqual([...west, ...east].sort());
    expect(contiguous(order, east)).toBe(true);
    expect(contiguous(order, west)).toBe(true);
  });

  it('keeps blocs together when some pairs share no topic', () => {
    // Bloc {0, 1, 2} and bloc {3, 4}; 0 and 4 never met (NaN).
    const s = [
      [1, 0.9, 0.8, 0.1, NaN],
      [0.9, 1, 0.85, 0.2, 0.1],
      [0.8, 0.85, 1, 0, 0.15],
      [0.1, 0.2, 0, 1, 0.95],
      [NaN, 0.1, 0.15, 0.95, 1],
    ];
    const order = seriate(s.flat(), 5);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(contiguous(order, [0, 1, 2])).toBe(true);
    expect(contiguous(order, [3, 4])).toBe(true);
  });

  it('joins a member to its bloc by the average score to the bloc', () => {
    // Blocs {0, 2, 4} and {1, 3, 5}: 4 and 5 are only loosely tied to their blocs (0.7), yet far
    // closer to them than to the other side (0.1).
    const size = 6;
    const score = new Float64Array(size * size).fill(0.1);
    const set = (i: number, j: number, v: number) => {
      score[i * size + j] = v;
      score[j * size + i] = v;
    };
    for (let i = 0; i < size; i++) set(i, i, 1);
    set(0, 2, 0.9);
    set(0, 4, 0.7);
    set(2, 4, 0.7);
    set(1, 3, 0.9);
    set(1, 5, 0.7);
    set(3, 5, 0.7);
    const order = seriate(score, size);
    expect(contiguous(order, [0, 2, 4])).toBe(true);
    expect(contiguous(order, [1, 3, 5])).toBe(true);
  });

  it('is deterministic, handles tiny inputs and does not modify the scores', () => {
    const score = new Float64Array([1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1]);
    const before = score.slice();
    expect(seriate(score, 3)).toEqual(seriate(score, 3));
    expect(seriate(score, 3)).toEqual([0, 1, 2]);
    expect(score).toEqual(before);
    expect(seriate([], 0)).toEqual([]);
    expect(seriate([1], 1)).toEqual([0]);
  });
});

/**
 * The bundled dataset's shape (data/seed-statements.csv): Western actors each answer a Russian
 * actor on a different topic, so they share no topic with one another; Trump and Kellogg only
 * share a topic with each other; the Russian actors agree among themselves.
 */
const SEED_LIKE: RecInput[] = [
  ['2024', 'Vladimir Putin', 'Russia', 'us-responsibility', 2],
  ['2024', 'Vladimir Putin', 'Russia', 'russia-invasion-ukraine', 1],
  ['2024', 'Russian officials', 'Russia', 'us-responsibility', 2],
  ['2024', 'US officials', 'United States', 'us-responsibility', -2],
  ['2024', 'Western nations', 'West', 'russia-invasion-ukraine', -2],
  ['2024', 'Donald Trump', 'United States', 'peace-negotiations', 1],
  ['2024-11', 'Vladimir Putin', 'Russia', 'ceasefire', 'c'],
  ['2024-11', 'Vladimir Putin', 'Russia', 'territorial-concessions', -2],
  ['2024-11', 'Vladimir Putin', 'Russia', 'nato-membership-ukraine', -2],
  ['2024-12-18', 'Keith Kellogg', 'United States', 'peace-negotiations', 1],
  ['2024-12-22', 'Volodymyr Zelenskiy', 'Ukraine', 'nato-membership-ukraine', 2],
  ['2024-12-26', 'Sergey Lavrov', 'Russia', 'us-russia-dialogue', 'c'],
  ['2024-12-26', 'Sergey Lavrov', 'Russia', 'us-responsibility', 2],
  ['2024-12-26', 'Sergey Lavrov', 'Russia', 'ceasefire', -2],
  ['2024-12-26', 'Sergey Lavrov', 'Russia', 'binding-settlement', 2],
].map(([date, actor, affiliation, topic, stance]) => ({
  date: date as string,
  actor: actor as string,
  affiliation: affiliation as string,
  topic: topic as string,
  stance: stance as StanceValue | 'c',
}));
const RUSSIAN = ['Russian officials', 'Sergey Lavrov', 'Vladimir Putin'];
const WESTERN = [
  'Donald Trump',
  'Keith Kellogg',
  'US officials',
  'Volodymyr Zelenskiy',
  'Western nations',
];

/** The seed-like matrix, its actor names and affiliation codes. */
function seedLike() {
  const { cache, rows } = setup(SEED_LIKE);
  const m = agreement(cache, rows, ALL);
  const names = m.actors.map((c) => cache.actors[c]);
  const groups = m.actors.map((c) => cache.actorAffiliation[c]);
  return { cache, m, names, groups };
}

describe('seriation of the bundled data’s shape', () => {
  it('is the case the direct score cannot solve: Western actors never share a topic', () => {
    const { m, names } = seedLike();
    const n = names.length;
    const at = (a: string, b: string) => m.score[names.indexOf(a) * n + names.indexOf(b)];
    expect(at('US officials', 'Western nations')).toBeNaN();
    expect(at('Volodymyr Zelenskiy', 'US officials')).toBeNaN();
    expect(at('US officials', 'Vladimir Putin')).toBe(0);
    expect(at('Sergey Lavrov', 'Russian officials')).toBe(1);
  });

  it('puts the three Russian actors together and the Western actors together', () => {
    const { m, names, groups } = seedLike();
    const order = seriate(m.score, names.length, groups).map((i) => names[i]);
    expect([...order].sort()).toEqual([...RUSSIAN, ...WESTERN].sort());
    expect(contiguous(order, RUSSIAN)).toBe(true);
    expect(contiguous(order, WESTERN)).toBe(true);
  });

  it('splits the dendrogram at the top into the Russian and the Western bloc', () => {
    const { m, names, groups } = seedLike();
    const { blocs, between } = seriation(m.score, names.length, groups);
    const sides = blocs!.map((b) => b.map((i) => names[i]).sort());
    expect(sides).toContainEqual(RUSSIAN);
    expect(sides).toContainEqual(WESTERN);
    expect(between).toBeLessThan(0.5);
  });

  it('keeps the Russian actors together even without affiliations', () => {
    const { m, names } = seedLike();
    const order = seriate(m.score, names.length).map((i) => names[i]);
    expect(contiguous(order, RUSSIAN)).toBe(true);
    expect(contiguous(order, ['US officials', 'Volodymyr Zelenskiy', 'Western nations'])).toBe(
      true,
    );
  });

  it('lists the bloc shown first first, each in display order', () => {
    const { m, names, groups } = seedLike();
    const { order, blocs } = seriation(m.score, names.length, groups);
    expect([...blocs![0], ...blocs![1]]).toEqual(order);
  });

  it('does not modify the scores and gives the same answer every time', () => {
    const { m, names, groups } = seedLike();
    const before = m.score.slice();
    const first = seriation(m.score, names.length, groups);
    expect(seriation(m.score, names.length, groups)).toEqual(first);
    expect(m.score).toEqual(before);
  });
});

describe('seriation', () => {
  it('groups an actor with those it disagrees with alike, over a partial agreement across blocs', () => {
    // Russians R1..R3 agree; Westerners W1..W3 never met each other; W1 and W3 disagree with R1,
    // W2 with R2, but W3 agrees 75% with R3. Placed interleaved: R at 0, 2, 4, W at 1, 3, 5.
    const N = NaN;
    const logical = [
      [1, 1, 1, 0, N, 0],
      [1, 1, 1, N, 0, N],
      [1, 1, 1, N, N, 0.75],
      [0, N, N, 1, N, N],
      [N, 0, N, N, 1, N],
      [0, N, 0.75, N, N, 1],
    ];
    const at = [0, 2, 4, 1, 3, 5];
    const score = new Float64Array(36);
    logical.forEach((row, i) => row.forEach((v, j) => (score[at[i] * 6 + at[j]] = v)));
    const { order, blocs } = seriation(score, 6);
    expect(contiguous(order, [0, 2, 4])).toBe(true);
    expect(contiguous(order, [1, 3, 5])).toBe(true);
    expect(blocs!.map((b) => [...b].sort())).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
  });

  it('breaks a tie the statements leave open by affiliation', () => {
    // 0 and 1 disagree; 2 shares nothing with either, only an affiliation with 1.
    const N = NaN;
    const score = [1, 0, N, 0, 1, N, N, N, 1];
    const sides = (groups: number[]) =>
      seriation(score, 3, groups).blocs!.map((b) => [...b].sort());
    expect(sides([0, 1, 1])).toEqual([[0], [1, 2]]);
    expect(sides([0, 1, 0])).toEqual([[0, 2], [1]]);
  });

  it.each([
    [0, []],
    [1, [0]],
  ])('has no blocs for %d actors', (n, order) => {
    expect(seriation(n === 0 ? [] : [1], n)).toEqual({ order, blocs: null, between: NaN });
  });
});

describe('profileSimilarity', () => {
  it('compares rows over the actors both have a score with', () => {
    // A and B never met; both disagree with C.
    const sim = profileSimilarity([1, NaN, 0, NaN, 1, 0, 0, 0, 1], 3);
    expect(sim[0 * 3 + 1]).toBe(1);
    // A vs C: k = A (1 vs 0), k = C (0 vs 1) -> 0; k = B unknown for A.
    expect(sim[0 * 3 + 2]).toBe(0);
    expect(Array.from([sim[0], sim[4], sim[8]])).toEqual([1, 1, 1]);
  });

  it('is unknown (NaN) when two rows have nothing in common', () => {
    const sim = profileSimilarity([1, NaN, NaN, 1], 2);
    expect(sim[1]).toBeNaN();
    expect(sim[2]).toBeNaN();
  });
});

describe('sharedTopics', () => {
  it('lists the topics both actors hold a stance on, with each side’s latest row', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'A', topic: 'ceasefire', stance: 1 },
      { date: '2024-02-01', actor: 'A', topic: 'ceasefire', stance: -1 },
      { date: '2024-01-01', actor: 'B', topic: 'ceasefire', stance: 2 },
      { date: '2024-01-01', actor: 'A', topic: 'talks', stance: 1 },
    ]);
    const m = agreement(cache, rows, ALL);
    const shared = sharedTopics(m, 0, 1);
    expect(shared.map((s) => cache.topics[m.topics[s.topic]])).toEqual(['ceasefire']);
    expect(cache.stance[shared[0].rowA]).toBe(-1);
    expect(cache.stance[shared[0].rowB]).toBe(2);
  });
});

describe('alphabeticalOrder', () => {
  it('orders names case-insensitively, numbers by value', () => {
    const names = ['Putin', 'biden', 'Lavrov', 'Actor 10', 'Actor 9'];
    expect(alphabeticalOrder(names).map((i) => names[i])).toEqual([
      'Actor 9',
      'Actor 10',
      'biden',
      'Lavrov',
      'Putin',
    ]);
  });
});
