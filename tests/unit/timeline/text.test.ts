/**
 * "Timeline as text" and the timeline's shift count use the one definition of a shift
 * (src/query/shifts.ts), so they agree with the Shifts view (issue 15, item 5).
 */
import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { findShifts, KIND_ACTOR } from '../../../src/query/shifts';
import { seriesRows, shiftCount } from '../../../src/query/steps';
import { EMPTY_FILTER } from '../../../src/query/types';
import { buildModel, laneSteps } from '../../../src/views/timeline/model';
import { describeLanes, describeShifts, seriesLine } from '../../../src/views/timeline/text';
import { day, rec, type RecInput } from '../query/helpers';
import { seedCache } from '../query/seed';

const RECORDS: RecInput[] = [
  { date: '2024-12-01', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: -1 },
  // Uncoded: sets no state, so -1 -> uncoded -> -1 is no shift.
  {
    date: '2024-12-03',
    actor: 'Putin',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: 0,
    uncoded: true,
  },
  { date: '2024-12-05', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: -1 },
  // Same day: the later statement sets the day, so +2 then +1 is one shift, to +1.
  { date: '2024-12-09', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 2 },
  { date: '2024-12-09', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 1 },
  { date: '2024-11', actor: 'Lavrov', affiliation: 'Russia', topic: 'talks', stance: 0 },
  {
    date: '2024-12-20',
    actor: 'Lavrov',
    affiliation: 'Russia',
    topic: 'talks',
    stance: 0,
    uncoded: true,
  },
];

function setup(records: RecInput[]) {
  const cache = cacheFromRecords(records.map(rec));
  const rows = filterRows(cache, EMPTY_FILTER);
  return { cache, rows, model: buildModel(cache, rows, 'actor') };
}

describe('Timeline as text agrees with the Shifts view', () => {
  it('writes each series as its first state and its shifts: uncoded statements set no state', () => {
    const { cache, model } = setup(RECORDS);
    const lane = model.lanes.findIndex((l) => l.key === 'Putin');
    expect(seriesLine(cache, 'ceasefire', seriesRows(laneSteps(cache, model, lane), 0))).toBe(
      'ceasefire: oppose (2024-12-01) → support (2024-12-09)',
    );
  });

  it('counts the shifts of each lane and of the chart as findShifts does', () => {
    const { cache, rows, model } = setup(RECORDS);
    const text = describeLanes(cache, model);
    expect(text.lanes.map((l) => l.title)).toEqual([
      'Lavrov (Russia), 0 shifts',
      'Putin (Russia), 1 shift',
    ]);
    const table = findShifts(cache, rows);
    const actorShifts = Array.from(table.kind).filter((k) => k === KIND_ACTOR).length;
    expect(shiftCount(cache, rows)).toBe(actorShifts);
    expect(actorShifts).toBe(1);
  });

  it('says when a series holds only uncoded statements', () => {
    const { cache, model } = setup([RECORDS[1]]);
    expect(describeLanes(cache, model).lanes[0].lines).toEqual(['ceasefire: uncoded only']);
  });

  it("lists Russia's ceasefire move on the bundled data, in the Shifts view's words", async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    expect(describeShifts(cache, rows).lines).toContain(
      'Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) → strongly oppose (Sergey Lavrov, 2024-12-26)',
    );
    // A From after the move leaves it out, as the Shifts view does.
    expect(describeShifts(cache, rows, day('2024-12-27'), null).lines).toEqual([]);
  });
});
