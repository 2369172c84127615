import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StanceValue, StatementRecord } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import { applyEdits, fieldsAt, rowsOfIds } from '../../../src/query/edit-overlay';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER, type ColumnCache, type Filter } from '../../../src/query/types';
import { buildBands, type BandModel, type BandOptions } from '../../../src/views/timeline/bands';
import { groupShiftsOf } from '../../../src/views/timeline/group-shifts';
import { bandOf } from '../../../src/views/timeline/steps';
import { recoded, stanceEditArb } from '../query/stance-edits';
import { rec } from '../query/helpers';
import { seedCache } from '../query/seed';

/** Everything the timeline draws from a model: lanes, counts, each band's steps and shifts. */
function drawn(cache: ColumnCache, model: BandModel) {
  const series = [];
  for (let s = 0; s < model.seriesCount; s++) {
    const band = bandOf(cache, model, s);
    series.push({
      name: model.seriesName[s],
      steps: Array.from(band.row, (r, i) => [band.from[i], cache.stance[r], cache.flags[r]]),
      shifts: [...band.shifts].map(([step, x]) => [step, x.row, x.before, x.after, x.day]),
      group: [...groupShiftsOf(cache, model, s)].map(([row, x]) => [row, x.before, x.after]),
      count: model.seriesShifts[s],
      last: model.seriesLastShift[s],
    });
  }
  return {
    lanes: model.lanes.map((l) => `${l.group}/${l.name} ${l.count} ${l.lastShift}`),
    shiftCount: model.shiftCount,
    series,
  };
}

const ACTORS: [string, string][] = [
  ['Putin', 'Russia'],
  ['Lavrov', 'Russia'],
  ['Zelensky', 'Ukraine'],
  ['Biden', 'United States'],
];
const TOPICS = ['ceasefire', 'nato', 'talks'];

describe('band model after an edit of stances', () => {
  it('is patched from the model before, with the filtered rows handed back unchanged', async () => {
    const cache = await seedCache();
    const filter: Filter = { ...EMPTY_FILTER, topics: ['ceasefire', 'nato'] };
    const options: BandOptions = { by: 'actor', sort: 'name', collapsed: [] };
    const rows = filterRows(cache, filter);
    const before = buildBands(cache, rows, options);
    const lavrov = before.lanes.find((l) => l.name === 'Sergey Lavrov')!;
    const row = rowsOfIds(cache, ['seed-017']).get('seed-017')!;
    const edited = applyEdits(
      cache,
      new Map([['seed-017', { ...fieldsAt(cache, row), stance: -1 as const }]]),
    );

    const rowsAfter = filterRows(edited, filter);
    expect(rowsAfter).toBe(rows);
    const after = buildBands(edited, rowsAfter, options);
    expect(after.carried?.from).toBe(before);
    // Only Lavrov's ceasefire row is worked out again.
    expect([...after.carried!.series].map((s) => after.seriesName[s])).toEqual(['ceasefire']);
    expect(after.seriesLane[after.carried!.series[0]]).toBe(before.lanes.indexOf(lavrov));
    const fresh = cacheFromRecords(
      Array.from({ length: edited.n }, (_, r) => ({
        ...fieldsAt(edited, r),
        id: edited.text.get('id', r),
        source: edited.text.get('source', r),
        url: edited.text.get('url', r),
        reportedVia: edited.text.get('reportedVia', r),
        line: r + 2,
      })),
    );
    expect(drawn(edited, after)).toEqual(
      drawn(fresh, buildBands(fresh, filterRows(fresh, filter), options)),
    );
  });

  it('rows filtered by stance are chosen again, and the model built again', async () => {
    const cache = await seedCache();
    const filter: Filter = { ...EMPTY_FILTER, stances: [-2] };
    const rows = filterRows(cache, filter);
    const row = rowsOfIds(cache, ['seed-017']).get('seed-017')!;
    const edited = applyEdits(
      cache,
      new Map([['seed-017', { ...fieldsAt(cache, row), stance: -1 as const }]]),
    );
    const rowsAfter = filterRows(edited, filter);
    expect(rowsAfter.length).toBe(rows.length - 1);
    const model = buildBands(edited, rowsAfter, { by: 'actor', sort: 'name', collapsed: [] });
    expect(model.carried).toBeUndefined();
  });

  it('draws what a fresh build of the edited records draws (any options, filters, stances)', () => {
    const recordArb = fc.record({
      d: fc.integer({ min: 1, max: 50 }),
      a: fc.integer({ min: 0, max: ACTORS.length - 1 }),
      t: fc.constantFrom(...TOPICS),
      s: fc.constantFrom(-2, -1, 0, 1, 2, 'c' as const),
    });
    const optionsArb = fc.record({
      by: fc.constantFrom('actor' as const, 'topic' as const),
      sort: fc.constantFrom('name' as const, 'activity' as const, 'shift' as const),
      collapsed: fc.subarray(['Russia', 'Ukraine']),
    });
    const filterArb = fc.constantFrom<Filter>(
      EMPTY_FILTER,
      { ...EMPTY_FILTER, topics: ['ceasefire', 'talks'] },
      { ...EMPTY_FILTER, stances: [-2, -1] },
    );
    let patched = 0;
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 60 }),
        fc.array(stanceEditArb, { minLength: 1, maxLength: 3 }),
        optionsArb,
        filterArb,
        (rows, edits, options, filter) => {
          const records: StatementRecord[] = rows.map((r) =>
            rec({
              date: `2024-${String(1 + Math.floor(r.d / 28)).padStart(2, '0')}-${String(1 + (r.d % 28)).padStart(2, '0')}`,
              actor: ACTORS[r.a][0],
              affiliation: ACTORS[r.a][1],
              topic: r.t,
              stance: r.s as StanceValue | 'c',
            }),
          );
          const { latest, expected } = recoded(records, edits);
          const cache = cacheFromRecords(records);
          const before = buildBands(cache, filterRows(cache, filter), options);
          drawn(cache, before); // bands and group shifts built, as the drawing would have
          const edited = applyEdits(cache, latest);
          const after = buildBands(edited, filterRows(edited, filter), options);
          const fresh = buildBands(expected, filterRows(expected, filter), options);
          expect(drawn(edited, after)).toEqual(drawn(expected, fresh));
          if (after.carried) patched++;
        },
      ),
      { numRuns: 300 },
    );
    // The patch, not only the full build, was checked.
    expect(patched).toBeGreaterThan(60);
  });
});
