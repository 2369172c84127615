import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { EMPTY_FILTER } from '../../../src/query/types';
import { filterRows } from '../../../src/query/filter';
import { stanceListCodec } from '../../../src/url/codecs';
import { rowStanceLabel } from '../../../src/domain/stance';
import { nativeCells, statementObject } from '../../../src/export/statements';
import { NATIVE_COLUMNS } from '../../../src/domain/types';
import { rec } from './helpers';

const cache = cacheFromRecords([
  rec({ id: 'a', date: '2024-11-01', actor: 'Putin', topic: 'ceasefire', stance: -2 }),
  rec({ id: 'b', date: '2024-11-02', actor: 'Putin', topic: 'ceasefire', stance: 'c' }),
  rec({
    id: 'c',
    date: '2024-11-03',
    actor: 'Putin',
    topic: 'ceasefire',
    stance: 0,
    uncoded: true,
  }),
  rec({ id: 'd', date: '2024-11-04', actor: 'Putin', topic: 'ceasefire', stance: 0 }),
]);
const ids = (rows: Uint32Array) => [...rows].map((r) => cache.text.get('id', r));

describe('uncoded statements', () => {
  it.each([
    [['u'], ['c']],
    [[0], ['d']],
    [['c'], ['b']],
    [
      [-2, 'u'],
      ['a', 'c'],
    ],
  ] as const)('the stance filter %j keeps %j', (stances, expected) => {
    expect(ids(filterRows(cache, { ...EMPTY_FILTER, stances: [...stances] }))).toEqual(expected);
  });

  it('are called uncoded, never neutral', () => {
    const r = ids(filterRows(cache, EMPTY_FILTER)).indexOf('c');
    expect(rowStanceLabel(cache.stance[r], cache.flags[r])).toBe('uncoded');
    expect(rowStanceLabel(0, 0)).toBe('neutral');
    expect(rowStanceLabel(1, 1)).toBe('conditional support');
  });

  it('export an empty stance in CSV and null in JSON, so a re-import keeps them uncoded', () => {
    const r = ids(filterRows(cache, EMPTY_FILTER)).indexOf('c');
    expect(nativeCells(cache, r)[NATIVE_COLUMNS.indexOf('stance')]).toBe('');
    expect(statementObject(cache, r).stance).toBeNull();
    const neutral = ids(filterRows(cache, EMPTY_FILTER)).indexOf('d');
    expect(statementObject(cache, neutral).stance).toBe(0);
  });

  it('travel in the URL as u', () => {
    expect(stanceListCodec.parse('-2,u')).toEqual([-2, 'u']);
    expect(stanceListCodec.serialize(['u', 'c'])).toBe('u,c');
  });
});
