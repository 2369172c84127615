import { describe, expect, it } from 'vitest';
import type { StanceValue } from '../../../src/domain/types';
import { agreement, alphabeticalOrder, seriate } from '../../../src/query/agreement';
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
