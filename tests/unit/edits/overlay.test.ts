import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsOf, type StatementFields } from '../../../src/domain/edits';
import type { StanceValue, StatementRecord } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import { applyEdits, fieldsAt, rowsOfIds } from '../../../src/query/edit-overlay';
import { filterRows } from '../../../src/query/filter';
import { matrixModel } from '../../../src/query/matrix';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { rec } from '../query/helpers';
import { seedCache } from '../query/seed';

/** Every row as (id, fields), in cache order: what the views read. */
function rowsOf(cache: ColumnCache): [string, StatementFields][] {
  const out: [string, StatementFields][] = [];
  for (let r = 0; r < cache.n; r++) out.push([cache.text.get('id', r), fieldsAt(cache, r)]);
  return out;
}

const ACTORS = ['Putin', 'Lavrov', 'Zelensky', 'Biden', 'Aaron'];
const TOPICS = ['ceasefire', 'nato', 'talks', 'zz-new'];

describe('applyEdits', () => {
  it('shows the corrected stance and leaves every other row as it was', async () => {
    const cache = await seedCache();
    const before = rowsOf(cache);
    const row = rowsOfIds(cache, ['seed-017']).get('seed-017')!;
    const fields = fieldsAt(cache, row);
    expect(fields.stance).toBe(-2);
    const edited = applyEdits(cache, new Map([['seed-017', { ...fields, stance: -1 as const }]]));
    expect(edited).not.toBe(cache);
    const after = rowsOf(edited);
    expect(after.find(([id]) => id === 'seed-017')![1].stance).toBe(-1);
    expect(after.filter(([id]) => id !== 'seed-017')).toEqual(
      before.filter(([id]) => id !== 'seed-017'),
    );
  });

  it('finds an edited quote by search and no longer the old words', () => {
    const records = [
      rec({ date: '2024-11-02', actor: 'Putin', topic: 'talks', stance: 0, quote: 'We will see' }),
      rec({ date: '2024-11-03', actor: 'Lavrov', topic: 'talks', stance: -1, quote: 'No truce' }),
    ];
    const cache = cacheFromRecords(records);
    const edited = applyEdits(
      cache,
      new Map([[records[0].id, { ...fieldsOf(records[0]), quote: 'We shall see' }]]),
    );
    expect(filterRows(edited, { ...EMPTY_FILTER, search: 'shall' }).length).toBe(1);
    expect(filterRows(edited, { ...EMPTY_FILTER, search: 'will see' }).length).toBe(0);
  });

  it('matches a fresh build of the edited records (dates, names, new names, stances)', () => {
    const recordArb = fc.record({
      d: fc.integer({ min: 1, max: 60 }),
      a: fc.constantFrom(...ACTORS.slice(0, 3)),
      t: fc.constantFrom(...TOPICS.slice(0, 3)),
      s: fc.constantFrom(-2, -1, 0, 1, 2, 'c' as const),
    });
    const editArb = fc.record({
      i: fc.nat(),
      d: fc.option(fc.integer({ min: 1, max: 60 })),
      a: fc.option(fc.constantFrom(...ACTORS)),
      t: fc.option(fc.constantFrom(...TOPICS)),
      s: fc.option(fc.constantFrom(-2, -1, 0, 1, 2)),
      u: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 40 }),
        fc.array(editArb, { maxLength: 6 }),
        (rows, edits) => {
          const records: StatementRecord[] = rows.map((r) =>
            rec({
              date: `2024-${String(1 + Math.floor(r.d / 28)).padStart(2, '0')}-${String(1 + (r.d % 28)).padStart(2, '0')}`,
              actor: r.a,
              topic: r.t,
              stance: r.s as StanceValue | 'c',
            }),
          );
          const latest = new Map<string, StatementFields>();
          for (const e of edits) {
            const target = records[e.i % records.length];
            const f = latest.get(target.id) ?? fieldsOf(target);
            latest.set(target.id, {
              ...f,
              day: e.d === null ? f.day : f.day + e.d,
              actor: e.a ?? f.actor,
              topic: e.t ?? f.topic,
              stance: (e.s ?? f.stance) as StatementFields['stance'],
              conditional: e.u || e.s !== null ? false : f.conditional,
              uncoded: e.u,
            });
          }
          const expected = cacheFromRecords(
            records.map((r) => {
              const f = latest.get(r.id);
              return f ? { ...r, ...f, stance: f.uncoded ? 0 : f.stance } : r;
            }),
          );
          const edited = applyEdits(cacheFromRecords(records), latest);
          expect(rowsOf(edited)).toEqual(rowsOf(expected));
          expect([edited.minDay, edited.maxDay]).toEqual([expected.minDay, expected.maxDay]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same matrix as a fresh build after recoding, with the indexes carried over', async () => {
    const stored = await seedCache();
    const all = (c: ColumnCache) => Uint32Array.from({ length: c.n }, (_, i) => i);
    const options = {
      asOf: stored.maxDay,
      compare: stored.maxDay - 30,
      staleDays: 90,
      stances: [],
    };
    // Built once on the stored cache, so the edited copy is handed its indexes.
    matrixModel(stored, all(stored), options);
    const row = rowsOfIds(stored, ['seed-017']).get('seed-017')!;
    const after = { ...fieldsAt(stored, row), stance: 1 as const, conditional: true };
    const records = rowsOf(stored).map(([id, f]) => ({ ...(id === 'seed-017' ? after : f), id }));
    const edited = applyEdits(stored, new Map([['seed-017', after]]));
    const fresh = cacheFromRecords(
      records.map((r, i) => ({ ...r, source: '', url: '', reportedVia: '', line: i + 2 })),
    );
    const cells = (c: ColumnCache) =>
      matrixModel(c, all(c), options).rows.map((r) => JSON.stringify(r.cells));
    expect(cells(edited)).toEqual(cells(fresh));
  });
});
