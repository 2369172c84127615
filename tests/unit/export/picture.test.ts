import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/domain/dates';
import { STANCE_COLOR } from '../../../src/domain/stance';
import type { StanceValue } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import { rec } from '../query/helpers';
import { picture, type PictureView } from '../../../src/export/picture';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER } from '../../../src/query/types';
import { DEFAULT_VIEW } from '../../../src/url/view-state';
import { seedCache } from '../query/seed';

const SOURCE = 'Data: seed-statements.csv (19 statements)';

async function draw(view: PictureView, size: 'slide' | 'a4' = 'slide') {
  const cache = await seedCache();
  const rows = filterRows(cache, EMPTY_FILTER);
  return picture({
    cache,
    rows,
    view: { ...DEFAULT_VIEW, view },
    size,
    source: SOURCE,
    made: '2026-12-07',
  });
}

describe('picture: snapshots of the bundled data', () => {
  for (const view of ['timeline', 'matrix', 'agreement', 'shifts'] as const) {
    it(`draws the ${view} as it was last reviewed`, async () => {
      const out = await draw(view);
      await expect(out.text).toMatchFileSnapshot(`__snapshots__/${view}.svg`);
    });
  }
});

describe('picture: what every page carries', () => {
  for (const view of ['timeline', 'matrix', 'agreement', 'shifts'] as const) {
    it(`the ${view} is a self-contained SVG with title, filters, legend, source and date`, async () => {
      const cache = await seedCache();
      const rows = filterRows(cache, EMPTY_FILTER);
      const out = picture({
        cache,
        rows,
        view: { ...DEFAULT_VIEW, view, from: dayNumber(2024, 11, 1), search: 'truce' },
        size: 'a4',
        source: SOURCE,
        made: '2026-12-07',
      });
      expect([out.width, out.height]).toEqual([794, 1123]);
      expect(out.text).toMatch(
        /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="794" height="1123"/,
      );
      // No code, no HTML island, no link out of the file.
      expect(out.text).not.toMatch(/<script|foreignObject|href=|url\((?!#)|\son\w+=/i);
      expect(out.text).toContain('class="filters">Filters: From 2024-11-01 · Search: truce</text>');
      expect(out.text).toContain(`>${SOURCE}</text>`);
      expect(out.text).toContain('>Made 2026-12-07 with Stance timeline</text>');
      expect(out.text).toMatch(/<g class="legend"[^>]*>.*>(strongly oppose|0% agree)<\/text>/);
    });
  }

  it('is 16:9 for a slide', async () => {
    const out = await draw('timeline', 'slide');
    expect(out.width / out.height).toBeCloseTo(16 / 9, 5);
  });

  it('writes the timeline window and draws every lane and the oppose colour', async () => {
    const out = await draw('timeline');
    expect(out.text).toContain(
      '>Window 2024-10-28 to 2024-12-30 (zoom as on screen) · 19 statements, 0 shifts by actor, ' +
        '1 shift by affiliation</text>',
    );
    for (const name of ['Russia', 'Sergey Lavrov', 'Vladimir Putin', 'Western nations']) {
      expect(out.text).toContain(`>${name}</text>`);
    }
    expect(out.text).toContain(`fill="${STANCE_COLOR[-2]}"`);
  });
});

describe('picture: the timeline with an affiliation collapsed', () => {
  it("draws Russia's ceasefire shift: a bar across the row and an arrow in the new colour", async () => {
    const cache = await seedCache();
    const out = picture({
      cache,
      rows: filterRows(cache, EMPTY_FILTER),
      view: { ...DEFAULT_VIEW, collapsed: ['Russia'] },
      size: 'slide',
      source: SOURCE,
      made: '2026-12-07',
    });
    expect(out.text).toContain('>Russia (all actors)</text>');
    // The shift bar (2 px wide, the row's height less 2) and the hardened arrow, strongly oppose.
    expect(out.text).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="2" height="16" fill="#1d1d1f"\/>/);
    expect(out.text).toMatch(new RegExp(`<path d="M[^"]*Z" fill="${STANCE_COLOR[-2]}"/>`));
  });
});

describe('picture: large views', () => {
  const many = () =>
    cacheFromRecords(
      Array.from({ length: 120 }, (_, i) =>
        rec({
          date: `2024-0${1 + (i % 9)}-10`,
          actor: `Actor ${String(i).padStart(3, '0')} <b>`,
          topic: `topic-${i % 30}`,
          stance: ((i % 5) - 2) as StanceValue,
        }),
      ),
    );
  const input = (view: PictureView) => {
    const cache = many();
    return {
      cache,
      rows: Uint32Array.from({ length: cache.n }, (_, i) => i),
      view: { ...DEFAULT_VIEW, view },
      size: 'slide' as const,
      source: 'Data: many.csv',
      made: '2026-12-07',
    };
  };
  const note = (text: string) => /class="note">([^<]*)</.exec(text)?.[1] ?? '';

  it('draws the timeline lanes that fit and says how many were left out', () => {
    const out = picture(input('timeline'));
    expect(note(out.text)).toMatch(/^\d+ of 120 lanes shown; \d+ did not fit/);
    // Names are text, escaped, never markup.
    expect(out.text).toContain('Actor 000 &lt;b&gt;');
    expect(out.text).not.toContain('<b>');
  });

  it('draws the matrix rows and topics that fit and counts the rest', () => {
    expect(note(picture(input('matrix')).text)).toMatch(
      /^\d+ of 120 rows shown; \d+ of 30 topics shown/,
    );
  });

  it('draws the agreement actors that fit and counts the rest', () => {
    expect(note(picture(input('agreement')).text)).toMatch(
      /^\d+ of 60 actors shown.*60 less active actors left out/,
    );
  });
});
