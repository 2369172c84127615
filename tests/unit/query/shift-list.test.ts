import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { listShifts, sortShifts, type ShiftListOptions } from '../../../src/query/shift-list';
import { describeShift } from '../../../src/query/shift-text';
import { shiftAt } from '../../../src/query/shifts';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { day, rec } from './helpers';
import { seedCache } from './seed';

const ALL: ShiftListOptions = { from: null, to: null, directions: [], minSize: 0, who: 'all' };

/** `'2024-12-01 Putin Russia ceasefire -1'`; `c` conditional support. */
function setup(lines: string[]) {
  const cache = cacheFromRecords(
    lines.map((l) => {
      const [date, actor, affiliation, topic, stance] = l.split(' ');
      return rec({
        date,
        actor,
        affiliation: affiliation === '-' ? '' : affiliation,
        topic,
        stance: stance === 'c' ? 'c' : (Number(stance) as -2 | -1 | 0 | 1 | 2),
      });
    }),
  );
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

/** Each listed shift as `who topic date`, in list order. */
function listed(
  cache: ColumnCache,
  table: ReturnType<typeof listShifts>['table'],
  order: Uint32Array,
) {
  return Array.from(order, (i) => {
    const s = shiftAt(cache, table, i);
    const who = s.kind === 'actor' ? cache.actors[s.who] : cache.affiliations[s.who];
    return `${who} ${cache.topics[s.topic]} ${s.direction} ${s.size}`;
  });
}

const LINES = [
  '2024-10-01 Putin Russia ceasefire -1',
  '2024-10-05 Biden USA talks 2',
  '2024-11-01 Putin Russia ceasefire 1',
  '2024-11-10 Biden USA talks -2',
  '2024-12-01 Putin Russia ceasefire c',
];

describe('listShifts', () => {
  it.each<[string, Partial<ShiftListOptions>, string[]]>([
    [
      'everything, in date order',
      {},
      [
        'Putin ceasefire softened 2',
        'Russia ceasefire softened 2',
        'Biden talks hardened 4',
        'USA talks hardened 4',
        'Putin ceasefire conditional 0',
        'Russia ceasefire conditional 0',
      ],
    ],
    [
      'hardened only',
      { directions: ['hardened'] },
      ['Biden talks hardened 4', 'USA talks hardened 4'],
    ],
    [
      'softened or conditional, actors only',
      { directions: ['softened', 'conditional'], who: 'actor' },
      ['Putin ceasefire softened 2', 'Putin ceasefire conditional 0'],
    ],
    [
      'moves of at least 3 steps, affiliations only',
      { minSize: 3, who: 'affiliation' },
      ['USA talks hardened 4'],
    ],
    [
      'a date window on the new statement (the earlier one may lie before it)',
      { from: day('2024-11-05'), to: day('2024-11-30') },
      ['Biden talks hardened 4', 'USA talks hardened 4'],
    ],
  ])('lists %s', (_label, options, expected) => {
    const { cache, rows } = setup(LINES);
    const { table, order } = listShifts(cache, rows, { ...ALL, ...options });
    expect(listed(cache, table, order)).toEqual(expected);
  });

  it("finds Russia's ceasefire hardening in the bundled data", async () => {
    const cache = await seedCache();
    const { table, order } = listShifts(cache, filterRows(cache, EMPTY_FILTER), {
      ...ALL,
      directions: ['hardened'],
      who: 'affiliation',
    });
    const text = Array.from(order, (i) => describeShift(cache, shiftAt(cache, table, i)));
    expect(text).toContain(
      'Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) → strongly oppose (Sergey Lavrov, 2024-12-26)',
    );
  });
});

describe('sortShifts', () => {
  const { cache, rows } = setup(LINES);
  const { table, order } = listShifts(cache, rows, { ...ALL, who: 'actor' });

  it.each<[string, Parameters<typeof sortShifts>[3], boolean, string[]]>([
    [
      'newest first',
      'date',
      true,
      ['Putin ceasefire conditional 0', 'Biden talks hardened 4', 'Putin ceasefire softened 2'],
    ],
    [
      'by size, largest first',
      'size',
      true,
      ['Biden talks hardened 4', 'Putin ceasefire softened 2', 'Putin ceasefire conditional 0'],
    ],
    [
      'by who, A to Z, newest first within a name',
      'who',
      false,
      ['Biden talks hardened 4', 'Putin ceasefire conditional 0', 'Putin ceasefire softened 2'],
    ],
    [
      'by topic, Z to A',
      'topic',
      true,
      ['Biden talks hardened 4', 'Putin ceasefire conditional 0', 'Putin ceasefire softened 2'],
    ],
  ])('sorts %s', (_label, key, descending, expected) => {
    const before = order.slice();
    expect(listed(cache, table, sortShifts(cache, table, order, key, descending))).toEqual(
      expected,
    );
    expect(order).toEqual(before);
  });
});
