import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { parseIsoDay } from '../../src/domain/dates';
import { previewText } from '../../src/ingest/preview';
import { cacheFromRecords } from '../../src/query/cache';
import type { ViewState } from '../../src/url/view-state';
import {
  agreementColor,
  cellName,
  describeAgreement,
  textColorOn,
} from '../../src/views/agreement/format';
import AgreementHarness from './harness/AgreementHarness.svelte';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const cache = cacheFromRecords(previewText(seedText).rows);

const RUSSIAN = ['Russian officials', 'Sergey Lavrov', 'Vladimir Putin'];
const WESTERN = [
  'Donald Trump',
  'Keith Kellogg',
  'US officials',
  'Volodymyr Zelenskiy',
  'Western nations',
];

function boundView(): ViewState {
  return JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;
}

function renderAgreement(initial: Partial<ViewState> = {}) {
  const onselect = vi.fn();
  render(AgreementHarness, { props: { cache, initial, onselect } });
  return { onselect, user: userEvent.setup() };
}

const rowNames = () =>
  screen.getAllByRole('rowheader').map((h) => h.getAttribute('aria-label') ?? '');

/** Whether the members sit next to each other in the order. */
function contiguous(order: string[], members: string[]): boolean {
  const at = members.map((m) => order.indexOf(m)).sort((x, y) => x - y);
  return at[0] >= 0 && at[at.length - 1] - at[0] === members.length - 1;
}

const cell = (name: string) => screen.getByRole('gridcell', { name });

describe('Agreement', { timeout: 20_000 }, () => {
  it('draws the bundled data as an actor x actor grid with a text description', () => {
    renderAgreement({ agreementMinShared: 1 });
    const grid = screen.getByRole('grid', { name: 'Agreement between actors' });
    expect(within(grid).getAllByRole('rowheader')).toHaveLength(8);
    expect(within(grid).getAllByRole('gridcell')).toHaveLength(64);
    expect(grid).toHaveAccessibleDescription(
      /^Agreement among 8 actors over 8 topics from 2024-01-01 to 2024-12-26; blocs: /,
    );
    // Lavrov and Putin agree on us-responsibility (1); Putin's ceasefire is conditional (0.5).
    expect(
      cell('Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics'),
    ).toHaveTextContent('2');
    expect(cell('US officials and Vladimir Putin: agree 0% on 1 shared topic')).toBeInTheDocument();
  });

  it('lists the Russian and the Western actors as two blocs', () => {
    renderAgreement();
    const items = within(screen.getByRole('list', { name: 'Blocs' })).getAllByRole('listitem');
    const sides = items.map((li) =>
      li
        .textContent!.replace(/^Bloc \d:\s*/, '')
        .split(', ')
        .sort(),
    );
    expect(items.map((li) => li.textContent!.slice(0, 7))).toEqual(['Bloc 1:', 'Bloc 2:']);
    expect(sides).toContainEqual(RUSSIAN);
    expect(sides).toContainEqual(WESTERN);
  });

  it('orders rows so blocs sit together, or alphabetically when asked', async () => {
    const { user } = renderAgreement();
    const clustered = rowNames();
    expect(contiguous(clustered, RUSSIAN)).toBe(true);
    expect(contiguous(clustered, WESTERN)).toBe(true);
    expect(clustered).not.toEqual([...clustered].sort());

    await user.selectOptions(screen.getByLabelText('Order'), 'Alphabetical');
    expect(rowNames()).toEqual([...RUSSIAN, ...WESTERN].sort());
    expect(boundView().agreementOrder).toBe('alpha');
  });

  it('shows a pair below the fewest shared topics as too little evidence, with its number', async () => {
    const { user } = renderAgreement();
    const thin = cell(
      'US officials and Vladimir Putin: too little evidence, 1 shared topic (fewer than 2)',
    );
    expect(thin).toHaveAttribute('data-state', 'thin');
    expect(thin).toHaveTextContent('1');
    expect(thin.querySelector('rect')!.getAttribute('fill')).toMatch(/^url\(#/);
    // Two shared topics meet the default: coloured.
    const known = cell('Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics');
    expect(known).toHaveAttribute('data-state', 'known');

    const input = screen.getByLabelText('Fewest shared topics');
    await user.clear(input);
    await user.type(input, '3');
    expect(boundView().agreementMinShared).toBe(3);
    expect(
      cell('Sergey Lavrov and Vladimir Putin: too little evidence, 2 shared topics (fewer than 3)'),
    ).toHaveTextContent('2');
    await user.clear(input);
    await user.type(input, '1');
    expect(cell('US officials and Vladimir Putin: agree 0% on 1 shared topic')).toHaveAttribute(
      'data-state',
      'known',
    );
  });

  it('lists the topics where a clicked pair agrees and disagrees, with their statements', async () => {
    const { user, onselect } = renderAgreement();
    await user.click(cell('Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics'));
    const pair = screen.getByRole('region', { name: 'Selected pair' });
    expect(within(pair).getByRole('heading', { name: 'Agree on (1)' })).toBeInTheDocument();
    expect(
      within(pair).getByRole('heading', { name: 'Half (a neutral or conditional side) (1)' }),
    ).toBeInTheDocument();
    expect(within(pair).queryByRole('heading', { name: /^Disagree on/ })).toBeNull();
    expect(pair.textContent).toMatch(/ceasefire: .*Vladimir Putin conditional support/);
    await user.click(
      within(pair).getByRole('button', { name: "Open Vladimir Putin's statement on ceasefire" }),
    );
    expect(cache.text.get('id', onselect.mock.calls[0][0] as number)).toBe('seed-009');
  });

  it('leaves a pair with no shared topic blank, never at zero', () => {
    renderAgreement({ agreementMinShared: 1 });
    const blank = cell('Donald Trump and Sergey Lavrov: no shared topic');
    expect(blank).toHaveAttribute('data-state', 'none');
    expect(blank).toHaveTextContent('');
    expect(blank.querySelector('rect')!.getAttribute('fill')).toMatch(/^url\(#/);
    // A real zero is filled (orange) and carries its count.
    const zero = cell('Vladimir Putin and Western nations: agree 0% on 1 shared topic');
    expect(zero.querySelector('rect')!.getAttribute('fill')).toMatch(/^rgb\(179, 88, 6\)$/);
    expect(zero).toHaveTextContent('1');
  });

  it('recomputes the scores over the topics left checked', async () => {
    const { user } = renderAgreement({ agreementMinShared: 1 });
    const topics = screen.getByRole('group', { name: 'Topics counted' });
    expect(within(topics).getAllByRole('checkbox', { checked: true })).toHaveLength(8);

    await user.click(within(topics).getByRole('checkbox', { name: 'ceasefire' }));
    expect(cell('Sergey Lavrov and Vladimir Putin: agree 100% on 1 shared topic')).toBeVisible();
    expect(boundView().agreementTopics).not.toContain('ceasefire');
    expect(boundView().agreementTopics).toHaveLength(7);

    await user.click(within(topics).getByRole('checkbox', { name: 'ceasefire' }));
    expect(boundView().agreementTopics).toEqual([]);
    expect(cell('Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics')).toBeVisible();
  });

  it('narrows the view to the pair when a cell is clicked', async () => {
    const { user, onselect } = renderAgreement();
    await user.click(cell('Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics'));
    expect(boundView().actors).toEqual(['Sergey Lavrov', 'Vladimir Putin']);
    // The app filters the rows by the actors, so the grid is the pair alone.
    expect(rowNames()).toHaveLength(2);

    const pair = screen.getByRole('region', { name: 'Selected pair' });
    await user.click(
      within(pair).getByRole('button', { name: "Open Vladimir Putin's statement on ceasefire" }),
    );
    expect(cache.text.get('id', onselect.mock.calls[0][0] as number)).toBe('seed-009');

    await user.click(screen.getByRole('button', { name: 'Show all actors' }));
    expect(boundView().actors).toEqual([]);
    expect(rowNames()).toHaveLength(8);
  });

  it('moves focus with the arrow keys and shows the shared topics of the focused cell', async () => {
    const { user } = renderAgreement({ agreementOrder: 'alpha', agreementMinShared: 1 });
    const inTabOrder = screen
      .getAllByRole('gridcell')
      .filter((c) => c.getAttribute('tabindex') === '0');
    expect(inTabOrder.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Donald Trump: a position on 1 topic',
    ]);

    inTabOrder[0].focus();
    await tick();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(
      'Donald Trump and Keith Kellogg: agree 100% on 1 shared topic',
    );
    expect(screen.getByRole('tooltip')).toHaveTextContent(
      'peace-negotiations: Donald Trump support; Keith Kellogg support',
    );
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName('Sergey Lavrov: a position on 4 topics');
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAccessibleName(
      'Sergey Lavrov and Western nations: no shared topic',
    );
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveAccessibleName(
      'Sergey Lavrov and Donald Trump: no shared topic',
    );
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    const focused = document.activeElement!;
    expect(focused).toHaveAccessibleName(
      'Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics',
    );
    expect(focused).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('tooltip')).toHaveTextContent(
      'ceasefire: Sergey Lavrov strongly oppose; Vladimir Putin conditional support',
    );

    await user.keyboard('{Enter}');
    expect(boundView().actors).toEqual(['Sergey Lavrov', 'Vladimir Putin']);
  });

  it('counts only the latest stances inside the From/To window', () => {
    renderAgreement({ to: parseIsoDay('2024-12-20') });
    expect(screen.getByRole('grid')).toHaveAccessibleDescription(/ to 2024-12-20;/);
    expect(rowNames()).not.toContain('Sergey Lavrov');
    expect(rowNames()).not.toContain('Volodymyr Zelenskiy');
    expect(rowNames()).toContain('Keith Kellogg');
  });

  it('explains how agreement is computed', () => {
    renderAgreement();
    const help = screen.getByText('How agreement is computed').closest('details')!;
    expect(help).toHaveTextContent(/conditional or neutral stance on either side counts half/);
    expect(help).toHaveTextContent(/share no topic/);
  });
});

describe('agreement labels', () => {
  it.each([
    ['A', 'B', 1, 1, 'A and B: agree 100% on 1 shared topic'],
    ['A', 'B', 1 / 3, 3, 'A and B: agree 33% on 3 shared topics'],
    ['A', 'B', NaN, 0, 'A and B: no shared topic'],
    ['A', 'A', 1, 1, 'A: a position on 1 topic'],
  ])('names the cell %s x %s (%d over %d topics)', (a, b, score, shared, name) => {
    expect(cellName(a, b, score, shared)).toBe(name);
  });

  it('describes a window without blocs, and an open window', () => {
    expect(
      describeAgreement({ actors: 2, topics: 1, from: null, to: '2024-12-20', blocs: null }),
    ).toBe('Agreement among 2 actors over 1 topic up to 2024-12-20; no opposing blocs.');
    expect(describeAgreement({ actors: 1, topics: 3, from: null, to: null, blocs: null })).toBe(
      'Agreement among 1 actor over 3 topics.',
    );
  });

  it('runs from orange (disagree) through grey to purple (agree), text readable on each', () => {
    expect([0, 0.5, 1].map((v) => agreementColor(v))).toEqual([
      'rgb(179, 88, 6)',
      'rgb(140, 140, 140)',
      'rgb(84, 39, 136)',
    ]);
    expect(textColorOn(agreementColor(1))).toBe('#fff');
    expect(textColorOn(agreementColor(0.25))).toBe('#111');
  });
});
