import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { affiliationGroups } from '../../../src/query/affiliation-groups';
import { describeShift } from '../../../src/query/shift-text';
import {
  classifyShift,
  directionCode,
  findShifts,
  seriesShifts,
  shiftAt,
  shiftInWindow,
  SHIFT_DIRECTIONS,
  sizeOf,
  stateCode,
  type Shift,
} from '../../../src/query/shifts';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { day, rec, type RecInput } from './helpers';
import { seedCache } from './seed';

/** A statement in a line: `'2024-12-01 Putin Russia ceasefire -1'`; `c` conditional, `u` uncoded. */
function parse(line: string): RecInput {
  const [date, actor, affiliation, topic, stance] = line.split(' ');
  return {
    id: line,
    date,
    actor,
    affiliation: affiliation === '-' ? '' : affiliation,
    topic,
    stance: stance === 'c' ? 'c' : stance === 'u' ? 0 : (Number(stance) as -2 | -1 | 0 | 1 | 2),
    uncoded: stance === 'u',
  };
}

function setup(lines: string[]) {
  const cache = cacheFromRecords(lines.map((l) => rec(parse(l))));
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

const stateText = (stance: number, conditional: boolean) =>
  `${stance > 0 ? '+' : ''}${stance}${conditional ? 'c' : ''}`;

/** A shift in a line: `Russia ceasefire +1c -> -2 (2024-11-01 -> 2024-12-26) hardened 3`. */
function text(cache: ColumnCache, s: Shift): string {
  const who = s.kind === 'actor' ? cache.actors[s.who] : cache.affiliations[s.who];
  const date = (r: number) => cache.text.get('id', r).split(' ')[0];
  return (
    `${who} ${cache.topics[s.topic]} ${stateText(s.before, s.beforeConditional)} -> ` +
    `${stateText(s.after, s.afterConditional)} (${date(s.fromRow)} -> ${date(s.row)}) ` +
    `${s.direction} ${s.size}`
  );
}

const all = (cache: ColumnCache, rows: ArrayLike<number>) => {
  const table = findShifts(cache, rows);
  return Array.from({ length: table.count }, (_, i) => text(cache, shiftAt(cache, table, i)));
};

describe('classifyShift', () => {
  it.each([
    [1, true, -2, false, { direction: 'hardened', size: 3 }],
    [-1, false, 1, false, { direction: 'softened', size: 2 }],
    [-2, false, 2, false, { direction: 'softened', size: 4 }],
    [1, false, 1, true, { direction: 'conditional', size: 0 }],
    [1, true, 1, false, { direction: 'conditional', size: 0 }],
    [0, false, -1, false, { direction: 'hardened', size: 1 }],
    [2, false, 2, false, null],
    [1, true, 1, true, null],
  ] as const)('%i%s -> %i%s is %j', (before, bc, after, ac, expected) => {
    expect(classifyShift(before, bc, after, ac)).toEqual(expected);
  });
});

describe('findShifts', () => {
  it.each<[string, string[], string[]]>([
    ['one statement is no shift', ['2024-12-01 Putin Russia ceasefire -1'], []],
    [
      'saying the same again is no shift',
      ['2024-12-01 Putin - ceasefire -1', '2024-12-09 Putin - ceasefire -1'],
      [],
    ],
    [
      'a change of stance is a shift, from the latest statement of the earlier state',
      [
        '2024-12-01 Putin - ceasefire -1',
        '2024-12-05 Putin - ceasefire -1',
        '2024-12-09 Putin - ceasefire 1',
      ],
      ['Putin ceasefire -1 -> +1 (2024-12-05 -> 2024-12-09) softened 2'],
    ],
    [
      'conditional support and support are different states',
      ['2024-12-01 Putin - ceasefire 1', '2024-12-09 Putin - ceasefire c'],
      ['Putin ceasefire +1 -> +1c (2024-12-01 -> 2024-12-09) conditional 0'],
    ],
    [
      'each actor and topic is its own series',
      [
        '2024-12-01 Putin - ceasefire -1',
        '2024-12-02 Putin - talks 1',
        '2024-12-03 Biden - ceasefire 1',
        '2024-12-04 Putin - talks 1',
      ],
      [],
    ],
    [
      'the later statement of a day sets the day: a change undone the same day is no shift',
      [
        '2024-12-01 Putin - ceasefire -1',
        '2024-12-09 Putin - ceasefire 2',
        '2024-12-09 Putin - ceasefire -1',
      ],
      [],
    ],
    [
      'the later statement of a day sets the day: the shift ends where the day ends',
      [
        '2024-12-01 Putin - ceasefire -1',
        '2024-12-09 Putin - ceasefire -1',
        '2024-12-09 Putin - ceasefire 2',
      ],
      ['Putin ceasefire -1 -> +2 (2024-12-01 -> 2024-12-09) softened 3'],
    ],
    [
      'uncoded statements set no state and are skipped',
      [
        '2024-12-01 Putin - ceasefire -1',
        '2024-12-05 Putin - ceasefire u',
        '2024-12-09 Putin - ceasefire -1',
        '2024-12-12 Putin - ceasefire u',
        '2024-12-15 Putin - ceasefire 1',
      ],
      ['Putin ceasefire -1 -> +1 (2024-12-09 -> 2024-12-15) softened 2'],
    ],
    [
      "an affiliation's state is its latest statement by any of its actors",
      ['2024-11 Putin Russia ceasefire c', '2024-12-26 Lavrov Russia ceasefire -2'],
      ['Russia ceasefire +1c -> -2 (2024-11 -> 2024-12-26) hardened 3'],
    ],
    [
      'an actor shift is also its affiliation shift when it moves the affiliation',
      ['2024-12-01 Putin Russia ceasefire -1', '2024-12-09 Putin Russia ceasefire 1'],
      [
        'Putin ceasefire -1 -> +1 (2024-12-01 -> 2024-12-09) softened 2',
        'Russia ceasefire -1 -> +1 (2024-12-01 -> 2024-12-09) softened 2',
      ],
    ],
    [
      'same-day statements of two actors: the later row (by actor name) sets the day',
      [
        '2024-12-01 Putin Russia ceasefire 1',
        '2024-12-26 Lavrov Russia ceasefire -2',
        '2024-12-26 Putin Russia ceasefire 1',
      ],
      [],
    ],
    [
      'actors without an affiliation make no affiliation series',
      ['2024-12-01 Pope - ceasefire 1', '2024-12-09 Bishop - ceasefire -1'],
      [],
    ],
    [
      'shifts come in date order',
      [
        '2024-12-01 Putin - talks 1',
        '2024-12-02 Biden - ceasefire 1',
        '2024-12-03 Biden - ceasefire 0',
        '2024-12-04 Putin - talks -2',
      ],
      [
        'Biden ceasefire +1 -> 0 (2024-12-02 -> 2024-12-03) hardened 1',
        'Putin talks +1 -> -2 (2024-12-01 -> 2024-12-04) hardened 3',
      ],
    ],
  ])('%s', (_, lines, expected) => {
    const { cache, rows } = setup(lines);
    expect(all(cache, rows)).toEqual(expected);
  });

  it('groups an actor under the usual affiliation, as the matrix summary rows do', () => {
    const { cache, rows } = setup([
      '2024-12-01 Putin Russia ceasefire 1',
      '2024-12-02 Putin Russia talks 1',
      '2024-12-09 Putin - ceasefire -1',
    ]);
    expect(all(cache, rows)).toEqual([
      'Putin ceasefire +1 -> -1 (2024-12-01 -> 2024-12-09) hardened 2',
      'Russia ceasefire +1 -> -1 (2024-12-01 -> 2024-12-09) hardened 2',
    ]);
    expect(affiliationGroups(cache).count).toBe(2);
  });

  it('reads only the rows it is given: with one actor, the affiliation is that actor', () => {
    const { cache } = setup([
      '2024-11 Putin Russia ceasefire c',
      '2024-12-26 Lavrov Russia ceasefire -2',
      '2024-12-28 Lavrov Russia ceasefire -1',
    ]);
    const lavrov = filterRows(cache, { ...EMPTY_FILTER, actors: ['Lavrov'] });
    expect(all(cache, lavrov)).toEqual([
      'Lavrov ceasefire -2 -> -1 (2024-12-26 -> 2024-12-28) softened 1',
      'Russia ceasefire -2 -> -1 (2024-12-26 -> 2024-12-28) softened 1',
    ]);
  });

  it('finds actor or affiliation shifts alone when asked', () => {
    const { cache, rows } = setup([
      '2024-12-01 Putin Russia ceasefire -1',
      '2024-12-09 Putin Russia ceasefire 1',
    ]);
    expect(findShifts(cache, rows, { affiliations: false }).kind).toEqual(Uint8Array.of(0));
    expect(findShifts(cache, rows, { actors: false }).kind).toEqual(Uint8Array.of(1));
  });

  it('does not modify the rows and gives the same table for the same rows', () => {
    const { cache, rows } = setup([
      '2024-12-01 Putin Russia ceasefire -1',
      '2024-12-09 Putin Russia ceasefire 1',
    ]);
    const copy = rows.slice();
    const a = findShifts(cache, rows);
    expect(rows).toEqual(copy);
    expect(findShifts(cache, rows)).toBe(a);
    expect(findShifts(cache, Array.from(rows))).toEqual(a);
  });

  it('reads direction and size from the table as shiftAt does', () => {
    const { cache, rows } = setup([
      '2024-12-01 Putin - ceasefire -2',
      '2024-12-02 Putin - ceasefire 2',
      '2024-12-03 Putin - ceasefire c',
      '2024-12-04 Putin - ceasefire 1',
      '2024-12-05 Putin - ceasefire -1',
    ]);
    const table = findShifts(cache, rows);
    const read = Array.from({ length: table.count }, (_, i) => [
      SHIFT_DIRECTIONS[directionCode(cache, table, i)],
      sizeOf(cache, table, i),
    ]);
    const objects = Array.from({ length: table.count }, (_, i) => {
      const s = shiftAt(cache, table, i);
      return [s.direction, s.size];
    });
    expect(read).toEqual(objects);
    expect(read).toEqual([
      ['softened', 4],
      ['hardened', 1],
      ['conditional', 0],
      ['hardened', 2],
    ]);
  });
});

describe('seriesShifts', () => {
  it('finds the shifts of one series as findShifts does', () => {
    const { cache, rows } = setup([
      '2024-11 Putin Russia ceasefire c',
      '2024-12-01 Putin Russia ceasefire u',
      '2024-12-26 Lavrov Russia ceasefire -2',
      '2024-12-26 Putin Russia ceasefire -2',
      '2024-12-30 Lavrov Russia ceasefire -1',
    ]);
    const russia = seriesShifts(cache, rows, 'affiliation');
    const table = findShifts(cache, rows, { actors: false });
    expect(russia).toEqual(Array.from({ length: table.count }, (_, i) => shiftAt(cache, table, i)));
    expect(russia.map((s) => text(cache, s))).toEqual([
      'Russia ceasefire +1c -> -2 (2024-11 -> 2024-12-26) hardened 3',
      'Russia ceasefire -2 -> -1 (2024-12-26 -> 2024-12-30) softened 1',
    ]);
    const putin = [...rows].filter((r) => cache.actors[cache.actor[r]] === 'Putin');
    expect(seriesShifts(cache, putin).map((s) => text(cache, s))).toEqual([
      'Putin ceasefire +1c -> -2 (2024-11 -> 2024-12-26) hardened 3',
    ]);
  });
});

describe('stateCode', () => {
  it('gives each stance and conditional flag its own code, and none to an uncoded row', () => {
    const { cache, rows } = setup([
      '2024-12-01 A - t -2',
      '2024-12-02 A - t 1',
      '2024-12-03 A - t c',
      '2024-12-04 A - t u',
    ]);
    expect([...rows].map((r) => stateCode(cache, r))).toEqual([0, 6, 7, -1]);
  });
});

describe('shiftInWindow', () => {
  it('keeps a shift whose new statement overlaps the window', () => {
    const { cache, rows } = setup(['2024-10-01 A - t 1', '2024-11 A - t -1']);
    const s = shiftAt(cache, findShifts(cache, rows), 0);
    expect(shiftInWindow(cache, s.row, day('2024-11-15'), day('2024-11-20'))).toBe(true);
    expect(shiftInWindow(cache, s.row, day('2024-12-01'), null)).toBe(false);
    expect(shiftInWindow(cache, s.row, null, day('2024-10-31'))).toBe(false);
    expect(shiftInWindow(cache, s.row, null, null)).toBe(true);
  });
});

describe('on the bundled data', () => {
  it('finds Russia hardening on ceasefire, and nothing else', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const table = findShifts(cache, rows);
    const sentences = Array.from({ length: table.count }, (_, i) =>
      describeShift(cache, shiftAt(cache, table, i)),
    );
    expect(sentences).toEqual([
      'Russia on ceasefire: conditional support (Vladimir Putin, 2024-11, via Reuters report) → ' +
        'strongly oppose (Sergey Lavrov, 2024-12-26)',
    ]);
  });
});
