import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/domain/dates';
import { describeFilters } from '../../../src/export/filters';
import { DEFAULT_VIEW, type ViewState } from '../../../src/url/view-state';

const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('describeFilters', () => {
  it.each<[string, Partial<ViewState>, string]>([
    ['the default view', {}, 'No filters'],
    [
      'a start date, two actors and a search',
      {
        from: dayNumber(2024, 11, 1),
        actors: ['Sergey Lavrov', 'Vladimir Putin'],
        search: 'truce',
      },
      'From 2024-11-01 · Actors: Sergey Lavrov, Vladimir Putin · Search: truce',
    ],
    [
      'a closed date range',
      { from: dayNumber(2024, 1, 1), to: dayNumber(2024, 12, 31) },
      'From 2024-01-01 · To 2024-12-31',
    ],
    [
      'topics, affiliations and stances in words',
      { topics: ['ceasefire'], affiliations: ['Russia'], stances: [-2, 'c'] },
      'Affiliations: Russia · Topics: ceasefire · Stance: strongly oppose, conditional',
    ],
    ['a blank search', { search: '   ' }, 'No filters'],
    [
      'many actors, counted past five',
      { actors: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
      'Actors: A, B, C, D, E and 2 more',
    ],
  ])('describes %s', (_name, patch, expected) => {
    expect(describeFilters(view(patch))).toBe(expected);
  });

  it('ignores view choices that are not filters (tab, lanes, as-of date)', () => {
    expect(describeFilters(view({ view: 'matrix', lanes: 'topic', asOf: 20000 }))).toBe(
      'No filters',
    );
  });
});
