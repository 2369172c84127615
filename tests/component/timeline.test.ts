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

function setup(view: Partial<ViewState> = {}) {
  const cache = cacheFromRecords(RECORDS.map(rec));
  const rows = filterRows(cache, EMPTY_FILTER);
  const onselect = vi.fn();
  const result = render(TimelineHarness, {
    props: { cache, rows, initial: { ...DEFAULT_VIEW, ...view }, onselect },
  });
  const state = () => JSON.parse(screen.getByTestId('view').textContent!) as ViewState;
  return { cache, rows, onselect, state, ...result };
}

const laneLabels = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.lane-label'), (el) => el.textContent!.trim());

describe('Timeline', () => {
  it('draws a lane per actor, grouped under their affiliation', () => {
    const { container } = setup();
    expect(laneLabels(container)).toEqual(['Lavrov', 'Putin', 'Biden']);
    const groups = Array.from(container.querySelectorAll('.group-label'), (el) => el.textContent);
    expect(groups).toEqual(['Russia', 'United States']);
  });

  it('switches to a lane per topic with the Lanes switch', async () => {
    const { container, state } = setup();
    const lanes = screen.getByRole('group', { name: 'Lanes' });
    await userEvent.click(within(lanes).getByRole('radio', { name: 'By topic' }));
    expect(state().lanes).toBe('topic');
    expect(laneLabels(container)).toEqual(['ceasefire', 'talks']);
    expect(container.querySelectorAll('.group-label')).toHaveLength(0);
  });

  it('describes itself: statements, lanes, dates and shifts', () => {
    setup();
    const chart = screen.getByRole('img', { name: /^Timeline of 4 statements in 3 lanes/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('1 stance shift'));
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('Enter opens one'));
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
    expect(screen.getByRole('tooltip')).toHaveTextContent('shift: oppose → conditional support');
  });

  it('steps back with [ and stops at the first statement', async () => {
    setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    await userEvent.keyboard(']]');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Putin');
    await userEvent.keyboard('[[[[');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Lavrov');
  });

  it('zooms in with + and back out with Reset zoom', async () => {
    const { state } = setup();
    screen.getByRole('img', { name: /^Timeline of/ }).focus();
    await userEvent.keyboard('+');
    const zoomed = state();
    expect(zoomed.windowFrom).not.toBeNull();
    expect(zoomed.windowTo! - zoomed.windowFrom!).toBeLessThan(
      day('2024-12-31') - day('2024-12-01'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(state().windowFrom).toBeNull();
    expect(state().windowTo).toBeNull();
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
    // jsdom has no layout: the plot spans x 180..880 over the fitted window 2024-11-30..2025-01-02
    // (33 days), and Biden's lane starts at y 132 (two headers, two lanes above), +1 at 13 px.
    const x = 180 + ((day('2024-12-05') - day('2024-11-30')) * 700) / 33;
    await fireEvent.pointerMove(scroller, { clientX: x, clientY: 132 + 13 });
    expect(screen.getByRole('tooltip')).toHaveTextContent('Biden');
    await fireEvent.click(scroller);
    expect(onselect).toHaveBeenCalledTimes(1);
    expect(cache.actors[cache.actor[onselect.mock.calls[0][0] as number]]).toBe('Biden');
    await fireEvent.pointerMove(scroller, { clientX: x + 300, clientY: 132 + 13 });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows the From/To range on the brush band', () => {
    const { container } = setup({ from: day('2024-12-02'), to: day('2024-12-09') });
    const selection = container.querySelector('.brush .selection')!;
    expect(selection.getAttribute('display')).toBeNull();
    const x = Number(selection.getAttribute('x'));
    const width = Number(selection.getAttribute('width'));
    expect(x).toBeCloseTo(180 + (2 * 700) / 33, 3);
    expect(width).toBeCloseTo((8 * 700) / 33, 3);
  });

  it('says so when no statement matches', () => {
    const cache = cacheFromRecords(RECORDS.map(rec));
    render(TimelineHarness, {
      props: { cache, rows: new Uint32Array(0), initial: { ...DEFAULT_VIEW } },
    });
    expect(screen.getByText('No statements match the filters.')).toBeInTheDocument();
  });
});
