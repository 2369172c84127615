import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { endDay, parseIsoDay } from '../../src/domain/dates';
import { InProcessImportService } from '../../src/ingest/client';
import { previewText } from '../../src/ingest/pipeline';
import { AppState } from '../../src/state/app.svelte';
import { DEFAULT_VIEW, type ViewState } from '../../src/url/view-state';
import FiltersHarness from './harness/FiltersHarness.svelte';
import './harness/jsdom-gaps';

const ACTORS = ['Keith Kellogg', 'Sergey Lavrov', 'Vladimir Putin'];
const TOPICS = ['ceasefire', 'dialogue'];

/** The harness's bound view, read back from the text it shows. */
function boundView(): ViewState {
  return JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;
}

function renderFilters(initial: Partial<ViewState> = {}, onsearchfocus?: () => void) {
  render(FiltersHarness, { props: { initial, actors: ACTORS, topics: TOPICS, onsearchfocus } });
  return {
    user: userEvent.setup(),
    filters: within(screen.getByRole('search', { name: 'Filters' })),
  };
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

  it('starts from the default view with nothing to clear', () => {
    const { filters } = renderFilters();

    expect(boundView()).toEqual(DEFAULT_VIEW);
    expect(filters.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
    expect(filters.getByLabelText('Actors')).toHaveDisplayValue([]);
  });

  it('sets the actors, topics and stances chosen in the lists', async () => {
    const { user, filters } = renderFilters();

    await user.selectOptions(filters.getByLabelText('Actors'), ['Sergey Lavrov', 'Vladimir Putin']);
    await user.selectOptions(filters.getByLabelText('Topics'), ['ceasefire']);
    await user.selectOptions(filters.getByLabelText('Stance'), ['oppose', 'conditional']);

    expect(boundView()).toMatchObject({
      actors: ['Sergey Lavrov', 'Vladimir Putin'],
      topics: ['ceasefire'],
      stances: [-1, 'c'],
    });
    expect(filters.getByRole('button', { name: 'Clear filters (5)' })).toBeEnabled();
  });

  it('drops an actor when it is deselected', async () => {
    const { user, filters } = renderFilters({ actors: ['Sergey Lavrov', 'Vladimir Putin'] });

    expect(filters.getByLabelText('Actors')).toHaveDisplayValue([
      'Sergey Lavrov',
      'Vladimir Putin',
    ]);
    await user.deselectOptions(filters.getByLabelText('Actors'), 'Sergey Lavrov');

    expect(boundView().actors).toEqual(['Vladimir Putin']);
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

  it('shows a view set elsewhere (a link) in its controls', () => {
    const { filters } = renderFilters({
      from: parseIsoDay('2024-12-18'),
      topics: ['dialogue'],
      stances: [2],
      search: 'Washington',
    });

    expect(filters.getByLabelText('From')).toHaveValue('2024-12-18');
    expect(filters.getByLabelText('Topics')).toHaveDisplayValue(['dialogue']);
    expect(filters.getByLabelText('Stance')).toHaveDisplayValue(['strongly support']);
    expect(filters.getByLabelText('Search')).toHaveValue('Washington');
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

    await user.click(filters.getByRole('button', { name: 'Clear filters (7)' }));

    expect(boundView()).toEqual({ ...DEFAULT_VIEW, view: 'statements', lanes: 'topic' });
    expect(filters.getByLabelText('Actors')).toHaveDisplayValue([]);
    expect(filters.getByLabelText('Search')).toHaveValue('');
    expect(filters.getByLabelText('From')).toHaveValue('');
    expect(filters.getByRole('button', { name: 'Clear filters' })).toBeDisabled();
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

    await user.selectOptions(filters.getByLabelText('Actors'), 'Sergey Lavrov');

    await screen.findByText(`Showing ${lavrov} of ${total} statements`);
  });

  it('counts the statements that match the search, and all of them again after Clear filters', async () => {
    const { total, user, filters } = await renderSeededApp();
    const truce = seed.filter((r) =>
      [r.quote, r.summary, r.conditions].some((t) => t.toLowerCase().includes('truce')),
    ).length;
    expect(truce).toBeGreaterThan(0);

    await user.type(filters.getByLabelText('Search'), 'truce');
    await screen.findByText(`Showing ${truce} of ${total} statements`);

    await user.click(filters.getByRole('button', { name: /^Clear filters/ }));
    await screen.findByText(`Showing ${total} of ${total} statements`);
  });

  it('counts the statements whose period overlaps From..To', async () => {
    const { total, filters } = await renderSeededApp();
    const from = parseIsoDay('2024-12-20')!;
    const to = parseIsoDay('2024-12-31')!;
    // A statement dated `2024` covers the whole year, so it is in the range; one dated
    // `2024-11` or `2024-12-18` is not.
    const overlapping = seed.filter(
      (r) => r.day <= to && endDay(r.day, r.precision) - 1 >= from,
    ).length;
    expect(overlapping).toBeGreaterThan(seed.filter((r) => r.day >= from).length);
    expect(overlapping).toBeLessThan(total);

    await fireEvent.change(filters.getByLabelText('From'), { target: { value: '2024-12-20' } });
    await fireEvent.change(filters.getByLabelText('To'), { target: { value: '2024-12-31' } });

    await screen.findByText(`Showing ${overlapping} of ${total} statements`);
  });
});
