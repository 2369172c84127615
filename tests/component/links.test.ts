/**
 * The address Copy link copies: built from the view state, so it never lags the throttled
 * address bar, and never carries a portable link's #fragment along.
 */
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/domain/dates';
import { viewLink } from '../../src/state/url-sync.svelte';
import { parseView } from '../../src/url/query-string';
import { DEFAULT_VIEW, type ViewState } from '../../src/url/view-state';

const view = (over: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...over });

describe('viewLink', () => {
  it.each([
    ['the default view with no data', view({}), null, 'http://host/app/', 'http://host/app/'],
    [
      'a stale query and fragment replaced by the state',
      view({ view: 'matrix', asOf: dayNumber(2024, 12, 26) }),
      '3f9a0c1b',
      'http://host/app/?q=old#d=abc',
      'http://host/app/?view=matrix&asOf=2024-12-26&fp=3f9a0c1b',
    ],
    [
      'search text typed a moment ago',
      view({ view: 'statements', search: 'truce' }),
      null,
      'https://example.org/stance/index.html?view=statements&q=tru',
      'https://example.org/stance/index.html?view=statements&q=truce',
    ],
  ])('writes %s', (_, state, fp, href, expected) => {
    expect(viewLink(state, fp, href)).toBe(expected);
  });

  it('reads back to the same view', () => {
    const state = view({
      view: 'statements',
      actors: ['Sergey Lavrov', 'Kyiv, UA'],
      topics: ['ceasefire'],
      search: '<img src=x> & more',
      selected: 'seed-019',
    });
    const link = viewLink(state, 'deadbeef', 'http://host/');
    expect(parseView(new URL(link).search)).toEqual({
      state: { ...state, fingerprint: 'deadbeef' },
      ignored: [],
    });
  });
});
