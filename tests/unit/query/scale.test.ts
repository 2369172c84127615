import { describe, expect, it } from 'vitest';
import type { StanceValue, StatementRecord } from '../../../src/domain/types';
import { agreement, seriate } from '../../../src/query/agreement';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { matrixModel } from '../../../src/query/matrix';
import { laneOrder, lanes } from '../../../src/query/lanes';
import { shifts, stepTable } from '../../../src/query/steps';
import { EMPTY_FILTER } from '../../../src/query/types';
import { random, rec } from './helpers';

const N = 200_000;
const ACTORS = 120;
const TOPICS = 12;
const START = 19_000;
const DAYS = 1_000;

/** Seeded synthetic statements: random actor, topic, day and stance, some conditional. */
function synthetic(): StatementRecord[] {
  const next = random(42);
  const pick = (k: number) => Math.floor(next() * k);
  const base = rec({ date: '2024-01-01', actor: 'x', topic: 'x', stance: 0 });
  return Array.from({ length: N }, (_, i) => {
    const conditional = next() < 0.1;
    return {
      ...base,
      id: `s${i}`,
      line: i + 2,
      day: START + pick(DAYS),
      precision: 'day',
      actor: `Actor ${pick(ACTORS)}`,
      affiliation: `State ${pick(5)}`,
      topic: `topic-${pick(TOPICS)}`,
      stance: conditional ? 1 : ((pick(5) - 2) as StanceValue),
      conditional,
      quote: i % 1000 === 0 ? `Needle ${i}` : 'words',
    };
  });
}

describe('at 200k rows', () => {
  const records = synthetic();
  const cache = cacheFromRecords(records);
  const rows = filterRows(cache, EMPTY_FILTER);

  it('keeps every row, sorted by day', () => {
    expect(cache.n).toBe(N);
    expect(rows.length).toBe(N);
    let sorted = true;
    for (let i = 1; i < N; i++) if (cache.day[i] < cache.day[i - 1]) sorted = false;
    expect(sorted).toBe(true);
    expect(cache.actors).toHaveLength(ACTORS);
  });

  it('filters to sensible totals', () => {
    const from = START + 100;
    const to = START + 199;
    const expected = records.filter((r) => r.day >= from && r.day <= to).length;
    expect(filterRows(cache, { ...EMPTY_FILTER, from, to }).length).toBe(expected);
    expect(filterRows(cache, { ...EMPTY_FILTER, search: 'needle' }).length).toBe(N / 1000);
    const conditional = records.filter((r) => r.conditional).length;
    expect(filterRows(cache, { ...EMPTY_FILTER, stances: ['c'] }).length).toBe(conditional);
  });

  it('accounts for every statement in the state views', () => {
    const matrix = matrixModel(cache, rows, { asOf: START + DAYS, compare: null, staleDays: 30 });
    const cells = matrix.rows
      .filter((r) => r.kind === 'actor')
      .flatMap((r) => [...r.cells.values()]);
    expect(matrix.actorCount).toBe(ACTORS);
    expect(cells).toHaveLength(ACTORS * TOPICS);
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(N);

    const table = stepTable(cache, laneOrder(cache, rows, 'actor'));
    const pairDays = new Set(records.map((r) => `${r.actor}|${r.topic}|${r.day}`));
    expect(table.count).toBe(ACTORS * TOPICS);
    expect(table.row.length).toBe(pairDays.size);

    const changes = shifts(cache, rows);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThan(pairDays.size - table.count + 1);
    expect(lanes(cache, rows, 'actor').reduce((sum, l) => sum + l.rows.length, 0)).toBe(N);
  });

  it('builds a full agreement matrix and orders it', () => {
    const m = agreement(cache, rows, { from: null, to: null });
    expect(m.actors).toHaveLength(ACTORS);
    expect(m.shared[0]).toBe(TOPICS);
    const order = seriate(m.score, m.actors.length);
    expect(new Set(order).size).toBe(ACTORS);
  });
});
