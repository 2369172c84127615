import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { cacheFromRecords } from '../../src/query/cache';
import { parseView, serializeView } from '../../src/url/query-string';
import type { ViewState } from '../../src/url/view-state';
import { rec } from '../unit/query/helpers';
import TableHarness from './harness/TableHarness.svelte';
import './harness/jsdom-gaps';

const cache = cacheFromRecords(
  [
    rec({
      date: '2024-11',
      actor: 'Vladimir Putin',
      topic: 'ceasefire',
      stance: 'c',
      reportedVia: 'Reuters report',
    }),
    rec({
      date: '2024-12-26',
      actor: 'Sergey Lavrov',
      topic: 'ceasefire',
      stance: -2,
      target: 'United States',
    }),
    rec({ date: '2024-12-18', actor: 'Andriy Yermak', topic: 'talks', stance: 0, uncoded: true }),
  ],
  'seed',
);

function boundView(): ViewState {
  return JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;
}

const headers = () => screen.getAllByRole('columnheader').map((th) => th.textContent!.trim());
const firstColumn = (col: number) =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell')[col].textContent!.trim());

describe('Statements table', () => {
  it('sorts by a header click and keeps the order in the view, so links carry it', async () => {
    render(TableHarness, { props: { cache } });
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Actor' }));
    expect(boundView().tableSort).toBe('actor');
    expect(firstColumn(1)).toEqual(['Andriy Yermak', 'Sergey Lavrov', 'Vladimir Putin']);

    await user.click(screen.getByRole('button', { name: 'Actor ▲' }));
    expect(boundView().tableSort).toBe('-actor');
    expect(firstColumn(1)).toEqual(['Vladimir Putin', 'Sergey Lavrov', 'Andriy Yermak']);
    expect(serializeView(boundView())).toContain('tsort=-actor');
  });

  it('opens sorted as the link says', () => {
    const { state } = parseView('?view=statements&tsort=-date');
    render(TableHarness, { props: { cache, initial: state } });

    expect(firstColumn(0)).toEqual(['2024-12-26', '2024-12-18', '2024-11']);
    expect(screen.getByRole('columnheader', { name: /Date/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('shows the columns chosen, in the link, and labels uncoded rows as such', async () => {
    render(TableHarness, { props: { cache } });
    const user = userEvent.setup();
    expect(headers()).toEqual([
      'Date ▲',
      'Actor',
      'Affiliation',
      'Topic',
      'Stance',
      'Quote or summary',
      'Source',
    ]);
    expect(firstColumn(4)).toEqual(['conditional support', 'uncoded', 'strongly oppose']);

    await user.click(screen.getByText('Columns (7 of 13)'));
    await user.click(screen.getByRole('checkbox', { name: 'Reported via' }));
    await user.click(screen.getByRole('checkbox', { name: 'Target' }));
    await user.click(screen.getByRole('checkbox', { name: 'Affiliation' }));

    expect(headers()).toEqual([
      'Date ▲',
      'Actor',
      'Topic',
      'Stance',
      'Quote or summary',
      'Target',
      'Source',
      'Reported via',
    ]);
    expect(firstColumn(7)).toEqual(['Reuters report', '', '']);
    expect(serializeView(boundView())).toContain(
      'cols=date,actor,topic,stance,text,target,source,reportedVia',
    );

    await user.click(screen.getByRole('button', { name: 'Default columns' }));
    expect(headers()).toHaveLength(7);
  });

  it('keeps at least one column', async () => {
    render(TableHarness, { props: { cache, initial: { tableColumns: ['date'] } } });
    await userEvent.setup().click(screen.getByText('Columns (1 of 13)'));

    expect(screen.getByRole('checkbox', { name: 'Date' })).toBeDisabled();
  });

  it('gives every cell its full text on hover', () => {
    render(TableHarness, {
      props: { cache, initial: { tableColumns: ['actor', 'dataset', 'line'] } },
    });

    const row = screen.getAllByRole('row')[1];
    const cells = within(row).getAllByRole('cell');
    expect(cells[1]).toHaveAttribute('title', 'Dataset seed');
    expect(Number(cells[2].textContent)).toBeGreaterThan(0);
  });
});
