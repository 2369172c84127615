import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/domain/dates';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { laneOrder, lanes } from '../../../src/query/lanes';
import { computePairIndex, shiftCount, shifts, stepTable } from '../../../src/query/steps';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { day, random, rec, type RecInput } from './helpers';

function setup(records: RecInput[]) {
  const cache = cacheFromRecords(records.map(rec));
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

const pairName = (cache: ColumnCache, c: { actor: number; topic: number }) =>
  `${cache.actors[c.actor]}/${cache.topics[c.topic]}`;

/** A short text per stance: `-1`, `+1`, `+1c` (conditional). */
const stanceText = (stance: number, conditional: boolean) =>
  `${stance > 0 ? '+' : ''}${stance}${conditional ? 'c' : ''}`;

describe('lanes', () => {
  const { cache, rows } = setup([
    { date: '2024-01-01', actor: 'Lavrov', affiliation: 'Russia', topic: 'talks', stance: 1 },
    {
      date: '2024-01-02',
      actor: 'Biden',
      affiliation: 'United States',
      topic: 'ceasefire',
      stance: 1,
    },
    { date: '2024-01-03', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: -1 },
    { date: '2024-01-04', actor: 'Pope', topic: 'ceasefire', stance: 1 },
    { date: '2024-01-05', actor: 'Abbott', topic: 'talks', stance: 0 },
    { date: '2024-01-06', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: 0 },
  ]);

  it('groups actor lanes by affiliation, then name, with unaffiliated actors last', () => {
    const result = lanes(cache, rows, 'actor');
    expect(result.map((l) => `${l.affiliation}:${l.key}`)).toEqual([
      'Russia:Lavrov',
      'Russia:Putin',
      'United States:Biden',
      ':Abbott',
      ':Pope',
    ]);
    expect(result[1].rows.map((r) => formatDay(cache.day[r]))).toEqual([
      '2024-01-03',
      '2024-01-06',
    ]);
    expect(result.every((l) => cache.actors[l.code] === l.key)).toBe(true);
  });

  it('makes one lane per topic, by name, holding only the given rows', () => {
    const result = lanes(cache, rows.slice(0, 3), 'topic');
    expect(result.map((l) => [l.key, l.rows.length])).toEqual([
      ['ceasefire', 2],
      ['talks', 1],
    ]);
  });
});

/** Each pair's steps as `from..to stance` (to: the next step's day, or `end`), pairs by name. */
function stepsByPair(cache: ColumnCache, rows: ArrayLike<number>): [string, string[]][] {
  const table = stepTable(cache, laneOrder(cache, rows, 'actor'));
  const series = Array.from({ length: table.count }, (_, s): [string, string[]] => {
    const steps: string[] = [];
    const end = table.start[s + 1];
    for (let i = table.start[s]; i < end; i++) {
      const r = table.row[i];
      const to = i + 1 < end ? formatDay(table.from[i + 1]) : 'end';
      const stance = stanceText(cache.stance[r], (cache.flags[r] & 1) === 1);
      steps.push(`${formatDay(table.from[i])}..${to} ${stance} "${cache.text.get('quote', r)}"`);
    }
    return [pairName(cache, { actor: table.actor[s], topic: table.topic[s] }), steps];
  });
  return series.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

describe('stepTable steps', () => {
  it('carries a stance forward until the next statement', () => {
    const { cache, rows } = setup([
      { date: '2024-03-10', actor: 'Putin', topic: 'ceasefire', stance: -2 },
      { date: '2024-05-01', actor: 'Putin', topic: 'ceasefire', stance: 'c' },
      { date: '2024-04-01', actor: 'Putin', topic: 'ceasefire', stance: -1 },
      { date: '2024-04-15', actor: 'Biden', topic: 'ceasefire', stance: 1 },
    ]);
    expect(stepsByPair(cache, rows)).toEqual([
      ['Biden/ceasefire', ['2024-04-15..end +1 ""']],
      [
        'Putin/ceasefire',
        ['2024-03-10..2024-04-01 -2 ""', '2024-04-01..2024-05-01 -1 ""', '2024-05-01..end +1c ""'],
      ],
    ]);
  });

  it('lets the later row win among statements of a pair on the same day', () => {
    const { cache, rows } = setup([
      { date: '2024-03-10', actor: 'Putin', topic: 'ceasefire', stance: -2 },
      { date: '2024-03-12', actor: 'Putin', topic: 'ceasefire', stance: 0, quote: 'first' },
      { date: '2024-03-12', actor: 'Putin', topic: 'ceasefire', stance: 1, quote: 'second' },
    ]);
    expect(stepsByPair(cache, rows)).toEqual([
      ['Putin/ceasefire', ['2024-03-10..2024-03-12 -2 ""', '2024-03-12..end +1 "second"']],
    ]);
  });

  it('builds steps from the given rows only', () => {
    const { cache } = setup([
      { date: '2024-03-10', actor: 'Putin', topic: 'ceasefire', stance: -2 },
      { date: '2024-03-12', actor: 'Putin', topic: 'ceasefire', stance: 1 },
    ]);
    const rows = filterRows(cache, { ...EMPTY_FILTER, stances: [-2] });
    expect(stepsByPair(cache, rows)).toEqual([['Putin/ceasefire', ['2024-03-10..end -2 ""']]]);
  });
});

describe('stepTable', () => {
  const { cache, rows } = setup([
    { date: '2024-01-01', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: -1 },
    { date: '2024-01-02', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: -1 },
    { date: '2024-01-03', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: 0 },
    { date: '2024-01-03', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: 'c' },
    { date: '2024-01-04', actor: 'Abbott', topic: 'talks', stance: 2 },
    { date: '2024-01-05', actor: 'Abbott', topic: 'talks', stance: -2 },
  ]);

  /** Each step as `day stance`, with `*` on the steps that are shifts. */
  const describeTable = (table: ReturnType<typeof stepTable>) =>
    Array.from({ length: table.count }, (_, s) => {
      const steps: string[] = [];
      for (let i = table.start[s]; i < table.start[s + 1]; i++) {
        const r = table.row[i];
        const shift = table.shiftRank[i + 1] > table.shiftRank[i] ? '*' : '';
        steps.push(
          `${formatDay(table.from[i])} ${stanceText(cache.stance[r], (cache.flags[r] & 1) === 1)}${shift}`,
        );
      }
      return `${pairName(cache, { actor: table.actor[s], topic: table.topic[s] })}: ${steps.join(', ')}`;
    });

  it('marks the steps that change the state, lane by lane', () => {
    const table = stepTable(cache, laneOrder(cache, rows, 'actor'));
    expect(describeTable(table)).toEqual([
      'Putin/talks: 2024-01-01 -1, 2024-01-02 -1, 2024-01-03 +1c*',
      'Abbott/talks: 2024-01-04 +2, 2024-01-05 -2*',
    ]);
    expect(table.shiftRank[table.row.length]).toBe(2);
    expect(Array.from(table.laneSeries)).toEqual([0, 1, 2]);
  });

  it('builds only the lanes it is asked for', () => {
    const grouped = laneOrder(cache, rows, 'actor');
    expect(describeTable(stepTable(cache, grouped, 1, 2))).toEqual([
      'Abbott/talks: 2024-01-04 +2, 2024-01-05 -2*',
    ]);
  });

  it('gives the same steps and shifts whichever way the lanes run', () => {
    const byTopic = describeTable(stepTable(cache, laneOrder(cache, rows, 'topic')));
    expect(byTopic.sort()).toEqual(
      describeTable(stepTable(cache, laneOrder(cache, rows, 'actor'))).sort(),
    );
  });
});

describe('pairIndex', () => {
  it('numbers pairs the same through its table and by sorting the rows', () => {
    const { cache } = setup([
      { date: '2024-01-01', actor: 'Putin', topic: 'talks', stance: 1 },
      { date: '2024-01-02', actor: 'Biden', topic: 'talks', stance: 1 },
      { date: '2024-01-03', actor: 'Putin', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-04', actor: 'Putin', topic: 'talks', stance: 1 },
    ]);
    const dense = computePairIndex(cache);
    const sorted = computePairIndex(cache, 0);
    expect(Array.from(dense.id)).toEqual([2, 0, 1, 2]);
    expect(sorted).toEqual(dense);
  });

  it('numbers any rows the same both ways', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            actor: fc.constantFrom('A', 'B', 'C', 'D'),
            topic: fc.constantFrom('t1', 't2', 't3'),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { maxLength: 30 },
        ),
        (statements) => {
          const { cache } = setup(
            statements.map((x) => ({
              date: `2024-01-${String(x.day).padStart(2, '0')}`,
              actor: x.actor,
              topic: x.topic,
              stance: 1,
            })),
          );
          expect(computePairIndex(cache, 0)).toEqual(computePairIndex(cache));
        },
      ),
    );
  });
});

describe('shifts', () => {
  it.each<[string, (number | 'c')[], string[]]>([
    ['no change', [-1, -1, -1], []],
    ['softening', [-2, -1], ['2024-01-02 -2 -> -1 (+1)']],
    ['a reversal and back', [-1, 1, -1], ['2024-01-02 -1 -> +1 (+1)', '2024-01-03 +1 -> -1 (-1)']],
    ['support becomes conditional', [1, 'c'], ['2024-01-02 +1 -> +1c (0)']],
    ['conditional becomes strong support', ['c', 2], ['2024-01-02 +1c -> +2 (+1)']],
    ['conditional repeated', ['c', 'c'], []],
  ])('%s', (_, stances, expected) => {
    const { cache, rows } = setup(
      stances.map((stance, i) => ({
        date: `2024-01-0${i + 1}`,
        actor: 'Putin',
        topic: 'ceasefire',
        stance: stance as -2 | -1 | 0 | 1 | 2 | 'c',
      })),
    );
    expect(
      shifts(cache, rows).map(
        (s) =>
          `${formatDay(s.day)} ${stanceText(s.before, s.beforeConditional)} -> ${stanceText(s.after, s.afterConditional)} (${s.direction > 0 ? '+' : ''}${s.direction})`,
      ),
    ).toEqual(expected);
  });

  it('lists shifts of all pairs in date order, with the statements on both sides', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'Putin', topic: 'ceasefire', stance: -2 },
      { date: '2024-01-05', actor: 'Biden', topic: 'talks', stance: 1 },
      { date: '2024-02-01', actor: 'Putin', topic: 'ceasefire', stance: 0 },
      { date: '2024-01-20', actor: 'Biden', topic: 'talks', stance: -1 },
    ]);
    const result = shifts(cache, rows);
    expect(result.map((s) => `${formatDay(s.day)} ${pairName(cache, s)}`)).toEqual([
      '2024-01-20 Biden/talks',
      '2024-02-01 Putin/ceasefire',
    ]);
    expect(formatDay(cache.day[result[1].fromRow])).toBe('2024-01-01');
    expect(result[1].row).toBe(rows[rows.length - 1]);
  });

  it('counts as many shifts as it lists', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'Putin', topic: 'ceasefire', stance: -1 },
      { date: '2024-01-02', actor: 'Putin', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-02', actor: 'Biden', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-03', actor: 'Biden', topic: 'ceasefire', stance: 'c' },
      { date: '2024-01-03', actor: 'Putin', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-04', actor: 'Putin', topic: 'ceasefire', stance: -2 },
    ]);
    expect(shifts(cache, rows)).toHaveLength(3);
    expect(shiftCount(cache, rows)).toBe(3);
    expect(shiftCount(cache, rows.slice(0, 3))).toBe(1);
    expect(shiftCount(cache, [])).toBe(0);
  });

  it('compares same-day statements as one: the later row', () => {
    const { cache, rows } = setup([
      { date: '2024-01-01', actor: 'Putin', topic: 'ceasefire', stance: -1 },
      { date: '2024-01-02', actor: 'Putin', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-02', actor: 'Putin', topic: 'ceasefire', stance: -1 },
    ]);
    expect(shifts(cache, rows)).toEqual([]);
  });
});

describe('against a plain reference, on random statements', () => {
  // Few days and pairs, so same-day statements of a pair are common.
  const next = random(7);
  const pick = (k: number) => Math.floor(next() * k);
  const records: RecInput[] = Array.from({ length: 5000 }, () => ({
    date: formatDay(day('2024-01-01') + pick(60)),
    actor: `Actor ${pick(9)}`,
    affiliation: pick(2) ? `State ${pick(3)}` : '',
    topic: `topic-${pick(4)}`,
    stance: next() < 0.1 ? 'c' : ((pick(5) - 2) as -2 | -1 | 0 | 1 | 2),
  }));
  const { cache, rows } = setup(records);

  /** The step rule written plainly: per pair, in row order, same day replaces, new day appends. */
  function referenceSteps(): Map<string, number[]> {
    const byPair = new Map<string, number[]>();
    for (const r of rows) {
      const key = pairName(cache, { actor: cache.actor[r], topic: cache.topic[r] });
      const steps = byPair.get(key) ?? [];
      const last = steps[steps.length - 1];
      if (last !== undefined && cache.day[last] === cache.day[r]) steps[steps.length - 1] = r;
      else steps.push(r);
      byPair.set(key, steps);
    }
    return byPair;
  }

  it('builds the same steps, in actor and in topic lanes', () => {
    const expected = [...referenceSteps()].sort();
    for (const by of ['actor', 'topic'] as const) {
      const table = stepTable(cache, laneOrder(cache, rows, by));
      const got = Array.from({ length: table.count }, (_, s): [string, number[]] => [
        pairName(cache, { actor: table.actor[s], topic: table.topic[s] }),
        Array.from(table.row.subarray(table.start[s], table.start[s + 1])),
      ]);
      expect(got.sort()).toEqual(expected);
    }
  });

  it('counts and lists the shifts the plain rule finds', () => {
    const state = (r: number) => `${cache.stance[r]}${cache.flags[r] & 1 ? 'c' : ''}`;
    const expected: number[] = [];
    for (const steps of referenceSteps().values()) {
      for (let i = 1; i < steps.length; i++) {
        if (state(steps[i]) !== state(steps[i - 1])) expected.push(steps[i]);
      }
    }
    expected.sort((x, y) => x - y);
    expect(expected.length).toBeGreaterThan(100);
    expect(shifts(cache, rows).map((s) => s.row)).toEqual(expected);
    expect(shiftCount(cache, rows)).toBe(expected.length);
  });
});

describe('the unfiltered view, grouped once per cache', () => {
  const { cache, rows } = setup([
    {
      date: '2024-11-01',
      actor: 'Vladimir Putin',
      affiliation: 'Russia',
      topic: 'talks',
      stance: 1,
    },
    {
      date: '2024-12-01',
      actor: 'Vladimir Putin',
      affiliation: 'Russia',
      topic: 'talks',
      stance: -2,
    },
    {
      date: '2024-12-02',
      actor: 'Joe Biden',
      affiliation: 'United States',
      topic: 'talks',
      stance: 2,
    },
    {
      date: '2024-12-03',
      actor: 'Joe Biden',
      affiliation: 'United States',
      topic: 'aid',
      stance: 1,
    },
  ]);
  const laneNames = (order: ReturnType<typeof laneOrder>) =>
    order.lanes.map(
      (l, i) => `${l.key}: ${Array.from(order.order.subarray(order.start[i], order.start[i + 1]))}`,
    );

  it('gives the same lanes and shift count when every row comes back after a filter', () => {
    const first = laneNames(laneOrder(cache, rows, 'actor'));
    expect(shiftCount(cache, rows)).toBe(1);
    const some = Uint32Array.of(2, 3);
    expect(laneNames(laneOrder(cache, some, 'actor'))).toEqual(['Joe Biden: 2,3']);
    expect(shiftCount(cache, some)).toBe(0);
    expect(laneNames(laneOrder(cache, rows.slice(), 'actor'))).toEqual(first);
    expect(first).toEqual(['Vladimir Putin: 0,1', 'Joe Biden: 2,3']);
    expect(laneNames(laneOrder(cache, rows, 'topic'))).toEqual(['aid: 3', 'talks: 0,1,2']);
    expect(shiftCount(cache, rows.slice())).toBe(1);
  });
});
