import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cacheFromRecords } from '../../src/query/cache';
import { filterRows } from '../../src/query/filter';
import { EMPTY_FILTER } from '../../src/query/types';
import { DEFAULT_VIEW, type ViewState } from '../../src/url/view-state';
import { day, rec, type RecInput } from '../unit/query/helpers';
import TimelineHarness from './TimelineHarness.svelte';

beforeAll(() => {
  // jsdom has no ResizeObserver (bind:clientWidth uses one); the chart falls back to 900 px.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const RECORDS: RecInput[] = [
  { date: '2024-12-01', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: -1 },
  {
    date: '2024-12-05',
    actor: 'Biden',
    affiliation: 'United States',
    topic: 'ceasefire',
    stance: 1,
    quote: 'We stand with Ukraine.',
  },
  { date: '2024-12-10', actor: 'Putin', affiliation: 'Russia', topic: 'ceasefire', stance: 'c' },
  { date: '2024-12', actor: 'Lavrov', affiliation: 'Russia', topic: 'talks', stance: 0 },
];

function setup(view: Partial<ViewState> = {}, records: RecInput[] = RECORDS) {
  const cache = cacheFromRecords(records.map(rec));
  const rows = filterRows(cache, EMPTY_FILTER);
  const onselect = vi.fn();
  const result = render(TimelineHarness, {
    props: { cache, rows, initial: { ...DEFAULT_VIEW, ...view }, onselect },
  });
  const state = () => JSON.parse(screen.getByTestId('view').textContent!) as ViewState;
  return { cache, rows, onselect, state, ...result };
}

const texts = (container: HTMLElement, selector: string) =>
  Array.from(container.querySelectorAll(selector), (el) => el.textContent!.trim());
const laneLabels = (container: HTMLElement) => texts(container, '.lane-label');
const rowLabels = (container: HTMLElement) => texts(container, '.series-label');

/**
 * Geometry of the jsdom chart (no layout: 900 px wide): the plot spans x 200..880 over the
 * opening window of RECORDS, their dense range 2024-12-01..2025-01-01 padded by 3 days.
 */
const X0 = 200;
const PLOT_W = 680;
const OPEN = [day('2024-11-28'), day('2025-01-04')] as const;
const xAt = (date: string) => X0 + ((day(date) - OPEN[0]) * PLOT_W) / (OPEN[1] - OPEN[0]);
/** Lines: Russia header 24, Lavrov 20, talks 18, Putin 20, ceasefire 18, United States 24,
 * Biden 20, ceasefire 18: Biden's ceasefire row is centred at y 153. */
const BIDEN_ROW_Y = 153;

describe('Timeline', () => {
  it('draws a lane per actor, grouped under their affiliation, with a row per topic', () => {
    const { container } = setup();
    expect(laneLabels(container)).toEqual(['Lavrov', 'Putin', 'Biden']);
    expect(rowLabels(container)).toEqual(['talks', 'ceasefire', 'ceasefire']);
    const groups = screen.getAllByRole('button', { expanded: true });
    expect(groups.map((g) => g.textContent!.replace('▾', '').trim())).toEqual([
      'Russia',
      'United States',
    ]);
  });

  it('gives each topic of an actor its own labelled row', () => {
    const { container } = setup({}, [
      ...RECORDS,
      { date: '2024-12-03', actor: 'Putin', affiliation: 'Russia', topic: 'territory', stance: -2 },
    ]);
    expect(laneLabels(container)).toEqual(['Lavrov', 'Putin', 'Biden']);
    expect(rowLabels(container)).toEqual(['talks', 'ceasefire', 'territory', 'ceasefire']);
  });

  it('folds an affiliation into one lane with its header button, in the view', async () => {
    const { container, state } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Russia' }));
    expect(state().collapsed).toEqual(['Russia']);
    expect(laneLabels(container)).toEqual(['Biden']);
    expect(rowLabels(container)).toEqual(['ceasefire', 'talks', 'ceasefire']);
    const russia = screen.getByRole('button', { name: 'Russia (all actors)' });
    expect(russia).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(russia);
    expect(state().collapsed).toEqual([]);
  });

  it('folds every affiliation with Collapse affiliations', async () => {
    const { container, state } = setup();
    const toggle = screen.getByRole('button', { name: 'Collapse affiliations' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(toggle);
    expect(state().collapsed).toEqual(['Russia', 'United States']);
    expect(laneLabels(container)).toEqual([]);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(toggle);
    expect(state().collapsed).toEqual([]);
  });

  it('sorts lanes by activity and by the most recent shift with Sort lanes', async () => {
    const records: RecInput[] = [
      ...RECORDS,
      { date: '2024-12-20', actor: 'Biden', affiliation: 'United States', topic: 'aid', stance: 2 },
      { date: '2024-12-21', actor: 'Biden', affiliation: 'United States', topic: 'aid', stance: 2 },
      { date: '2024-12-22', actor: 'Biden', affiliation: 'United States', topic: 'aid', stance: 1 },
    ];
    const { container, state } = setup({}, records);
    const sort = screen.getByRole('combobox', { name: 'Sort lanes' });
    await userEvent.selectOptions(sort, 'by activity');
    expect(state().laneSort).toBe('activity');
    // Biden (4 statements) first; inside his lane, aid (3) before ceasefire (1).
    expect(laneLabels(container)).toEqual(['Biden', 'Putin', 'Lavrov']);
    expect(rowLabels(container).slice(0, 2)).toEqual(['aid', 'ceasefire']);
    await userEvent.selectOptions(sort, 'by most recent shift');
    expect(state().laneSort).toBe('shift');
    // Biden shifted on 2024-12-22, Putin on 2024-12-10, Lavrov never.
    expect(laneLabels(container)).toEqual(['Biden', 'Putin', 'Lavrov']);
    await userEvent.selectOptions(sort, 'by name');
    expect(laneLabels(container)).toEqual(['Lavrov', 'Putin', 'Biden']);
  });

  it('opens on the dense range, not on the first day of a year-only statement', () => {
    setup({}, [
      ...RECORDS,
      { date: '2024', actor: 'Lavrov', affiliation: 'Russia', topic: 'nato', stance: -2 },
    ]);
    const chart = screen.getByRole('img', { name: /^Timeline of/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('2024-01-01 to 2024-12-31'));
    expect(chart).toHaveAccessibleName(
      expect.stringContaining('Showing 2024-11-28 to 2025-01-03.'),
    );
  });

  it('switches to a lane per topic with the Lanes switch', async () => {
    const { container, state } = setup();
    const lanes = screen.getByRole('group', { name: 'Lanes' });
    await userEvent.click(within(lanes).getByRole('radio', { name: 'By topic' }));
    expect(state().lanes).toBe('topic');
    expect(laneLabels(container)).toEqual(['ceasefire', 'talks']);
    expect(rowLabels(container)).toEqual(['Biden', 'Putin', 'Lavrov']);
    expect(container.querySelectorAll('.group-label')).toHaveLength(0);
  });

  it('describes itself: statements, lanes, dates and shifts', () => {
    setup();
    const chart = screen.getByRole('img', { name: /^Timeline of 4 statements in 3 lanes/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining(', 1 stance shift.'));
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('Enter opens the statement'));
  });

  it('shows a legend explaining every encoding', () => {
    setup();
    const legend = screen.getByRole('list', { name: 'Legend' });
    const text = legend.textContent!;
    for (const entry of [
      'strongly oppose',
      'strongly support',
      'conditional',
      'month or year',
      'second-hand',
      'shift',
      'carried forward',
      'outside the From/To range',
    ]) {
      expect(text).toContain(entry);
    }
  });

  it('lists a shift in the text alternative for a pair whose stance changes', async () => {
    setup();
    const details = screen.getByText('Timeline as text').closest('details')!;
    await userEvent.click(screen.getByText('Timeline as text'));
    expect(details.open).toBe(true);
    expect(within(details).getByText('Putin (Russia), 1 shift')).toBeInTheDocument();
    expect(
      within(details).getByText(
        'ceasefire: oppose (2024-12-01) → conditional support (2024-12-10)',
      ),
    ).toBeInTheDocument();
    expect(within(details).getByText('talks: neutral (2024-12), unchanged')).toBeInTheDocument();
  });

  it('steps to the next statement with ] and opens it with Enter', async () => {
    const { cache, onselect } = setup();
    const chart = screen.getByRole('img', { name: /^Timeline of/ });
    chart.focus();
    await userEvent.keyboard(']');
    // The first statement in time: Lavrov's month-precise one (starts 2024-12-01, before Putin's row).
    let tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Lavrov');
    expect(tip).toHaveTextContent('2024-12 (month precision)');
    await userEvent.keyboard(']]');
    tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Biden');
    expect(tip).toHaveTextContent('We stand with Ukraine.');
    await userEvent.keyboard('{Enter}');
    expect(onselect).toHaveBeenCalledTimes(1);
    const row = onselect.mock.calls[0][0] as number;
    expect(cache.actors[cache.actor[row]]).toBe('Biden');
  });

  it('shows the shift in the tooltip of the statement that changed the stance', async () => {
    setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    // `[[` is how user-event spells the `[` key. From no cursor, `[` starts at the latest statement.
    await userEvent.keyboard('[[');
    expect(screen.getByRole('tooltip')).toHaveTextContent(
      'Shift: Putin on ceasefire: oppose (2024-12-01) → conditional support (2024-12-10)',
    );
  });

  it('steps back with [ and stops at the first statement', async () => {
    setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    await userEvent.keyboard(']]');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Putin');
    await userEvent.keyboard('[[[[');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Lavrov');
  });

  it('zooms in with + and out to every statement with Reset zoom', async () => {
    const { state } = setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    await userEvent.keyboard('+');
    const zoomed = state();
    expect(zoomed.windowFrom).not.toBeNull();
    expect(zoomed.windowTo! - zoomed.windowFrom!).toBeLessThan(
      day('2024-12-31') - day('2024-12-01'),
    );
    const reset = screen.getByRole('button', { name: 'Reset zoom' });
    await userEvent.click(reset);
    // Every statement's period (2024-12-01 to the end of December), padded a day each side.
    expect(state().windowFrom).toBe(day('2024-11-30'));
    expect(state().windowTo).toBe(day('2025-01-01'));
    expect(reset).toBeDisabled();
  });

  it('pans with the arrow keys', async () => {
    const { state } = setup({ windowFrom: day('2024-12-01'), windowTo: day('2024-12-20') });
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(state().windowFrom).toBe(day('2024-12-03'));
  });

  it('clears the From/To range with Clear range', async () => {
    const { state } = setup({ from: day('2024-12-02'), to: day('2024-12-09') });
    expect(screen.getByText('Range: 2024-12-02 to 2024-12-09')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Clear range' }));
    expect(state().from).toBeNull();
    expect(state().to).toBeNull();
    expect(screen.getByRole('button', { name: 'Clear range' })).toBeDisabled();
  });

  it('opens the statement under the pointer on click', async () => {
    const { cache, container, onselect } = setup();
    const scroller = container.querySelector<HTMLElement>('.scroller')!;
    await fireEvent.pointerMove(scroller, { clientX: xAt('2024-12-05'), clientY: BIDEN_ROW_Y });
    expect(screen.getByRole('tooltip')).toHaveTextContent('Biden');
    await fireEvent.click(scroller);
    expect(onselect).toHaveBeenCalledTimes(1);
    expect(cache.actors[cache.actor[onselect.mock.calls[0][0] as number]]).toBe('Biden');
    // Left of his first statement the row has no band yet.
    await fireEvent.pointerMove(scroller, { clientX: xAt('2024-12-02'), clientY: BIDEN_ROW_Y });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('names the statement that set the band at any point of it', async () => {
    const { container } = setup({ staleDays: 10 });
    const scroller = container.querySelector<HTMLElement>('.scroller')!;
    await fireEvent.pointerMove(scroller, { clientX: xAt('2024-12-20'), clientY: BIDEN_ROW_Y });
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent(
      'On 2024-12-20: carried forward from this statement, 15 days after it',
    );
    expect(tip).toHaveTextContent('(stale: over 10 days)');
    expect(tip).toHaveTextContent('2024-12-05');
    expect(tip).toHaveTextContent('Stance: support');
    expect(tip).toHaveTextContent('We stand with Ukraine.');
  });

  it("says on an actor's row when his statement moved his affiliation", async () => {
    const { container } = setup({}, [
      ...RECORDS,
      {
        date: '2024-12-20',
        actor: 'Lavrov',
        affiliation: 'Russia',
        topic: 'ceasefire',
        stance: -2,
      },
    ]);
    const scroller = container.querySelector<HTMLElement>('.scroller')!;
    // Lavrov's rows: ceasefire (y 44..62), then talks.
    await fireEvent.pointerMove(scroller, { clientX: xAt('2024-12-25'), clientY: 53 });
    expect(screen.getByRole('tooltip')).toHaveTextContent(
      'Moved Russia: Russia on ceasefire: conditional support (Putin, 2024-12-10) → strongly oppose (Lavrov, 2024-12-20)',
    );
  });

  it('moves the keyboard cursor to the row below at the same day with ArrowDown', async () => {
    setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    // ] ] ]: Lavrov (2024-12), Putin (2024-12-01), Biden (2024-12-05); then up to Putin's row,
    // where the statement in force on 2024-12-05 is his of 2024-12-01.
    await userEvent.keyboard(']]]');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Biden');
    await userEvent.keyboard('{ArrowUp}');
    let tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Putin');
    expect(tip).toHaveTextContent('2024-12-01');
    expect(tip).toHaveTextContent('On 2024-12-05: carried forward');
    await userEvent.keyboard('{ArrowDown}');
    tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Biden');
  });

  it('shows the From/To range on the brush band', () => {
    const { container } = setup({ from: day('2024-12-02'), to: day('2024-12-09') });
    const selection = container.querySelector('.brush .selection')!;
    expect(selection.getAttribute('display')).toBeNull();
    const x = Number(selection.getAttribute('x'));
    const width = Number(selection.getAttribute('width'));
    expect(x).toBeCloseTo(xAt('2024-12-02'), 3);
    expect(width).toBeCloseTo((8 * PLOT_W) / (OPEN[1] - OPEN[0]), 3);
  });

  it('says so when no statement matches', () => {
    const cache = cacheFromRecords(RECORDS.map(rec));
    render(TimelineHarness, {
      props: { cache, rows: new Uint32Array(0), initial: { ...DEFAULT_VIEW } },
    });
    expect(screen.getByText('No statements match the filters.')).toBeInTheDocument();
  });
});
