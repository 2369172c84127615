import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { matrixModel, type MatrixModel, type MatrixOptions } from '../../../src/query/matrix';
import { cellLabel, matrixSummary } from '../../../src/query/matrix-text';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { day, rec, type RecInput } from './helpers';

/** The seed dataset's shape (data/seed-statements.csv), one record per seed row. */
const SEED: RecInput[] = [
  {
    date: '2024',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'us-responsibility',
    stance: 2,
  },
  {
    date: '2024',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'russia-invasion-ukraine',
    stance: 1,
  },
  {
    date: '2024',
    actor: 'Russian officials',
    affiliation: 'Russia',
    topic: 'us-responsibility',
    stance: 2,
  },
  {
    date: '2024',
    actor: 'Russian officials',
    affiliation: 'Russia',
    topic: 'us-responsibility',
    stance: 2,
  },
  {
    date: '2024',
    actor: 'US officials',
    affiliation: 'United States',
    topic: 'us-responsibility',
    stance: -2,
  },
  {
    date: '2024',
    actor: 'Western nations',
    affiliation: 'West',
    topic: 'russia-invasion-ukraine',
    stance: -2,
  },
  {
    date: '2024',
    actor: 'Donald Trump',
    affiliation: 'United States',
    topic: 'peace-negotiations',
    stance: 1,
  },
  {
    date: '2024',
    actor: 'Donald Trump',
    affiliation: 'United States',
    topic: 'peace-negotiations',
    stance: 1,
  },
  {
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: 'c',
    reportedVia: 'Reuters report',
  },
  {
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'territorial-concessions',
    stance: -2,
  },
  {
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'nato-membership-ukraine',
    stance: -2,
  },
  {
    date: '2024-12-18',
    actor: 'Keith Kellogg',
    affiliation: 'United States',
    topic: 'peace-negotiations',
    stance: 1,
  },
  {
    date: '2024-12-22',
    actor: 'Volodymyr Zelenskiy',
    affiliation: 'Ukraine',
    topic: 'nato-membership-ukraine',
    stance: 2,
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'us-russia-dialogue',
    stance: 'c',
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'us-russia-dialogue',
    stance: 'c',
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'us-responsibility',
    stance: 2,
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: -2,
    quote: 'A truce leads to nowhere',
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'binding-settlement',
    stance: 2,
  },
  {
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'binding-settlement',
    stance: 2,
  },
];

function setup(records: RecInput[]) {
  const cache = cacheFromRecords(records.map(rec));
  return { cache, rows: filterRows(cache, EMPTY_FILTER) };
}

const opts = (asOf: string, compare: string | null = null, staleDays = 90): MatrixOptions => ({
  asOf: day(asOf),
  compare: compare === null ? null : day(compare),
  staleDays,
});

/** The cell of a row (by label) and topic (by name), or null when the row has nothing there. */
function cellAt(cache: ColumnCache, model: MatrixModel, label: string, topic: string) {
  const row = model.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label}`);
  const col = model.topics.indexOf(cache.topics.indexOf(topic));
  if (col < 0) throw new Error(`no column ${topic}`);
  return row.cells.get(col) ?? null;
}

/** A short text per cell: `-2 (2) Sergey Lavrov`, `+1c (1)`, `.` for none. */
function cellText(cache: ColumnCache, model: MatrixModel, label: string, topic: string) {
  const cell = cellAt(cache, model, label, topic);
  if (!cell || cell.row < 0) return '.';
  const s = `${cell.stance > 0 ? '+' : ''}${cell.stance}${cell.conditional ? 'c' : ''}`;
  return `${s} (${cell.count}) ${cache.actors[cache.actor[cell.row]]}`;
}

describe('matrixModel', () => {
  const { cache, rows } = setup(SEED);

  it('groups actors under affiliation summary rows, groups alphabetical', () => {
    const model = matrixModel(cache, rows, opts('2024-12-31'));
    expect(model.rows.map((r) => r.label)).toEqual([
      'Russia (all actors)',
      'Russian officials',
      'Sergey Lavrov',
      'Vladimir Putin',
      'Ukraine (all actors)',
      'Volodymyr Zelenskiy',
      'United States (all actors)',
      'Donald Trump',
      'Keith Kellogg',
      'US officials',
      'West (all actors)',
      'Western nations',
    ]);
    expect(model.rows.map((r) => r.kind).filter((k) => k === 'affiliation')).toHaveLength(4);
    expect(model.topics.map((t) => cache.topics[t])).toEqual([
      'binding-settlement',
      'ceasefire',
      'nato-membership-ukraine',
      'peace-negotiations',
      'russia-invasion-ukraine',
      'territorial-concessions',
      'us-responsibility',
      'us-russia-dialogue',
    ]);
    expect(model.actorCount).toBe(8);
  });

  it('puts unaffiliated actors last, without a summary row', () => {
    const { cache: c, rows: r } = setup([
      { date: '2024-01-01', actor: 'Pope', topic: 'ceasefire', stance: 1 },
      {
        date: '2024-01-02',
        actor: 'Zelenskiy',
        affiliation: 'Ukraine',
        topic: 'ceasefire',
        stance: -1,
      },
      { date: '2024-01-03', actor: 'Abbott', affiliation: '', topic: 'ceasefire', stance: 0 },
      {
        date: '2024-01-04',
        actor: 'Biden',
        affiliation: 'United States',
        topic: 'ceasefire',
        stance: 1,
      },
    ]);
    expect(matrixModel(c, r, opts('2024-12-31')).rows.map((x) => x.label)).toEqual([
      'Ukraine (all actors)',
      'Zelenskiy',
      'United States (all actors)',
      'Biden',
      'Abbott',
      'Pope',
    ]);
  });

  it.each([
    ['2024-10-31', 'Russia (all actors)', '.'],
    ['2024-11-30', 'Russia (all actors)', '+1c (1) Vladimir Putin'],
    ['2024-12-25', 'Russia (all actors)', '+1c (1) Vladimir Putin'],
    ['2024-12-26', 'Russia (all actors)', '-2 (2) Sergey Lavrov'],
    ['2024-12-31', 'Russia (all actors)', '-2 (2) Sergey Lavrov'],
    ['2024-12-31', 'Vladimir Putin', '+1c (1) Vladimir Putin'],
    ['2024-12-31', 'Sergey Lavrov', '-2 (1) Sergey Lavrov'],
    ['2024-11-30', 'Sergey Lavrov', '.'],
    ['2024-12-31', 'Donald Trump', '.'],
  ])('as of %s, %s on ceasefire is %s', (date, label, expected) => {
    expect(cellText(cache, matrixModel(cache, rows, opts(date)), label, 'ceasefire')).toBe(
      expected,
    );
  });

  it('counts every statement of the group up to the date in a summary cell', () => {
    const model = matrixModel(cache, rows, opts('2024-12-31'));
    // Putin, Russian officials twice, Lavrov: the latest is Lavrov's.
    expect(cellText(cache, model, 'Russia (all actors)', 'us-responsibility')).toBe(
      '+2 (4) Sergey Lavrov',
    );
    expect(cellText(cache, model, 'Russian officials', 'us-responsibility')).toBe(
      '+2 (2) Russian officials',
    );
  });

  it('keeps an actor row while the actor has said nothing yet, so the grid does not move', () => {
    const model = matrixModel(cache, rows, opts('2024-06-30'));
    const lavrov = model.rows.find((r) => r.label === 'Sergey Lavrov')!;
    expect(lavrov.cells.size).toBe(0);
    expect(model.rows).toHaveLength(12);
  });

  it.each([
    // [as of, stale after, age, stale?]: exactly staleDays old is still fresh.
    ['2024-12-31', 5, 5, false],
    ['2024-12-31', 4, 5, true],
    ['2025-04-30', 90, 125, true],
  ])(
    'as of %s with stale after %i days, Lavrov on ceasefire is %i days old',
    (date, stale, age, isStale) => {
      const model = matrixModel(cache, rows, opts(date as string, null, stale as number));
      const cell = cellAt(cache, model, 'Sergey Lavrov', 'ceasefire')!;
      expect([cell.ageDays, cell.stale]).toEqual([age, isStale]);
    },
  );

  it('marks a stale summary cell by the age of its latest statement', () => {
    const model = matrixModel(cache, rows, opts('2025-03-31', null, 60));
    const cell = cellAt(cache, model, 'Russia (all actors)', 'ceasefire')!;
    expect([cell.ageDays, cell.stale]).toEqual([95, true]);
  });

  describe('with a compare date', () => {
    it.each([
      // as of, compare: the direction runs from the earlier date to the later one either way.
      ['2024-12-31', '2024-11-30'],
      ['2024-11-30', '2024-12-31'],
    ])('as of %s compared with %s, Russia shifts down on ceasefire', (a, b) => {
      const model = matrixModel(cache, rows, opts(a, b));
      const cell = cellAt(cache, model, 'Russia (all actors)', 'ceasefire')!;
      expect([cell.shift, cell.changed, cell.isNew]).toEqual([-1, true, false]);
    });

    it('keeps the compare date state beside the as-of state', () => {
      const model = matrixModel(cache, rows, opts('2024-12-31', '2024-11-30'));
      const cell = cellAt(cache, model, 'Russia (all actors)', 'ceasefire')!;
      expect(cell.stance).toBe(-2);
      expect(cell.compare).toMatchObject({ stance: 1, conditional: true });
      expect(cache.actors[cache.actor[cell.compare!.row]]).toBe('Vladimir Putin');
    });

    it('marks positions taken between the dates as new, not as shifts', () => {
      const model = matrixModel(cache, rows, opts('2024-12-31', '2024-11-30'));
      const lavrov = cellAt(cache, model, 'Sergey Lavrov', 'ceasefire')!;
      expect([lavrov.shift, lavrov.isNew, lavrov.compare]).toEqual([null, true, null]);
      const putin = cellAt(cache, model, 'Vladimir Putin', 'ceasefire')!;
      expect([putin.shift, putin.changed, putin.isNew]).toEqual([0, false, false]);
      expect([model.shiftCount, model.newCount, model.affiliationShiftCount]).toEqual([0, 6, 1]);
    });

    it('shows a position only the later compare date has as an empty cell that is new', () => {
      const model = matrixModel(cache, rows, opts('2024-11-30', '2024-12-31'));
      const lavrov = cellAt(cache, model, 'Sergey Lavrov', 'ceasefire')!;
      expect([lavrov.row, lavrov.count, lavrov.isNew, lavrov.compare?.stance]).toEqual([
        -1,
        0,
        true,
        -2,
      ]);
    });

    it.each([
      // [earlier, later, shift, changed]: conditional vs plain support is a change of direction 0.
      [1, 'c', 0, true],
      ['c', 1, 0, true],
      ['c', 2, 1, true],
      [-1, -1, 0, false],
      [2, -2, -1, true],
    ] as const)('from %s to %s the shift is %i (changed: %s)', (before, after, shift, changed) => {
      const { cache: c, rows: r } = setup([
        { date: '2024-01-01', actor: 'A', topic: 't', stance: before },
        { date: '2024-02-01', actor: 'A', topic: 't', stance: after },
      ]);
      const model = matrixModel(c, r, opts('2024-02-15', '2024-01-15'));
      expect(model.rows[0].cells.get(0)).toMatchObject({ shift, changed });
      expect(model.shiftCount).toBe(changed ? 1 : 0);
    });
  });

  // The second call with the same rows answers from an index of them (binary search per pair).
  it.each([
    ['2024-01-01', null],
    ['2024-11-30', '2024-12-31'],
    ['2024-12-26', '2024-11-30'],
    ['2024-12-31', '2024-01-01'],
  ])('reads the same as of %s (compare %s) when scrubbing over the same rows', (asOf, compare) => {
    const scrubbed = rows.slice();
    for (const d of ['2024-12-31', '2024-06-30', '2024-11-30']) {
      matrixModel(cache, scrubbed, opts(d));
    }
    const fresh = matrixModel(cache, rows.slice(), opts(asOf, compare));
    const again = matrixModel(cache, scrubbed, opts(asOf, compare));
    expect(again).toEqual(fresh);
  });

  // Clearing the last filter hands over a new array of every row each time: one index serves all.
  it.each([
    ['2024-01-01', null],
    ['2024-11-30', '2024-12-31'],
    ['2024-12-31', '2024-11-30'],
  ])(
    'reads every row the same as of %s (compare %s) whichever array holds them',
    (asOf, compare) => {
      const unread = setup(SEED);
      const expected = matrixModel(unread.cache, unread.rows, opts(asOf, compare));
      for (const d of ['2024-12-31', '2024-06-30']) matrixModel(cache, rows.slice(), opts(d));
      expect(matrixModel(cache, rows.slice(), opts(asOf, compare))).toEqual(expected);
      // A filtered array in between still reads its own rows.
      const noLavrov = rows.filter((r) => cache.actors[cache.actor[r]] !== 'Sergey Lavrov');
      const filtered = matrixModel(cache, noLavrov, opts(asOf, compare));
      expect(filtered.rows.some((r) => r.label === 'Sergey Lavrov')).toBe(false);
      expect(matrixModel(cache, Uint32Array.from(rows), opts(asOf, compare))).toEqual(expected);
    },
  );

  it('does not modify the rows it reads', () => {
    const copy = rows.slice();
    matrixModel(cache, rows, opts('2024-12-31', '2024-11-30'));
    expect(rows).toEqual(copy);
  });

  it('reads only the rows it is given', () => {
    const noLavrov = rows.filter((r) => cache.actors[cache.actor[r]] !== 'Sergey Lavrov');
    const model = matrixModel(cache, noLavrov, opts('2024-12-31'));
    expect(model.rows.some((r) => r.label === 'Sergey Lavrov')).toBe(false);
    expect(cellText(cache, model, 'Russia (all actors)', 'ceasefire')).toBe(
      '+1c (1) Vladimir Putin',
    );
    expect(model.topics.map((t) => cache.topics[t])).not.toContain('binding-settlement');
  });

  it('applies the Stance filter to each cell as of the day, leaving out actors and topics with none', () => {
    const model = matrixModel(cache, rows, { ...opts('2024-12-31'), stances: [-2] });
    const stances = model.rows.flatMap((r) => [...r.cells.values()].map((c) => c.stance));
    expect(stances.length).toBeGreaterThan(0);
    expect(stances.every((s) => s === -2)).toBe(true);
    expect(cellText(cache, model, 'Sergey Lavrov', 'ceasefire')).toBe('-2 (1) Sergey Lavrov');
    // Putin's ceasefire state is conditional support: not shown, though he said -2 elsewhere.
    expect(cellText(cache, model, 'Russia (all actors)', 'ceasefire')).toBe('-2 (2) Sergey Lavrov');
    expect(model.rows.some((r) => r.label === 'Volodymyr Zelenskiy')).toBe(false);
    for (const r of model.rows) expect(r.kind === 'affiliation' || r.cells.size > 0).toBe(true);
    const conditional = matrixModel(cache, rows, { ...opts('2024-11-30'), stances: ['c'] });
    expect(cellText(cache, conditional, 'Vladimir Putin', 'ceasefire')).toBe(
      '+1c (1) Vladimir Putin',
    );
  });

  it('is empty for no rows', () => {
    const model = matrixModel(cache, new Uint32Array(0), opts('2024-12-31'));
    expect([model.rows, model.topics, model.actorCount]).toEqual([[], [], 0]);
  });
});

describe('cellLabel', () => {
  const { cache, rows } = setup(SEED);
  const label = (asOf: string, compare: string | null, row: string, topic: string) => {
    const model = matrixModel(cache, rows, opts(asOf, compare));
    const r = model.rows.find((x) => x.label === row)!;
    const t = cache.topics.indexOf(topic);
    return cellLabel(cache, model, r, t, r.cells.get(model.topics.indexOf(t)) ?? null);
  };

  it.each([
    [
      '2024-12-31',
      null,
      'Sergey Lavrov',
      'ceasefire',
      'Sergey Lavrov on ceasefire: strongly oppose, as of 2024-12-31, 1 statement; said 2024-12-26: “A truce leads to nowhere”',
    ],
    [
      '2024-12-31',
      null,
      'Sergey Lavrov',
      'binding-settlement',
      'Sergey Lavrov on binding-settlement: strongly support, as of 2024-12-31, 2 statements; said 2024-12-26',
    ],
    [
      '2024-12-31',
      null,
      'Donald Trump',
      'ceasefire',
      'Donald Trump on ceasefire: no statement as of 2024-12-31',
    ],
    [
      '2024-11-30',
      null,
      'Vladimir Putin',
      'ceasefire',
      'Vladimir Putin on ceasefire: conditional support, as of 2024-11-30, 1 statement; said 2024-11',
    ],
    [
      '2025-04-25',
      null,
      'Sergey Lavrov',
      'ceasefire',
      'Sergey Lavrov on ceasefire: strongly oppose, as of 2025-04-25, 1 statement, stale (4mo, 120 days old); said 2024-12-26: “A truce leads to nowhere”',
    ],
    [
      '2024-12-31',
      '2024-11-30',
      'Russia (all actors)',
      'ceasefire',
      'Russia (all actors) on ceasefire: strongly oppose, by Sergey Lavrov, as of 2024-12-31, ' +
        '2 statements, shifted from conditional support on 2024-11-30; said 2024-12-26: “A truce leads to nowhere”',
    ],
    [
      '2024-12-31',
      '2024-11-30',
      'Vladimir Putin',
      'ceasefire',
      'Vladimir Putin on ceasefire: conditional support, as of 2024-12-31, 1 statement, ' +
        'unchanged since 2024-11-30; said 2024-11',
    ],
    [
      '2024-12-31',
      '2024-11-30',
      'Sergey Lavrov',
      'ceasefire',
      'Sergey Lavrov on ceasefire: strongly oppose, as of 2024-12-31, 1 statement, ' +
        'new since 2024-11-30; said 2024-12-26: “A truce leads to nowhere”',
    ],
    [
      '2024-11-30',
      '2024-12-31',
      'Russia (all actors)',
      'ceasefire',
      'Russia (all actors) on ceasefire: conditional support, by Vladimir Putin, ' +
        'as of 2024-11-30, 1 statement, strongly oppose by 2024-12-31; said 2024-11',
    ],
    [
      '2024-11-30',
      '2024-12-31',
      'Sergey Lavrov',
      'ceasefire',
      'Sergey Lavrov on ceasefire: no statement as of 2024-11-30, strongly oppose by 2024-12-31',
    ],
  ])('as of %s (compare %s), %s on %s reads "%s"', (asOf, compare, row, topic, expected) => {
    expect(label(asOf, compare, row, topic)).toBe(expected);
  });
});

describe('matrixSummary', () => {
  const { cache, rows } = setup(SEED);

  it.each([
    ['2024-12-31', null, '8 actors x 8 topics as of 2024-12-31'],
    [
      '2024-12-31',
      '2024-11-30',
      '8 actors x 8 topics as of 2024-12-31; 0 shifts, 6 new since 2024-11-30; 1 affiliation shift',
    ],
    [
      '2024-11-30',
      '2024-12-31',
      '8 actors x 8 topics as of 2024-11-30; 0 shifts, 6 new by 2024-12-31; 1 affiliation shift',
    ],
  ])('as of %s compared with %s: "%s"', (asOf, compare, expected) => {
    expect(matrixSummary(matrixModel(cache, rows, opts(asOf, compare)))).toBe(expected);
  });

  it('counts a single actor and topic in the singular', () => {
    const { cache: c, rows: r } = setup([
      { date: '2024-01-01', actor: 'A', topic: 't', stance: 1 },
    ]);
    expect(matrixSummary(matrixModel(c, r, opts('2024-01-02')))).toBe(
      '1 actor x 1 topic as of 2024-01-02',
    );
  });
});
