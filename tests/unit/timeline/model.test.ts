import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { seriesRows } from '../../../src/query/steps';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import {
  buildModel,
  laneShiftCount,
  laneShifts,
  laneShiftsIn,
  laneSteps,
  seriesOfRow,
  rowsExtent,
  shiftOf,
  stepCursor,
  type TimelineModel,
} from '../../../src/views/timeline/model';
import {
  describeLanes,
  seriesLine,
  shiftText,
  summaryLabel,
} from '../../../src/views/timeline/text';
import { day, rec, type RecInput } from '../query/helpers';

function setup(records: RecInput[], by: 'actor' | 'topic' = 'actor') {
  const cache = cacheFromRecords(records.map(rec));
  const rows = filterRows(cache, EMPTY_FILTER);
  const model = buildModel(cache, rows, by);
  return { cache, rows, model };
}

/** The other dimension's name of each series of a lane, in order. */
function seriesNames(cache: ColumnCache, model: TimelineModel, lane: number): string[] {
  const steps = laneSteps(cache, model, lane);
  return Array.from({ length: steps.count }, (_, s) =>
    model.by === 'actor' ? cache.topics[steps.topic[s]] : cache.actors[steps.actor[s]],
  );
}

const RECORDS: RecInput[] = [
  { date: '2024-12-01', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: -1 },
  {
    date: '2024-12-05',
    actor: 'Biden',
    affiliation: 'United States',
    topic: 'ceasefire',
    stance: 1,
  },
  { date: '2024-12-10', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 'c' },
  { date: '2024-12', actor: 'Lavrov', affiliation: 'Russia', topic: 'talks', stance: 0 },
  { date: '2024-12-20', actor: 'Putin', affiliation: 'Russia', topic: 'talks', stance: 2 },
];

describe('the timeline model', () => {
  it('keeps each lane’s rows together and in date order', () => {
    const { cache, model } = setup(RECORDS);
    expect(model.lanes.map((l) => l.key)).toEqual(['Lavrov', 'Putin', 'Biden']);
    const lane = (i: number) =>
      Array.from(model.order.subarray(model.start[i], model.start[i + 1]), (r) => cache.day[r]);
    expect(lane(1)).toEqual([day('2024-12-01'), day('2024-12-10'), day('2024-12-20')]);
    expect(Array.from(model.day)).toEqual(Array.from(model.order, (r) => cache.day[r]));
    expect(model.start[model.lanes.length]).toBe(RECORDS.length);
  });

  it('puts each series and each shift in its actor’s lane', () => {
    const { cache, model } = setup(RECORDS);
    const putin = model.lanes.findIndex((l) => l.key === 'Putin');
    expect(seriesNames(cache, model, putin)).toEqual(['ceasefire', 'talks']);
    expect(laneShifts(cache, model, putin).map((sh) => sh.day)).toEqual([day('2024-12-10')]);
    expect(model.shiftCount).toBe(1);
  });

  it('regroups series and shifts by topic', () => {
    const { cache, model } = setup(RECORDS, 'topic');
    expect(model.lanes.map((l) => l.key)).toEqual(['ceasefire', 'talks']);
    expect(seriesNames(cache, model, 0)).toEqual(['Biden', 'Putin']);
    expect(laneShifts(cache, model, 0)).toHaveLength(1);
    expect(laneShifts(cache, model, 1)).toHaveLength(0);
  });

  it('finds the shift a row made, and none for other rows', () => {
    const { cache, rows, model } = setup(RECORDS);
    const changed = Array.from(rows).filter((r) => shiftOf(cache, model, r) !== null);
    expect(changed.map((r) => cache.text.get('id', r))).toHaveLength(1);
    expect(cache.day[changed[0]]).toBe(day('2024-12-10'));
    expect(shiftText(shiftOf(cache, model, changed[0])!)).toBe(
      'shift: oppose → conditional support',
    );
  });

  it('gives a lane’s shifts in date order across its series, and counts them in a window', () => {
    const { cache, model } = setup([
      { date: '2024-01-10', actor: 'Putin', topic: 'ceasefire', stance: -1 },
      { date: '2024-01-20', actor: 'Putin', topic: 'ceasefire', stance: 1 },
      { date: '2024-01-12', actor: 'Putin', topic: 'talks', stance: 0 },
      { date: '2024-01-15', actor: 'Putin', topic: 'talks', stance: 2 },
      { date: '2024-01-25', actor: 'Putin', topic: 'talks', stance: -2 },
    ]);
    const shiftDays = laneShifts(cache, model, 0).map(
      (sh) => `${cache.topics[sh.topic]} ${sh.day}`,
    );
    expect(shiftDays).toEqual([
      `talks ${day('2024-01-15')}`,
      `ceasefire ${day('2024-01-20')}`,
      `talks ${day('2024-01-25')}`,
    ]);
    expect(laneShiftCount(cache, model, 0)).toBe(3);
    expect(laneShiftsIn(cache, model, 0, day('2024-01-15'), day('2024-01-25'))).toBe(2);
    expect(laneShiftsIn(cache, model, 0, day('2024-01-26'), day('2024-02-01'))).toBe(0);
  });

  it('finds no shift for the earlier of two same-day statements', () => {
    const { cache, rows, model } = setup([
      { date: '2024-01-10', actor: 'Putin', topic: 'ceasefire', stance: -1 },
      { date: '2024-01-20', actor: 'Putin', topic: 'ceasefire', stance: 2 },
      { date: '2024-01-20', actor: 'Putin', topic: 'ceasefire', stance: 1 },
    ]);
    expect(shiftOf(cache, model, rows[1])).toBeNull();
    expect(shiftText(shiftOf(cache, model, rows[2])!)).toBe('shift: oppose → support');
    expect(seriesOfRow(cache, model, rows[1])).toBe(0);
  });

  it('builds a lane’s steps only when they are asked for', () => {
    const { cache, model } = setup(RECORDS);
    expect(model.steps.every((t) => t === undefined)).toBe(true);
    const table = laneSteps(cache, model, 1);
    expect(laneSteps(cache, model, 1)).toBe(table);
    expect(model.steps.filter(Boolean)).toHaveLength(1);
  });

  it('spans from the first day to the end of the longest period', () => {
    const { cache, rows } = setup([
      { date: '1970', actor: 'A', topic: 't', stance: 0 },
      { date: '1970-03-01', actor: 'A', topic: 't', stance: 1 },
    ]);
    expect(rowsExtent(cache, rows)).toEqual([0, 365]);
    expect(rowsExtent(cache, new Uint32Array(0))).toBeNull();
  });
});

describe('the keyboard cursor', () => {
  const days = Int32Array.of(5, 10, 20, 30);
  const rows = Uint32Array.of(0, 1, 2, 3);

  it.each([
    [-1, 1, 1],
    [-1, -1, 2],
    [1, 1, 2],
    [2, 1, 2],
    [2, -1, 1],
    [1, -1, 1],
    [0, 1, 1],
    [3, -1, 2],
  ] as const)('from index %d, step %d inside [8, 25) -> %d', (cursor, step, expected) => {
    expect(stepCursor(days, rows, cursor, step, 8, 25)).toBe(expected);
  });

  it('has nowhere to go when no statement is in view', () => {
    expect(stepCursor(days, rows, -1, 1, 40, 50)).toBe(-1);
  });
});

describe('the timeline in words', () => {
  it('summarises statements, lanes, dates and shifts', () => {
    const { rows, model } = setup(RECORDS);
    expect(summaryLabel(model, rows.length, [day('2024-12-01'), day('2025-01-01')])).toBe(
      'Timeline of 5 statements in 3 lanes by actor, 2024-12-01 to 2024-12-31, 1 stance shift. ' +
        'Showing 2024-12-01 to 2024-12-31.',
    );
  });

  it('says when nothing matches', () => {
    const { model } = setup([]);
    expect(summaryLabel(model, 0, [0, 10])).toMatch(/no statements/);
  });

  it('lists each change of stance with its date', () => {
    const { cache, model } = setup(RECORDS);
    const text = describeLanes(cache, model);
    const putin = text.lanes.find((l) => l.key === 'Putin')!;
    expect(putin.title).toBe('Putin (Russia), 1 shift');
    expect(putin.lines).toEqual([
      'ceasefire: oppose (2024-12-01) → conditional support (2024-12-10)',
      'talks: strongly support (2024-12-20), unchanged',
    ]);
  });

  it('writes a month-precise date as the month', () => {
    const { cache, model } = setup(RECORDS);
    const lavrov = describeLanes(cache, model).lanes.find((l) => l.key === 'Lavrov')!;
    expect(lavrov.lines).toEqual(['talks: neutral (2024-12), unchanged']);
  });

  it('does not count a repeated stance as a change', () => {
    const { cache, model } = setup([
      { date: '2024-01-01', actor: 'A', topic: 't', stance: 1 },
      { date: '2024-01-02', actor: 'A', topic: 't', stance: 1 },
      { date: '2024-01-03', actor: 'A', topic: 't', stance: -2 },
    ]);
    expect(seriesLine(cache, 't', seriesRows(laneSteps(cache, model, 0), 0))).toBe(
      't: support (2024-01-01) → strongly oppose (2024-01-03)',
    );
  });

  it('lists the first lanes and says how many more there are', () => {
    const records: RecInput[] = Array.from({ length: 7 }, (_, i) => ({
      date: '2024-01-01',
      actor: `Actor ${i}`,
      topic: 't',
      stance: 0 as const,
    }));
    const { cache, model } = setup(records);
    const text = describeLanes(cache, model, 5);
    expect(text.lanes).toHaveLength(5);
    expect(text.more).toBe(2);
  });
});
