import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import MeltColumns from '../../src/views/import/MeltColumns.svelte';

const headers = Array.from({ length: 5_000 }, (_, i) => `poll-${i}`);
const candidates = headers.map((_, i) => i);

describe('the columns a wide table melts', () => {
  it('draws a few of 5,000 columns, with a search, and chooses all that match', async () => {
    const onchange = vi.fn();
    render(MeltColumns, {
      props: { kind: 'actor', candidates, chosen: [1], headers, onchange },
    });
    expect(screen.getAllByRole('checkbox')).toHaveLength(60);
    expect(
      screen.getByText(/1 column of 5,000 chosen; showing the first 60 of 5,000/),
    ).toBeTruthy();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Find a column' }), 'poll-499');
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.map((b) => b.parentElement?.textContent?.trim())).toEqual([
      'poll-499',
      ...Array.from({ length: 10 }, (_, i) => `poll-499${i}`),
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Choose all 11 matching' }));
    expect(onchange).toHaveBeenLastCalledWith([
      1,
      499,
      ...Array.from({ length: 10 }, (_, i) => 4990 + i),
    ]);
  });

  it('lists a few columns plainly, without the search', () => {
    render(MeltColumns, {
      props: {
        kind: 'topic',
        candidates: [0, 2],
        chosen: [2],
        headers: ['a', 'b', 'c'],
        onchange: () => {},
      },
    });
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByRole('group', { name: 'Topic columns' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'c' })).toBeChecked();
  });
});
