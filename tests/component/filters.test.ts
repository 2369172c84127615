import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { parseIsoDay } from '../../src/domain/dates';
import { InProcessImportService } from '../../src/ingest/client';
import { previewText } from '../../src/ingest/preview';
import { AppState } from '../../src/state/app.svelte';
import { DEFAULT_VIEW, type ViewState } from '../../src/url/view-state';
import type { StanceValue } from '../../src/domain/types';
import { cacheFromRecords } from '../../src/query/cache';
import type { ColumnCache } from '../../src/query/types';
import { rec } from '../unit/query/helpers';
import FiltersHarness from './harness/FiltersHarness.svelte';
import './harness/jsdom-gaps';

const ACTORS = ['Keith Kellogg', 'Sergey Lavrov', 'Vladimir Putin'];
const ACTOR_AFFILIATION: Record<string, string> = {
  'Keith Kellogg': 'United States',
  'Sergey Lavrov': 'Russia',
  'Vladimir Putin': 'Russia',
};
/** Statements per actor and topic: Putin 3 (2 ceasefire), Lavrov 2 (1 ceasefire), Kellogg 1. */
const PLAN: [string, string, StanceValue | 'c'][] = [
  ['Vladimir Putin', 'ceasefire', 'c'],
  ['Vladimir Putin', 'ceasefire', -2],
  ['Vladimir Putin', 'dialogue', 1],
  ['Sergey Lavrov', 'ceasefire', -2],
  ['Sergey Lavrov', 'dialogue', 0],
  ['Keith Kellogg', 'dialogue', 2],
];
const cache = cacheFromRecords(
  PLAN.map(([actor, topic, stance], i) =>
    rec({
      date: `2024-12-${String(i + 10)}`,
      actor,
      topic,
      stance,
      affiliation: ACTOR_AFFILIATION[actor],
    }),
  ),
  'seed',
);

/** The harness's bound view, read back from the text it shows. */
function boundView(): ViewState {
  return JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;
}

function renderFilters(
  initial: Partial<ViewState> = {},
  onsearchfocus?: () => void,
  over: ColumnCache = cache,
) {
  render(FiltersHarness, { props: { initial, cache: over, onsearchfocus } });
  return {
    user: userEvent.setup(),
    filters: within(screen.getByRole('search', { name: 'Filters' })),
  };
}

/** A facet's value box, found by its name and count: `box('Actors', 'Sergey Lavrov')`. */
function box(facet: string, value: string): HTMLInputElement {
  const region = within(screen.getByRole('region', { name: facet }));
  return region.getByRole('checkbox', { name: new RegExp(`^${value}, `) });
}

/** The names a facet lists, top to bottom, with their counts: `['Vladimir Putin 3', ...]`. */
function listed(facet: string): string[] {
  const region = within(screen.getByRole('region', { name: facet }));
  return region.queryAllByRole('checkbox').map((b) => b.getAttribute('aria-label')!);
}

describe('Filters', () => {
  it('says when the search field gets focus, before the first keystroke', async () => {
    const onsearchfocus = vi.fn();
    const { user, filters } = renderFilters({}, onsearchfocus);
    expect(onsearchfocus).not.toHaveBeenCalled();

    await user.click(filters.getByRole('searchbox', { name: 'Search' }));

    expect(onsearchfocus).toHaveBeenCalledTimes(1);
    expect(boundView().search).toBe('');
  });

  it('starts from the default view with nothing to clear and no filter chips', () => {
    const { filters } = renderFilters();

    expect(boundView()).toEqual(DEFAULT_VIEW);
    expect(filters.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
    expect(filters.queryByRole('list', { name: 'Active filters' })).toBeNull();
    for (const a of ACTORS) expect(box('Actors', a)).not.toBeChecked();
  });

  it('lists each value with its count, most statements first', () => {
    renderFilters();

    expect(listed('Actors')).toEqual([
      'Vladimir Putin, 3 statements',
      'Sergey Lavrov, 2 statements',
      'Keith Kellogg, 1 statement',
    ]);
    expect(listed('Affiliations')).toEqual(['Russia, 5 statements', 'United States, 1 statement']);
  });

  it('sorts a facet by name and back by count, the button saying which order is on', async () => {
    const { user } = renderFilters();

    await user.click(screen.getByRole('button', { name: 'by count: sort Actors by name' }));
    expect(listed('Actors').map((l) => l.split(',')[0])).toEqual([
      'Keith Kellogg',
      'Sergey Lavrov',
      'Vladimir Putin',
    ]);
    await user.click(screen.getByRole('button', { name: 'by name: sort Actors by count' }));
    expect(listed('Actors')[0]).toBe('Vladimir Putin, 3 statements');
  });

  it('adds values with plain clicks, no modifier key, in every facet', async () => {
    const { user, filters } = renderFilters();

    await user.click(box('Actors', 'Sergey Lavrov'));
    await user.click(box('Actors', 'Vladimir Putin'));
    await user.click(box('Topics', 'ceasefire'));
    await user.click(box('Stance', 'strongly oppose'));
    await user.click(box('Stance', 'conditional'));

    expect(boundView()).toMatchObject({
      actors: ['Sergey Lavrov', 'Vladimir Putin'],
      topics: ['ceasefire'],
      stances: [-2, 'c'],
    });
    expect(filters.getByRole('button', { name: 'Clear filters (5)' })).toBeEnabled();
  });

  it('counts each facet under the other facets’ choices', async () => {
    const { user } = renderFilters();

    await user.click(box('Topics', 'ceasefire'));

    // Kellogg spoke only on dialogue: choosing ceasefire leaves him nothing to add.
    expect(listed('Actors')).toEqual([
      'Vladimir Putin, 2 statements',
      'Sergey Lavrov, 1 statement',
      'Keith Kellogg, 0 statements',
    ]);
    // The topic facet still counts dialogue, so the analyst sees what adding it would bring.
    expect(listed('Topics')).toEqual(['ceasefire, 3 statements', 'dialogue, 3 statements']);
  });

  it('drops an actor when its box is unticked, and keeps only one with "only"', async () => {
    const { user } = renderFilters({ actors: ['Sergey Lavrov', 'Vladimir Putin'] });

    expect(box('Actors', 'Sergey Lavrov')).toBeChecked();
    await user.click(box('Actors', 'Sergey Lavrov'));
    expect(boundView().actors).toEqual(['Vladimir Putin']);

    await user.click(screen.getByRole('button', { name: 'Only Keith Kellogg' }));
    expect(boundView().actors).toEqual(['Keith Kellogg']);

    await user.click(screen.getByRole('button', { name: 'All Actors' }));
    expect(boundView().actors).toEqual([]);
  });

  it('moves through a facet with the arrow keys and ticks with Space, or keeps one with "o"', async () => {
    const { user } = renderFilters();

    box('Actors', 'Vladimir Putin').focus();
    await user.keyboard('{ArrowDown}');
    expect(box('Actors', 'Sergey Lavrov')).toHaveFocus();
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown}');
    await user.keyboard(' ');
    expect(boundView().actors).toEqual(['Sergey Lavrov', 'Keith Kellogg']);

    await user.keyboard('{Home}');
    expect(box('Actors', 'Vladimir Putin')).toHaveFocus();
    await user.keyboard('o');
    expect(boundView().actors).toEqual(['Vladimir Putin']);
  });

  it('finds values by typing, and draws only the rows in view of a 10,000-value list', async () => {
    const many = cacheFromRecords(
      Array.from({ length: 10_000 }, (_, i) =>
        rec({ date: '2024-12-01', actor: `Actor ${i}`, topic: 'ceasefire', stance: 0 }),
      ),
      'many',
    );
    const { user } = renderFilters({}, undefined, many);

    expect(listed('Actors').length).toBeLessThan(30);
    await user.type(screen.getByRole('searchbox', { name: 'Find actor' }), '9999');
    expect(listed('Actors')).toEqual(['Actor 9999, 1 statement']);
    expect(
      within(screen.getByRole('region', { name: 'Actors' })).getByText('1 match'),
    ).toBeVisible();

    await user.clear(screen.getByRole('searchbox', { name: 'Find actor' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find actor' }), 'nobody');
    expect(screen.getByText('No actor matches “nobody”')).toBeInTheDocument();
  });

  it('sets the search text as it is typed', async () => {
    const { user, filters } = renderFilters();

    await user.type(filters.getByLabelText('Search'), 'truce');

    expect(boundView().search).toBe('truce');
  });

  it.each([
    ['From', 'from', '2024-12-01'],
    ['To', 'to', '2025-01-07'],
  ] as const)('sets %s as a UTC day and clears it again', async (label, key, date) => {
    const { filters } = renderFilters();
    const input = filters.getByLabelText(label);

    await fireEvent.change(input, { target: { value: date } });
    expect(boundView()[key]).toBe(parseIsoDay(date));

    await fireEvent.change(input, { target: { value: '' } });
    expect(boundView()[key]).toBeNull();
  });

  it('shows a view set elsewhere (a link, a matrix click) in its controls and as chips', () => {
    const { filters } = renderFilters({
      from: parseIsoDay('2024-12-18'),
      topics: ['dialogue'],
      affiliations: ['Russia'],
      stances: [2],
      search: 'Washington',
    });

    expect(filters.getByLabelText('From')).toHaveValue('2024-12-18');
    expect(box('Topics', 'dialogue')).toBeChecked();
    expect(box('Affiliations', 'Russia')).toBeChecked();
    expect(box('Stance', 'strongly support')).toBeChecked();
    expect(filters.getByLabelText('Search')).toHaveValue('Washington');
    const chips = within(filters.getByRole('list', { name: 'Active filters' }));
    expect(
      chips.getAllByRole('listitem').map((li) => li.textContent!.replace('×', '').trim()),
    ).toEqual([
      'From 2024-12-18',
      'Affiliation: Russia',
      'Topic: dialogue',
      'Stance: strongly support',
      'Search: “Washington”',
    ]);
    expect(filters.getByRole('button', { name: 'Clear filters (5)' })).toBeEnabled();
  });

  it('removes one filter with its chip', async () => {
    const { user, filters } = renderFilters({ affiliations: ['Russia'], topics: ['ceasefire'] });

    await user.click(filters.getByRole('button', { name: 'Remove Affiliation: Russia' }));

    expect(boundView()).toMatchObject({ affiliations: [], topics: ['ceasefire'] });
    expect(box('Affiliations', 'Russia')).not.toBeChecked();
  });

  it('resets every filter with Clear filters, leaving the other view choices alone', async () => {
    const { user, filters } = renderFilters({
      view: 'statements',
      lanes: 'topic',
      from: parseIsoDay('2024-12-01'),
      to: parseIsoDay('2024-12-31'),
      actors: ['Sergey Lavrov'],
      affiliations: ['Russia'],
      topics: ['dialogue'],
      stances: [-2, 'c'],
      search: 'truce',
    });

    await user.click(filters.getByRole('button', { name: 'Clear filters (8)' }));

    expect(boundView()).toEqual({ ...DEFAULT_VIEW, view: 'statements', lanes: 'topic' });
    expect(box('Actors', 'Sergey Lavrov')).not.toBeChecked();
    expect(filters.getByLabelText('Search')).toHaveValue('');
    expect(filters.getByLabelText('From')).toHaveValue('');
    expect(filters.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  });

  it('hides and shows the facets with one button', async () => {
    const { user, filters } = renderFilters();
    const toggle = filters.getByRole('button', { name: 'Hide facets' });

    await user.click(toggle);
    expect(screen.queryByRole('region', { name: 'Actors' })).toBeNull();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(filters.getByRole('button', { name: 'Show facets' }));
    expect(screen.getByRole('region', { name: 'Actors' })).toBeInTheDocument();
  });
});

describe('the app status line under the filters', () => {
  const seedPath = path.resolve(__dirname, '../../data/seed-statements.csv');
  const seedText = readFileSync(seedPath, 'utf8');
  const seed = previewText(seedText).rows;

  beforeEach(async () => {
    resetDbForTests();
    await Dexie.delete(DB_NAME);
    localStorage.clear();
    history.replaceState(null, '', '/');
    vi.stubGlobal('fetch', async () => ({ ok: true, blob: async () => new Blob([seedText]) }));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    resetDbForTests();
  });

  /** The app with the bundled example loaded, and its filter form. */
  async function renderSeededApp() {
    const state = new AppState(() => new InProcessImportService(() => new StanceDB()));
    render(App, { props: { state } });
    const total = seed.length;
    await screen.findByText(`Showing ${total} of ${total} statements`, {}, { timeout: 5000 });
    return {
      total,
      user: userEvent.setup(),
      filters: within(screen.getByRole('search', { name: 'Filters' })),
    };
  }

  it('counts the statements of the chosen actor', async () => {
    const { total, user, filters } = await renderSeededApp();
    const lavrov = seed.filter((r) => r.actor === 'Sergey Lavrov').length;
    expect(lavrov).toBeGreaterThan(0);
    expect(lavrov).toBeLessThan(total);

    await user.click(
      within(filters.getByRole('region', { name: 'Actors' })).getByRole('checkbox', {
        name: /^Sergey Lavrov,/,
      }),
    );

    await screen.findByText(`Showing ${lavrov} of ${total} statements · 1 filter`);
  });

  it('counts the statements that match the search, and all of them again after Clear filters', async () => {
    const { total, user, filters } = await renderSeededApp();
    const truce = seed.filter((r) =>
      [r.quote, r.summary, r.conditions].some((t) => t.toLowerCase().includes('truce')),
    ).length;
    expect(truce).toBeGreaterThan(0);

    await user.type(filters.getByLabelText('Search'), 'truce');
    await screen.findByText(`Showing ${truce} of ${total} statements · 1 filter`);

    await user.click(filters.getByRole('button', { name: /^Clear filters/ }));
    await screen.findByText(`Showing ${total} of ${total} statements`);
  });

  it('counts the statements whose period overlaps From..To', async () => {
    const { total, filters } = await renderSeededApp();
    // From the date text alone: a statement dated `2024` covers the whole year and one dated
    // `2024-12` the month, so both overlap 2024-12-20..31; `2024-11` or `2024-12-18` do not.
    const dates = seedText
      .split(/\r?\n/)
      .filter((line) => /^seed-\d+,/.test(line))
      .map((line) => line.split(',')[1]);
    const inRange = (d: string) => d.length === 10 && d >= '2024-12-20' && d <= '2024-12-31';
    const overlapping = dates.filter((d) => d === '2024' || d === '2024-12' || inRange(d)).length;
    expect(overlapping).toBeGreaterThan(dates.filter(inRange).length);
    expect(overlapping).toBeLessThan(total);

    await fireEvent.change(filters.getByLabelText('From'), { target: { value: '2024-12-20' } });
    await fireEvent.change(filters.getByLabelText('To'), { target: { value: '2024-12-31' } });

    await screen.findByText(`Showing ${overlapping} of ${total} statements · 2 filters`);
  });
});
