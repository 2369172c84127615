import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../src/domain/dates';
import { STANCE_COLOR } from '../../../src/domain/stance';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { describeShift } from '../../../src/query/shift-text';
import { findShifts, KIND_ACTOR, KIND_AFFILIATION } from '../../../src/query/shifts';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import { buildBands, type BandModel, type BandOptions } from '../../../src/views/timeline/bands';
import { bandOf, seriesOfRow, shiftOfRow, stepAt } from '../../../src/views/timeline/steps';
import { groupShiftsOf } from '../../../src/views/timeline/group-shifts';
import { hitAt, pointBeside } from '../../../src/views/timeline/hit';
import { layoutBands, lineAt, visibleLines } from '../../../src/views/timeline/layout';
import { bandPieces, renderFrame, type Frame } from '../../../src/views/timeline/render';
import { FALLBACK_THEME } from '../../../src/views/timeline/theme';
import { denseWindow, openingWindow, periodExtent } from '../../../src/views/timeline/windowing';
import { day, rec, type RecInput } from '../query/helpers';
import { seedCache } from '../query/seed';

const RU = 'Russia';
const US = 'United States';
const RECORDS: RecInput[] = [
  { date: '2024-11', actor: 'Putin', affiliation: RU, topic: 'ceasefire', stance: 'c' },
  { date: '2024-11', actor: 'Putin', affiliation: RU, topic: 'territory', stance: -2 },
  { date: '2024-12-01', actor: 'Biden', affiliation: US, topic: 'ceasefire', stance: 1 },
  { date: '2024-12-10', actor: 'Putin', affiliation: RU, topic: 'territory', stance: -1 },
  { date: '2024-12-15', actor: 'Putin', affiliation: RU, topic: 'territory', stance: -1 },
  { date: '2024-12-20', actor: 'Biden', affiliation: US, topic: 'ceasefire', stance: 0 },
  { date: '2024-12-26', actor: 'Lavrov', affiliation: RU, topic: 'ceasefire', stance: -2 },
];

function setup(options: Partial<BandOptions> = {}, records: RecInput[] = RECORDS) {
  const cache = cacheFromRecords(records.map(rec));
  const rows = filterRows(cache, EMPTY_FILTER);
  const model = buildBands(cache, rows, { by: 'actor', sort: 'name', collapsed: [], ...options });
  return { cache, rows, model };
}

/** `lane: row, row` for every lane. */
function outline(model: BandModel): string[] {
  return model.lanes.map((lane) => {
    const rows = [];
    for (let s = lane.first; s < lane.end; s++) rows.push(model.seriesName[s]);
    return `${lane.name}: ${rows.join(', ')}`;
  });
}

/** Each step of a series as `date stance`. */
function steps(cache: ColumnCache, model: BandModel, s: number): string[] {
  const band = bandOf(cache, model, s);
  return Array.from(band.row, (r, i) => `${formatDay(band.from[i])} ${cache.stance[r]}`);
}

const seriesNamed = (model: BandModel, lane: string, name: string) => {
  const l = model.lanes.find((x) => x.name === lane)!;
  for (let s = l.first; s < l.end; s++) if (model.seriesName[s] === name) return s;
  throw new Error(`no ${lane} / ${name}`);
};

describe('band model', () => {
  it('gives each topic of an actor its own row, lanes grouped by affiliation', () => {
    const { model } = setup();
    expect(outline(model)).toEqual([
      'Lavrov: ceasefire',
      'Putin: ceasefire, territory',
      'Biden: ceasefire',
    ]);
    expect(model.groups.map((g) => [g.name, g.first, g.end])).toEqual([
      [RU, 0, 2],
      [US, 2, 3],
    ]);
  });

  it('gives each actor on a topic its own row, lanes by topic', () => {
    const { model } = setup({ by: 'topic' });
    expect(outline(model)).toEqual(['ceasefire: Biden, Lavrov, Putin', 'territory: Putin']);
    expect(model.groups).toEqual([]);
  });

  it('folds a collapsed affiliation into one lane whose rows are its topics', () => {
    const { model } = setup({ collapsed: [RU] });
    expect(outline(model)).toEqual(['Russia: ceasefire, territory', 'Biden: ceasefire']);
    expect(model.groups[0]).toMatchObject({ name: RU, collapsed: true });
  });

  it('folds a collapsed affiliation into one row per topic, lanes by topic', () => {
    const { model } = setup({ by: 'topic', collapsed: [RU] });
    expect(outline(model)).toEqual([
      'ceasefire: Biden, Russia (all actors)',
      'territory: Russia (all actors)',
    ]);
  });

  it.each<[BandOptions['sort'], string[]]>([
    ['name', ['Lavrov', 'Putin', 'Biden']],
    // Putin 4 statements, Lavrov 1; the groups by their totals: Russia 5, United States 2.
    ['activity', ['Putin', 'Lavrov', 'Biden']],
    // Latest shifts: Biden 2024-12-20, Putin 2024-12-10, Lavrov none; Russia's latest is Putin's.
    ['shift', ['Biden', 'Putin', 'Lavrov']],
  ])('sorts lanes by %s', (sort, expected) => {
    const { model } = setup({ sort });
    expect(model.lanes.map((l) => l.name)).toEqual(expected);
  });

  it('sorts the rows of a lane the same way', () => {
    const { model } = setup({ sort: 'activity' });
    expect(outline(model)[0]).toBe('Putin: territory, ceasefire');
  });

  it('carries each stance forward as one step per statement day', () => {
    const { cache, model } = setup();
    expect(steps(cache, model, seriesNamed(model, 'Putin', 'territory'))).toEqual([
      '2024-11-01 -2',
      '2024-12-10 -1',
      '2024-12-15 -1',
    ]);
  });

  it('leaves uncoded statements out of the band: they set no state', () => {
    const { cache, model } = setup({}, [
      ...RECORDS,
      {
        date: '2024-12-12',
        actor: 'Putin',
        affiliation: RU,
        topic: 'territory',
        stance: 0,
        uncoded: true,
      },
    ]);
    const s = seriesNamed(model, 'Putin', 'territory');
    expect(steps(cache, model, s)).toEqual(['2024-11-01 -2', '2024-12-10 -1', '2024-12-15 -1']);
    expect(model.seriesSize[s]).toBe(4);
  });

  it('marks the shifts src/query/shifts.ts finds, where the new state starts', () => {
    const { cache, rows, model } = setup({ collapsed: [RU, US] });
    const ceasefire = seriesNamed(model, RU, 'ceasefire');
    const band = bandOf(cache, model, ceasefire);
    expect([...band.shifts.keys()]).toEqual([1]);
    const shift = band.shifts.get(1)!;
    expect(shift).toMatchObject({ kind: 'affiliation', before: 1, after: -2 });
    expect(shift.beforeConditional).toBe(true);
    // The same shifts as the Shifts view's table, actor and affiliation ones alike.
    const table = findShifts(cache, rows);
    const affiliationRows = [];
    for (let i = 0; i < table.count; i++) {
      if (table.kind[i] === KIND_AFFILIATION) affiliationRows.push(table.row[i]);
    }
    const drawn = [];
    for (let s = 0; s < model.seriesCount; s++) {
      for (const sh of bandOf(cache, model, s).shifts.values()) drawn.push(sh.row);
    }
    expect(drawn.sort()).toEqual(affiliationRows.sort());
    // The count in the chart's name is of the shifts drawn.
    expect(model.shiftCount).toBe(drawn.length);
    expect(shiftOfRow(cache, model, ceasefire, shift.row)).toBe(shift);
  });

  it('counts the actor shifts that src/query/shifts.ts finds, uncoded and same-day rows alike', () => {
    const { cache, rows, model } = setup({}, [
      ...RECORDS,
      {
        date: '2024-12-11',
        actor: 'Putin',
        affiliation: RU,
        topic: 'ceasefire',
        stance: 0,
        uncoded: true,
      },
      { date: '2024-12-12', actor: 'Putin', affiliation: RU, topic: 'ceasefire', stance: -1 },
      { date: '2024-12-12', actor: 'Putin', affiliation: RU, topic: 'ceasefire', stance: 'c' },
    ]);
    const table = findShifts(cache, rows);
    let actorShifts = 0;
    for (let i = 0; i < table.count; i++) if (table.kind[i] === KIND_ACTOR) actorShifts++;
    expect(model.shiftCount).toBe(actorShifts);
    expect(model.shiftCount).toBe(2);
  });

  it("marks on an actor's row the shift his statement made in his affiliation", () => {
    const { cache, model } = setup();
    const lavrov = seriesNamed(model, 'Lavrov', 'ceasefire');
    const moved = [...groupShiftsOf(cache, model, lavrov).values()];
    expect(moved).toHaveLength(1);
    expect(describeShift(cache, moved[0])).toBe(
      'Russia on ceasefire: conditional support (Putin, 2024-11) → strongly oppose (Lavrov, 2024-12-26)',
    );
    expect(moved[0].row).toBe(bandOf(cache, model, lavrov).row[0]);
    // Putin's row set the earlier state but moved nothing; a folded affiliation's row has its own.
    const putin = seriesNamed(model, 'Putin', 'ceasefire');
    const putinRow = bandOf(cache, model, putin).row[0];
    expect(groupShiftsOf(cache, model, putin).get(putinRow)).toBeUndefined();
    const folded = setup({ collapsed: [RU] });
    expect(groupShiftsOf(folded.cache, folded.model, 0).size).toBe(0);
  });

  it('finds the step in force on a day', () => {
    const { cache, model } = setup();
    const band = bandOf(cache, model, seriesNamed(model, 'Putin', 'territory'));
    expect(stepAt(band, day('2024-10-31'))).toBe(-1);
    expect(stepAt(band, day('2024-12-09'))).toBe(0);
    expect(stepAt(band, day('2024-12-10'))).toBe(1);
    expect(stepAt(band, day('2025-06-01'))).toBe(2);
  });

  it('builds the unfiltered view once per cache and options', () => {
    const { cache, rows, model } = setup();
    const o = { by: 'actor', sort: 'name', collapsed: [] } as const;
    expect(buildBands(cache, rows, o)).toBe(model);
    expect(buildBands(cache, rows, { ...o, sort: 'activity' })).not.toBe(model);
  });
});

describe('band layout', () => {
  it('stacks a header per affiliation, a name line per lane and a row per series', () => {
    const { model } = setup();
    const layout = layoutBands(model);
    // Russia 24, Lavrov 20, ceasefire 18, Putin 20, ceasefire 18, territory 18, US 24, Biden 20,
    // ceasefire 18.
    expect(Array.from(layout.tops)).toEqual([0, 24, 44, 62, 82, 100, 118, 142, 162]);
    expect(Array.from(layout.kind)).toEqual([0, 1, 2, 1, 2, 2, 0, 1, 2]);
    expect(layout.height).toBe(180);
    expect(lineAt(layout, 101)).toBe(5);
    expect(visibleLines(layout, 90, 40)).toEqual([4, 7]);
  });

  it('puts a collapsed affiliation`s rows right under its header', () => {
    const { model } = setup({ collapsed: [RU] });
    expect(Array.from(layoutBands(model).kind)).toEqual([0, 2, 2, 0, 1, 2]);
  });
});

describe('opening window', () => {
  it('fits the day- and month-precise statements, not a year-only one', () => {
    const { cache, rows } = setup({}, [
      ...RECORDS,
      { date: '2024', actor: 'Biden', affiliation: US, topic: 'aid', stance: 2 },
    ]);
    expect(denseWindow(cache, rows)).toEqual([day('2024-11-01'), day('2024-12-27')]);
  });

  it('falls back to every statement when all are year-only', () => {
    const { cache, rows } = setup({}, [
      { date: '2023', actor: 'A', topic: 't', stance: 1 },
      { date: '2024', actor: 'A', topic: 't', stance: 2 },
    ]);
    expect(denseWindow(cache, rows)).toEqual([day('2023-01-01'), day('2025-01-01')]);
  });

  it('leaves out the outlying 1% at each end of many statements', () => {
    const records: RecInput[] = Array.from({ length: 200 }, (_, i) => ({
      date: formatDay(day('2020-01-01') + i),
      actor: 'A',
      topic: 't',
      stance: 1,
    }));
    records.push({ date: '2001-01-01', actor: 'A', topic: 't', stance: 1 });
    records.push({ date: '2001-01-02', actor: 'A', topic: 't', stance: 1 });
    const { cache, rows } = setup({}, records);
    expect(denseWindow(cache, rows)![0]).toBe(day('2020-01-01'));
  });

  it('ends the full extent at the latest end of a period, a year-only one included', () => {
    const { cache, rows } = setup({}, [
      { date: '2024', actor: 'A', topic: 't', stance: 1 },
      { date: '2024-06-01', actor: 'A', topic: 't', stance: 2 },
    ]);
    expect(periodExtent(cache, rows)).toEqual([day('2024-01-01'), day('2025-01-01')]);
  });

  it('pads the dense range by 8% (at least three days)', () => {
    expect(openingWindow([100, 200])).toEqual([92, 208]);
    expect(openingWindow([100, 110])).toEqual([97, 113]);
    expect(openingWindow(null, 50)).toEqual([47, 54]);
  });

  it('opens the bundled data in autumn 2024, not in January', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const [from, to] = openingWindow(denseWindow(cache, rows));
    expect(formatDay(from) >= '2024-09-22').toBe(true);
    expect(formatDay(from) < '2024-12-01').toBe(true);
    expect(formatDay(to - 1) >= '2024-12-26').toBe(true);
  });
});

describe('bundled data by actor', () => {
  it('gives each of Vladimir Putin`s topics a row and names the territory statement', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const model = buildBands(cache, rows, { by: 'actor', sort: 'name', collapsed: [] });
    const putin = model.lanes.find((l) => l.name === 'Vladimir Putin')!;
    const names = model.seriesName.slice(putin.first, putin.end);
    expect(names).toEqual([
      'ceasefire',
      'nato-membership-ukraine',
      'russia-invasion-ukraine',
      'territorial-concessions',
      'us-responsibility',
    ]);
    // Every topic on its own pixel rows.
    const layout = layoutBands(model);
    const tops = names.map((_, k) => layout.tops[layout.lineOfSeries[putin.first + k]]);
    expect(new Set(tops).size).toBe(5);
    // Any point of the territory row names the territory statement.
    const s = putin.first + names.indexOf('territorial-concessions');
    const scale = { d0: day('2024-10-28'), d1: day('2024-12-31'), r0: 200, r1: 840 };
    const xs = Float32Array.from(model.day, (d) => 200 + ((d - scale.d0) * 640) / 64);
    const y = layout.tops[layout.lineOfSeries[s]] + 9;
    for (const px of [300, 600, 830]) {
      const hit = hitAt(cache, model, layout, xs, scale, px, y, 8)!;
      expect(cache.topics[cache.topic[hit.row]]).toBe('territorial-concessions');
      expect(cache.text.get('summary', hit.row)).toMatch(/territory/);
    }
  });
});

describe('hit-testing and moving across bands', () => {
  it('names the statement in force anywhere on a band, nothing before its first', () => {
    const { cache, model } = setup();
    const layout = layoutBands(model);
    const s = seriesNamed(model, 'Putin', 'territory');
    const scale = { d0: day('2024-10-01'), d1: day('2025-01-01'), r0: 0, r1: 920 };
    const xs = Float32Array.from(model.day, (d) => ((d - scale.d0) * 920) / 92);
    const y = layout.tops[layout.lineOfSeries[s]] + 9;
    const at = (date: string) =>
      hitAt(cache, model, layout, xs, scale, ((day(date) - scale.d0) * 920) / 92, y, 4);
    expect(at('2024-10-10')).toBeNull();
    expect(formatDay(cache.day[at('2024-11-20')!.row])).toBe('2024-11-01');
    expect(formatDay(cache.day[at('2024-12-12')!.row])).toBe('2024-12-10');
    expect(seriesOfRow(cache, model, at('2024-12-12')!.row)).toBe(s);
  });

  it('moves to the row below at the same day', () => {
    const { cache, model } = setup();
    const ceasefire = seriesNamed(model, 'Putin', 'ceasefire');
    const below = pointBeside(cache, model, ceasefire, 1, day('2024-12-12'))!;
    expect(model.seriesName[below.series]).toBe('territory');
    expect(formatDay(cache.day[below.row])).toBe('2024-12-10');
    expect(pointBeside(cache, model, model.seriesCount - 1, 1, 0)).toBeNull();
  });
});

/** A 2D context that records fills: `[fillStyle, x, y, w, h]` for each rect of each fill. */
function recordingContext() {
  const fills: [string, number, number, number, number][] = [];
  let rects: number[][] = [];
  const ctx: Record<string, unknown> = {
    fillStyle: '',
    strokeStyle: '',
    beginPath: () => (rects = []),
    rect: (x: number, y: number, w: number, h: number) => rects.push([x, y, w, h]),
    fill: () => {
      for (const r of rects) fills.push([String(ctx.fillStyle), r[0], r[1], r[2], r[3]]);
    },
    fillRect: (x: number, y: number, w: number, h: number) =>
      fills.push([String(ctx.fillStyle), x, y, w, h]),
  };
  const proxy = new Proxy(ctx, {
    get: (target, key: string) => (key in target ? target[key] : () => undefined),
  });
  return { ctx: proxy as unknown as CanvasRenderingContext2D, fills };
}

describe('drawing bands', () => {
  it('splits a band where it turns stale', () => {
    const { cache, model } = setup();
    const s = seriesNamed(model, 'Biden', 'ceasefire');
    const scale = { d0: day('2024-12-01'), d1: day('2025-01-01'), r0: 0, r1: 31 };
    // 1 px a day: +1 from day 0 (its period ends at day 1; stale 5 days on, from day 6), 0 from
    // day 19 (ends at day 20, stale from day 25) to the edge.
    expect(bandPieces(cache, model, s, scale, 5)).toEqual([
      0, 6, 0, 0, 6, 19, 0, 1, 19, 25, 1, 0, 25, 31, 1, 1,
    ]);
  });

  it('keeps the stance colour of a stale band, only thinner', () => {
    const { cache, model } = setup({}, [
      { date: '2024-12-01', actor: 'Biden', affiliation: US, topic: 'ceasefire', stance: -2 },
    ]);
    const layout = layoutBands(model);
    const scale = { d0: day('2024-12-01'), d1: day('2025-03-01'), r0: 0, r1: 90 };
    const { ctx, fills } = recordingContext();
    const frame: Frame = {
      cache,
      model,
      layout,
      xs: Float32Array.from(model.day, (d) => d - scale.d0),
      scale,
      width: 100,
      height: 200,
      scrollTop: 0,
      hover: null,
      cursor: null,
      selectedRow: -1,
      from: null,
      to: null,
      staleDays: 30,
      ticks: [],
      theme: FALLBACK_THEME,
    };
    renderFrame(ctx, frame);
    const band = fills.filter((f) => f[1] >= 0 && f[3] > 5);
    // Fresh for 31 days (its day and 30 more), stale after: same colour, 10 then 4 px high.
    expect(band).toEqual([
      [STANCE_COLOR[-2], 0, expect.any(Number), 31, 10],
      [STANCE_COLOR[-2], 31, expect.any(Number), 59, 4],
    ]);
  });
});
