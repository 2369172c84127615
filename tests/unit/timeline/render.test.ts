import { describe, expect, it } from 'vitest';
import { STANCE_COLOR } from '../../../src/domain/stance';
import { cacheFromRecords } from '../../../src/query/cache';
import { buildBands } from '../../../src/views/timeline/bands';
import { computeXs, type XScale } from '../../../src/views/timeline/geometry';
import { layoutBands } from '../../../src/views/timeline/layout';
import { BAND_H, renderFrame, type Frame } from '../../../src/views/timeline/render';
import { FALLBACK_THEME } from '../../../src/views/timeline/theme';
import { day, rec } from '../query/helpers';
import { recordingContext } from './recording-context';

/** Fixed inputs: two Russian actors, a shift (oppose -> conditional support), a second-hand
 * statement, a month-precise one, and a US actor; 700 px wide, all lines in view. */
function frame(overrides: Partial<Frame> = {}): Frame {
  const cache = cacheFromRecords([
    rec({
      date: '2024-11-01',
      actor: 'Vladimir Putin',
      affiliation: 'Russia',
      topic: 'ceasefire',
      stance: -1,
    }),
    rec({
      date: '2024-12-01',
      actor: 'Vladimir Putin',
      affiliation: 'Russia',
      topic: 'ceasefire',
      stance: 'c',
    }),
    rec({
      date: '2024-11',
      actor: 'Vladimir Putin',
      affiliation: 'Russia',
      topic: 'talks',
      stance: 2,
    }),
    rec({
      date: '2024-12-10',
      actor: 'Sergey Lavrov',
      affiliation: 'Russia',
      topic: 'ceasefire',
      stance: -2,
      reportedVia: 'TASS',
    }),
    rec({
      date: '2024-11-20',
      actor: 'Donald Trump',
      affiliation: 'United States',
      topic: 'talks',
      stance: 1,
    }),
  ]);
  const rows = Uint32Array.from({ length: cache.n }, (_, i) => i);
  const model = buildBands(cache, rows, { by: 'actor', sort: 'name', collapsed: [] });
  const layout = layoutBands(model);
  const scale: XScale = { d0: day('2024-10-25'), d1: day('2025-01-05'), r0: 200, r1: 680 };
  return {
    cache,
    model,
    layout,
    xs: computeXs(model.day, scale),
    scale,
    width: 700,
    height: layout.height,
    scrollTop: 0,
    hover: null,
    cursor: null,
    selectedRow: -1,
    from: null,
    to: null,
    staleDays: 90,
    ticks: [250, 400, 550],
    theme: FALLBACK_THEME,
    ...overrides,
  };
}

describe('renderFrame against a recording context', () => {
  it('draws the fixed frame exactly as last reviewed', async () => {
    const { ctx, calls } = recordingContext();
    const out = renderFrame(ctx, frame());
    expect(out).toEqual({ binned: false, marks: 5 });
    await expect(calls.join('\n') + '\n').toMatchFileSnapshot('__snapshots__/render-frame.txt');
  });

  it('fills the oppose band in the oppose colour on its series row', () => {
    const f = frame();
    const { ctx, calls } = recordingContext();
    renderFrame(ctx, f);
    const putinCeasefire = f.model.seriesName.findIndex(
      (name, s) =>
        name === 'ceasefire' && f.model.lanes[f.model.seriesLane[s]].name === 'Vladimir Putin',
    );
    // The row's top, plus half the 18 px row, less half the band.
    const top = f.layout.tops[f.layout.lineOfSeries[putinCeasefire]] + 9 - BAND_H / 2;
    const at = calls.indexOf(`fillStyle = ${STANCE_COLOR[-1]}`);
    expect(at).toBeGreaterThan(-1);
    // The next rect after choosing the colour is that band, at its row's height.
    const rect = calls.slice(at).find((c) => c.startsWith('rect('));
    expect(rect).toMatch(new RegExp(`^rect\\([\\d.]+, ${top}, [\\d.]+, ${BAND_H}\\)$`));
  });

  it('marks the shift with a bar and an arrow filled in the new stance', () => {
    const f = frame();
    const { ctx, calls } = recordingContext();
    renderFrame(ctx, f);
    const x = 200 + ((day('2024-12-01') - f.scale.d0) * 480) / (f.scale.d1 - f.scale.d0);
    const bar = calls.findIndex((c) =>
      c.startsWith(`fillRect(${Math.round((x - 1) * 100) / 100},`),
    );
    expect(bar).toBeGreaterThan(-1);
    expect(calls.slice(bar).includes(`fillStyle = ${STANCE_COLOR[1]}`)).toBe(true);
  });
});
