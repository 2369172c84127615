import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { shifts, stepSeries } from '../../../src/query/state';
import { EMPTY_FILTER } from '../../../src/query/types';
import { buildModel, rowsExtent, stepCursor } from '../../../src/views/timeline/model';
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
  const model = buildModel(cache, rows, by, stepSeries(cache, rows), shifts(cache, rows));
  return { cache, rows, model };
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
    expect(model.seriesByLane[putin].map((id) => cache.topics[model.series[id].topic])).toEqual([
      'ceasefire',
      'talks',
    ]);
    expect(model.shiftsByLane[putin].shifts).toHaveLength(1);
    expect(Array.from(model.shiftsByLane[putin].days)).toEqual([day('2024-12-10')]);
  });

  it('regroups series and shifts by topic', () => {
    const { cache, model } = setup(RECORDS, 'topic');
    expect(model.lanes.map((l) => l.key)).toEqual(['ceasefire', 'talks']);
    expect(model.seriesByLane[0].map((id) => cache.actors[model.series[id].actor])).toEqual([
      'Biden',
      'Putin',
    ]);
    expect(model.shiftsByLane[0].shifts).toHaveLength(1);
  });

  it('finds the shift a row made, and none for other rows', () => {
    const { cache, rows, model } = setup(RECORDS);
    const changed = Array.from(rows).filter((r) => model.shiftOfRow[r] >= 0);
    expect(changed.map((r) => cache.text.get('id', r))).toHaveLength(1);
    expect(cache.day[changed[0]]).toBe(day('2024-12-10'));
    expect(shiftText(model.shifts[model.shiftOfRow[changed[0]]])).toBe(
      'shift: oppose → conditional support',
    );
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
    expect(seriesLine(cache, 't', model.series[0].steps)).toBe(
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
