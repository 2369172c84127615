import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { db, resetDbForTests } from '../../src/db/db';
import { cacheFromRecords } from '../../src/query/cache';
import type { ViewState } from '../../src/url/view-state';
import { rec, type RecInput } from '../unit/query/helpers';
import QueueHarness from './harness/QueueHarness.svelte';

const uncoded = (input: Omit<RecInput, 'stance'> & { id: string }) =>
  rec({ ...input, stance: 0, uncoded: true });

const records = [
  rec({
    id: 'old',
    date: '2024-09-01',
    actor: 'Sergey Lavrov',
    topic: 'ceasefire',
    stance: -1,
    quote: 'Not now',
  }),
  uncoded({
    id: 'q1',
    date: '2024-10-01',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'ceasefire',
    quote: 'A truce leads to nowhere',
    source: 'TASS',
    url: 'javascript:alert(1)',
    summary: 'Lavrov rejects a truce',
    reportedVia: 'Reuters report',
  }),
  uncoded({
    id: 'q2',
    date: '2024-10-02',
    actor: 'Keith Kellogg',
    topic: 'talks',
    quote: 'We will talk',
    url: 'https://example.org/kellogg',
    source: 'Wire',
  }),
  uncoded({ id: 'q3', date: '2024-10-03', actor: 'Andrii Sybiha', topic: 'talks', quote: 'Maybe' }),
];

afterEach(async () => {
  await db().delete();
  resetDbForTests();
});

function renderQueue(patch: Partial<ViewState> = {}, recs = records) {
  render(QueueHarness, { props: { initial: cacheFromRecords(recs), patch } });
  return userEvent.setup();
}

const heading = () => screen.getByRole('heading', { level: 2 });
const quote = () => document.querySelector('blockquote')?.textContent;
const progress = (text: string) => screen.findByText(text);

describe('the coding queue', () => {
  it('shows the first uncoded statement with its quote, source and the actor’s earlier code', () => {
    renderQueue();
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    expect(quote()).toBe('A truce leads to nowhere');
    const card = screen.getByRole('article');
    expect(card).toHaveTextContent('Sergey Lavrov (Russia) on ceasefire');
    expect(card).toHaveTextContent('Now: uncoded');
    expect(card).toHaveTextContent('Before: oppose, 2024-09-01');
    expect(card).toHaveTextContent('After: no coded statement');
    // A javascript: link is shown as its text only.
    expect(within(card).queryByRole('link')).toBeNull();
    expect(card).toHaveTextContent('Source TASS');
    expect(card).toHaveTextContent('Summary Lavrov rejects a truce');
    expect(card).toHaveTextContent('Reported via Reuters report');
    expect(screen.getByText('0 of 3 coded')).toBeInTheDocument();
    expect(screen.getByTestId('qid')).toHaveTextContent('q1');
  });

  it('codes support with 4, moves to the next statement, and keeps the coded one in the queue', async () => {
    const user = renderQueue();
    await user.keyboard('4');
    await progress('1 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 2 of 3');
    expect(quote()).toBe('We will talk');
    expect(screen.getByRole('link', { name: 'Wire' })).toHaveAttribute(
      'href',
      'https://example.org/kellogg',
    );
    await user.keyboard('p');
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    expect(screen.getByRole('article')).toHaveTextContent('Now: support');
    expect(screen.getByRole('button', { name: '4 support' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('codes conditional support with c, its conditions and Enter, then moves on', async () => {
    const user = renderQueue();
    await user.keyboard('c');
    const field = screen.getByRole('textbox', { name: 'Conditions' });
    expect(field).toHaveFocus();
    // Typing in the field is text, not keys of the queue.
    await user.keyboard('if 4 talks resume{Enter}');
    await progress('1 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 2 of 3');
    await user.keyboard('p');
    expect(screen.getByRole('article')).toHaveTextContent(
      'Now: conditional support, on condition: if 4 talks resume',
    );
  });

  it('steps with n and p, and stops at the ends', async () => {
    const user = renderQueue();
    await user.keyboard('p');
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    await user.keyboard('nn');
    expect(heading()).toHaveTextContent('Statement 3 of 3');
    expect(screen.getByTestId('qid')).toHaveTextContent('q3');
    await user.keyboard('n');
    expect(heading()).toHaveTextContent('Statement 3 of 3');
    await user.keyboard('p');
    expect(heading()).toHaveTextContent('Statement 2 of 3');
    expect(screen.getByText('0 of 3 coded')).toBeInTheDocument();
  });

  it('undoes the last code with u and goes back to it', async () => {
    const user = renderQueue();
    await user.keyboard('2');
    await progress('1 of 3 coded');
    await user.keyboard('1');
    await progress('2 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 3 of 3');
    await user.keyboard('u');
    await progress('1 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 2 of 3');
    expect(screen.getByRole('article')).toHaveTextContent('Now: uncoded');
    await user.keyboard('u');
    await progress('0 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    expect(screen.getByRole('button', { name: 'U undo last code' })).toBeDisabled();
  });

  it('codes with the buttons too, for the mouse', async () => {
    const user = renderQueue();
    await user.click(screen.getByRole('button', { name: '5 strongly support' }));
    await progress('1 of 3 coded');
    await user.click(screen.getByRole('button', { name: 'N next' }));
    expect(heading()).toHaveTextContent('Statement 3 of 3');
  });

  it('sets the topic with t and Enter, from the topics in the data, and stays', async () => {
    const user = renderQueue();
    await user.keyboard('t');
    const field = screen.getByRole('combobox', { name: 'Topic' });
    expect(field).toHaveValue('ceasefire');
    await user.clear(field);
    await user.keyboard('{Enter}');
    expect(await screen.findByText('A topic is required.')).toBeInTheDocument();
    await user.type(field, 'prisoner-exchange{Enter}');
    expect(await screen.findByText('Topic set to prisoner-exchange.')).toBeInTheDocument();
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    expect(screen.getByRole('article')).toHaveTextContent('on prisoner-exchange');
    expect(screen.getByText('0 of 3 coded')).toBeInTheDocument();
  });

  it('opens at the statement of a link, or at the first uncoded one and says so', () => {
    renderQueue({ queueAt: 'q3' });
    expect(heading()).toHaveTextContent('Statement 3 of 3');
    document.body.innerHTML = '';
    renderQueue({ queueAt: 'gone' });
    expect(heading()).toHaveTextContent('Statement 1 of 3');
    expect(screen.getByRole('note')).toHaveTextContent(
      'Statement gone is not in the queue under these filters; showing the first uncoded statement.',
    );
  });

  it('says when nothing is uncoded, and queues every filtered statement on request', async () => {
    const user = renderQueue({}, records.slice(0, 1));
    expect(
      screen.getByRole('heading', { name: 'No uncoded statements under these filters' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'All filtered statements' }));
    expect(heading()).toHaveTextContent('Statement 1 of 1');
    expect(screen.getByText('1 of 1 coded')).toBeInTheDocument();
  });

  it('rebuilds the queue when the filters change, not when a code is saved', async () => {
    const user = renderQueue();
    await user.keyboard('3');
    await progress('1 of 3 coded');
    expect(heading()).toHaveTextContent('Statement 2 of 3');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'maybe');
    // The filter is typed into a field: no key reached the queue; q2 is filtered out.
    expect(heading()).toHaveTextContent('Statement 1 of 1');
    expect(quote()).toBe('Maybe');
    expect(screen.getByRole('note')).toHaveTextContent('Statement q2 is not in the queue');
    expect(screen.getByText('0 of 1 coded')).toBeInTheDocument();
  });
});
