import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDay, parseIsoDay } from '../../src/domain/dates';
import { previewText } from '../../src/ingest/preview';
import { cacheFromRecords } from '../../src/query/cache';
import { filterRows } from '../../src/query/filter';
import { EMPTY_FILTER } from '../../src/query/types';
import type { ViewState } from '../../src/url/view-state';
import MatrixHarness from './harness/MatrixHarness.svelte';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const seedRecords = previewText(seedText).rows;
const cache = cacheFromRecords(seedRecords);
const rows = filterRows(cache, EMPTY_FILTER);

const LAVROV = 'Sergey Lavrov on ceasefire: strongly oppose, as of 2024-12-31, 1 statement';
const LAVROV_NAME = `${LAVROV}; said 2024-12-26: “A truce leads to nowhere”`;
const TRUMP = 'Donald Trump on ceasefire: no statement as of 2024-12-31';

function boundView(): ViewState {
  return JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;
}

function renderMatrix(initial: Partial<ViewState> = {}, matrixRows = rows, data = cache) {
  const onselect = vi.fn();
  render(MatrixHarness, { props: { cache: data, rows: matrixRows, initial, onselect } });
  return { onselect, user: userEvent.setup() };
}

/** The cell whose accessible name starts with the given text. */
const cell = (start: string) =>
  screen.getByRole('gridcell', { name: (name) => name.startsWith(start) });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// Role queries over a hundred named cells are slow in jsdom, more so when the suite runs in parallel.
describe('Matrix', { timeout: 20_000 }, () => {
  it('names every cell with its stance, date and evidence count', () => {
    renderMatrix();
    const grid = screen.getByRole('grid', { name: /8 actors x 8 topics as of 2024-12-31/ });

    // The name gives the stance, the as-of date, the speaker and the latest statement's words.
    expect(within(grid).getByRole('gridcell', { name: LAVROV_NAME })).toBeInTheDocument();
    expect(within(grid).getByRole('gridcell', { name: TRUMP })).toBeInTheDocument();
    expect(
      cell('Sergey Lavrov on binding-settlement: strongly support, as of 2024-12-31, 2 statements'),
    ).toBeInTheDocument();
    expect(
      within(grid).getByRole('gridcell', {
        name: 'Russia (all actors) on ceasefire: strongly oppose, by Sergey Lavrov, as of 2024-12-31, 2 statements; said 2024-12-26: “A truce leads to nowhere”',
      }),
    ).toBeInTheDocument();
    expect(
      within(grid)
        .getAllByRole('rowheader')
        .map((h) => h.textContent!.trim()),
    ).toEqual([
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
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map((h) => h.textContent!.trim()),
    ).toEqual([
      'Actor or affiliation',
      'binding-settlement',
      'ceasefire',
      'nato-membership-ukraine',
      'peace-negotiations',
      'russia-invasion-ukraine',
      'territorial-concessions',
      'us-responsibility',
      'us-russia-dialogue',
    ]);
  });

  it('draws a conditional stance hollow and says so', () => {
    renderMatrix();
    const putin = cell('Vladimir Putin on ceasefire: conditional support, as of 2024-12-31');
    expect(putin).toHaveAttribute('data-conditional');
    expect(putin.querySelector('.mark.hollow')).not.toBeNull();
    expect(cell(LAVROV).querySelector('.mark.hollow')).toBeNull();
  });

  it('moves focus between cells with the arrow keys, Home and End, one tab stop in all', async () => {
    const { user } = renderMatrix();
    const grid = screen.getByRole('grid');
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    cell(LAVROV).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(
      cell('Sergey Lavrov on nato-membership-ukraine: no statement'),
    );
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(
      cell('Vladimir Putin on nato-membership-ukraine: strongly oppose'),
    );
    await user.keyboard('{ArrowLeft}{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(cell('Russian officials on ceasefire: no statement'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(cell('Russian officials on us-russia-dialogue'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(cell('Russian officials on binding-settlement'));
    expect(grid.querySelectorAll('[tabindex="0"]')).toEqual(
      grid.querySelectorAll('[data-cell="1:0"]'),
    );
  });

  it('opens the statement of a clicked cell without narrowing the grid', async () => {
    const { user, onselect } = renderMatrix();
    await user.click(cell(LAVROV));

    expect(boundView()).toMatchObject({ actors: [], topics: [] });
    expect(onselect).toHaveBeenCalledTimes(1);
    const row = onselect.mock.calls[0][0] as number;
    expect(cache.text.get('quote', row)).toBe('A truce leads to nowhere');
    expect(screen.getAllByRole('rowheader')).toHaveLength(12);
  });

  it("opens a summary cell's latest statement, activated with the keyboard", async () => {
    const { user, onselect } = renderMatrix();
    cell('Russia (all actors) on ceasefire').focus();
    await user.keyboard('{Enter}');
    expect(cache.text.get('quote', onselect.mock.calls[0][0] as number)).toBe(
      'A truce leads to nowhere',
    );
  });

  it('opens nothing for an empty cell', async () => {
    const { user, onselect } = renderMatrix();
    await user.click(cell(TRUMP));
    expect(onselect).not.toHaveBeenCalled();
  });

  it('honours the Actors filter: Lavrov alone, with the Russia row built from him', () => {
    renderMatrix({ actors: ['Sergey Lavrov'] });
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent!.trim())).toEqual([
      'Russia (all actors)',
      'Sergey Lavrov',
    ]);
    expect(cell('Russia (all actors) on ceasefire')).toHaveAccessibleName(
      /strongly oppose, by Sergey Lavrov, as of 2024-12-31, 1 statement;/,
    );
  });

  it('honours the Topics and Stance filters', () => {
    renderMatrix({ topics: ['ceasefire', 'binding-settlement'], stances: [-2] });
    expect(
      screen
        .getAllByRole('columnheader')
        .map((h) => h.textContent!.trim())
        .slice(1),
    ).toEqual(['ceasefire']);
    const filled = screen
      .getAllByRole('gridcell')
      .filter((c) => c.getAttribute('data-stance') !== null);
    expect(filled.length).toBeGreaterThan(0);
    expect(filled.every((c) => c.getAttribute('data-stance') === '-2')).toBe(true);
    expect(screen.queryByRole('rowheader', { name: 'Vladimir Putin' })).toBeNull();
  });

  it('shows the statement behind a cell in a tooltip on hover and on focus', async () => {
    const { user } = renderMatrix();
    await user.hover(cell('Russia (all actors) on ceasefire'));
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent!.replace(/\s+/g, ' ')).toMatch(
      /Russia \(all actors\) on ceasefire strongly oppose · 2024-12-26 · Sergey Lavrov “A truce leads to nowhere”/,
    );
    cell('Vladimir Putin on ceasefire').focus();
    await vi.waitFor(() =>
      expect(screen.getByRole('tooltip').textContent!.replace(/\s+/g, ' ')).toMatch(
        /conditional support · 2024-11 · Vladimir Putin · via Reuters report/,
      ),
    );
  });

  it('shows the stances as of the date typed into As of', async () => {
    renderMatrix();
    await fireEvent.change(screen.getByLabelText('As of'), { target: { value: '2024-11-30' } });

    expect(boundView().asOf).toBe(parseIsoDay('2024-11-30'));
    expect(
      cell(
        'Russia (all actors) on ceasefire: conditional support, by Vladimir Putin, as of 2024-11-30, 1 statement',
      ),
    ).toBeInTheDocument();
    expect(cell('Sergey Lavrov on ceasefire: no statement as of 2024-11-30')).toHaveAttribute(
      'data-empty',
    );
    expect(screen.getByRole('grid', { name: /as of 2024-11-30/ })).toBeInTheDocument();
  });

  it('steps the scrubber a day with the arrows and a month with PageUp and PageDown', async () => {
    const { user } = renderMatrix({ asOf: parseIsoDay('2024-12-31') });
    const scrubber = screen.getByRole('slider', { name: 'As of (scrubber)' });
    expect(scrubber).toHaveAttribute('aria-valuetext', '2024-12-31');

    scrubber.focus();
    await user.keyboard('{ArrowLeft}');
    expect(formatDay(boundView().asOf!)).toBe('2024-12-30');
    await user.keyboard('{PageDown}');
    expect(formatDay(boundView().asOf!)).toBe('2024-11-30');
    await user.keyboard('{PageUp}{PageUp}');
    // Clamped to the end of the data.
    expect(formatDay(boundView().asOf!)).toBe('2024-12-31');
    await user.keyboard('{Home}');
    expect(formatDay(boundView().asOf!)).toBe('2024-01-01');
    expect(cell('Sergey Lavrov on ceasefire')).toHaveAccessibleName(
      'Sergey Lavrov on ceasefire: no statement as of 2024-01-01',
    );
  });

  it('marks who shifted since the compare date', async () => {
    renderMatrix();
    await fireEvent.change(screen.getByLabelText('Compare with'), {
      target: { value: '2024-11-30' },
    });

    expect(boundView().compare).toBe(parseIsoDay('2024-11-30'));
    const russia = cell(
      'Russia (all actors) on ceasefire: strongly oppose, by Sergey Lavrov, as of 2024-12-31, 2 statements, shifted from conditional support on 2024-11-30',
    );
    expect(russia).toHaveAttribute('data-shift', '-1');
    expect(russia).toHaveTextContent('▼');
    expect(cell(`${LAVROV}, new since 2024-11-30`)).toHaveAttribute('data-new');
    const putin = cell('Vladimir Putin on ceasefire');
    expect(putin).toHaveAccessibleName(
      'Vladimir Putin on ceasefire: conditional support, as of 2024-12-31, 1 statement, unchanged since 2024-11-30; said 2024-11: According to a Reuters report relayed by the article, Putin is open to talking with Trump about a ceasefire in Ukraine, but only on his terms.',
    );
    expect(putin).not.toHaveTextContent(/[▲▼]/);
    expect(
      screen.getByRole('grid', { name: /since 2024-11-30; 1 affiliation shift/ }),
    ).toBeInTheDocument();

    await fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: '' } });
    expect(boundView().compare).toBeNull();
    expect(cell('Russia (all actors) on ceasefire')).not.toHaveTextContent('▼');
  });

  it('marks stale cells with their age after the chosen number of days, keeping the colour', async () => {
    renderMatrix();
    const putin = () => cell('Vladimir Putin on ceasefire');
    expect(putin()).not.toHaveAttribute('data-stale');
    const colour = putin().querySelector<HTMLElement>('.mark')!.style.getPropertyValue('--stance');

    await fireEvent.input(screen.getByLabelText('Stale after (days)'), { target: { value: '30' } });
    expect(boundView().staleDays).toBe(30);
    expect(putin()).toHaveAttribute('data-stale');
    expect(putin()).toHaveAccessibleName(
      'Vladimir Putin on ceasefire: conditional support, as of 2024-12-31, 1 statement, stale (2mo, 60 days old); said 2024-11: According to a Reuters report relayed by the article, Putin is open to talking with Trump about a ceasefire in Ukraine, but only on his terms.',
    );
    expect(putin().querySelector('.age')).toHaveAttribute('data-age', '2mo');
    expect(putin().querySelector<HTMLElement>('.mark')!.style.getPropertyValue('--stance')).toBe(
      colour,
    );
    expect(cell(LAVROV)).not.toHaveAttribute('data-stale');
  });

  it('plays month by month to the end when motion is reduced', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('reduce'),
      media: query,
    }));
    renderMatrix({ asOf: parseIsoDay('2024-12-31') });
    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));

    // At the end already: it starts over from the first day.
    expect(formatDay(boundView().asOf!)).toBe('2024-01-01');
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(700);
    expect(formatDay(boundView().asOf!)).toBe('2024-02-01');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(formatDay(boundView().asOf!)).toBe('2024-12-31');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('animates across the span in about ten seconds and pauses on demand', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
    // A year of data in two statements: a frame per 16 ms is many renders, so keep the grid small.
    const first = { ...seedRecords[0], id: 'x1', actor: 'A', day: parseIsoDay('2024-01-01')! };
    const data = cacheFromRecords([first, ...seedRecords.filter((r) => r.id === 'seed-017')]);
    renderMatrix({ asOf: parseIsoDay('2024-01-01') }, filterRows(data, EMPTY_FILTER), data);
    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await vi.advanceTimersByTimeAsync(5_000);
    const middle = boundView().asOf!;
    expect(middle).toBeGreaterThan(parseIsoDay('2024-05-01')!);
    expect(middle).toBeLessThan(parseIsoDay('2024-09-01')!);

    await fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(boundView().asOf).toBe(middle);

    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    await vi.advanceTimersByTimeAsync(11_000);
    expect(formatDay(boundView().asOf!)).toBe('2024-12-31');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('draws only the rows in view of a long grid, and follows the focus to the last row', async () => {
    // 150 actors of one affiliation: a summary row and 150 actor rows.
    const names = Array.from({ length: 150 }, (_, i) => `Actor ${String(i).padStart(3, '0')}`);
    const base = seedRecords.find((r) => r.id === 'seed-017')!;
    const data = cacheFromRecords(names.map((actor, i) => ({ ...base, id: `v${i}`, actor })));
    const { user } = renderMatrix({}, filterRows(data, EMPTY_FILTER), data);
    const grid = screen.getByRole('grid');

    // Screen readers still learn the full size: the header row and 151 body rows.
    expect(grid).toHaveAttribute('aria-rowcount', '152');
    const drawn = screen.getAllByRole('rowheader');
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(60);
    expect(screen.queryByRole('rowheader', { name: 'Actor 149' })).toBeNull();

    cell('Actor 000 on').focus();
    await user.keyboard('{Control>}{End}{/Control}');
    const lastCell = cell('Actor 149 on');
    expect(document.activeElement).toBe(lastCell);
    expect(lastCell.closest('tr')).toHaveAttribute('aria-rowindex', '152');
    expect(screen.queryByRole('rowheader', { name: 'Actor 000' })).toBeNull();
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement).toBe(cell(`${base.affiliation} (all actors) on`));
  });

  it('draws only the topic columns in view of a wide grid, and follows the focus to the last', async () => {
    // Layout as in a 600 px wide view: 224 px of row names, then 120 px per topic column.
    class SizedResizeObserver {
      constructor(private readonly report: ResizeObserverCallback) {}
      observe(target: Element) {
        const classes = target.classList;
        const width = classes.contains('scroll') ? 600 : classes.contains('corner') ? 224 : 120;
        const entry = { target, contentRect: { width }, borderBoxSize: [{ inlineSize: width }] };
        queueMicrotask(() =>
          this.report([entry as unknown as ResizeObserverEntry], this as unknown as ResizeObserver),
        );
      }
      unobserve() {}
      disconnect() {}
    }
    vi.stubGlobal('ResizeObserver', SizedResizeObserver);
    const { user } = renderMatrix();
    const grid = screen.getByRole('grid');
    const lavrovOn = (topic: string) =>
      screen.queryByRole('gridcell', {
        name: (name) => name.startsWith(`Sergey Lavrov on ${topic}:`),
      });

    // 376 px show about three columns; two more are drawn on the side, the last two are not.
    await vi.waitFor(() => expect(lavrovOn('us-russia-dialogue')).toBeNull());
    expect(lavrovOn('territorial-concessions')).toHaveAttribute('aria-colindex', '7');
    // Screen readers still learn the full size.
    expect(grid).toHaveAttribute('aria-colcount', '9');
    // Headers are windowed too: the corner and the six drawn columns (20,000 topics must not
    // draw 20,000 headers).
    expect(screen.getAllByRole('columnheader')).toHaveLength(7);

    cell(LAVROV).focus();
    await user.keyboard('{End}');
    const last = lavrovOn('us-russia-dialogue');
    expect(document.activeElement).toBe(last);
    expect(last).toHaveAttribute('aria-colindex', '9');
    expect(lavrovOn('binding-settlement')).toBeNull();
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(lavrovOn('binding-settlement'));
  });

  it('says so when no statements pass the filters', () => {
    renderMatrix({}, new Uint32Array(0));
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.getByText('No statements match the filters.')).toBeInTheDocument();
  });
});
