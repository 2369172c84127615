import { describe, expect, it } from 'vitest';
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
