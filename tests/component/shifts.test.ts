import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseIsoDay } from '../../src/domain/dates';
import { previewText } from '../../src/ingest/preview';
import { cacheFromRecords } from '../../src/query/cache';
import type { ViewState } from '../../src/url/view-state';
import ShiftsHarness from './harness/ShiftsHarness.svelte';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const cache = cacheFromRecords(previewText(seedText).rows);

function renderShifts(initial: Partial<ViewState> = {}) {
  const onselect = vi.fn();
  render(ShiftsHarness, { props: { cache, initial, onselect } });
  return { onselect, user: userEvent.setup() };
}

const boundView = () => JSON.parse(screen.getByLabelText('Bound view').textContent!) as ViewState;

/** Each body row's cells as text, top to bottom. */
const bodyRows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .filter((r) => r.getAttribute('aria-hidden') !== 'true')
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
    );

const russiaRow = () =>
  screen
    .getAllByRole('row')
    .find((r) => /Russia/.test(r.textContent!) && /ceasefire/.test(r.textContent!))!;

describe('Shifts view', () => {
  it("lists Russia's ceasefire hardening with both statements and both dates", () => {
    renderShifts();
    const row = russiaRow();
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe('2024-12-26');
    expect(cells[1]).toBe('Russia (all actors) on ceasefire');
    expect(cells[2]).toBe('▼ hardened 3');
    expect(cells[3]).toMatch(/^conditional support 2024-11 · Vladimir Putin · via Reuters report/);
    expect(cells[4]).toMatch(
      /^strongly oppose 2024-12-26 · Sergey Lavrov “?A truce leads to nowhere/,
    );
  });

  it('opens the evidence of either statement', async () => {
    const { onselect, user } = renderShifts();
    const row = russiaRow();
    await user.click(
      within(row).getByRole('button', { name: /conditional support, Vladimir Putin, 2024-11/ }),
    );
    expect(cache.text.get('id', onselect.mock.calls[0][0])).toBe('seed-009');
    await user.click(
      within(row).getByRole('button', { name: /strongly oppose, Sergey Lavrov, 2024-12-26/ }),
    );
    expect(cache.text.get('id', onselect.mock.calls[1][0])).toBe('seed-017');
  });

  it('lists newest first, and sorts by a column on request', async () => {
    const { user } = renderShifts();
    const dates = () => bodyRows().map((c) => c[0]);
    expect(dates()).toEqual([...dates()].sort().reverse());
    await user.click(screen.getByRole('button', { name: /^Date/ }));
    expect(dates()).toEqual([...dates()].sort());
    await user.click(screen.getByRole('button', { name: /^Move/ }));
    const sizes = bodyRows().map((c) => Number(c[2].match(/\d+$/)?.[0] ?? 0));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(screen.getByRole('columnheader', { name: /^Move/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('filters by direction, size and who, and keeps the choice in the view (URL)', async () => {
    const { user } = renderShifts();
    await user.click(screen.getByRole('checkbox', { name: /Softened/ }));
    await user.click(screen.getByRole('checkbox', { name: /Conditional changed/ }));
    expect(boundView().shiftDirections).toEqual(['hardened']);
    expect(bodyRows().every((c) => c[2].startsWith('▼ hardened'))).toBe(true);
    await user.selectOptions(screen.getByLabelText('Smallest move'), '3 steps or more');
    expect(boundView().shiftMinSize).toBe(3);
    expect(bodyRows().every((c) => Number(c[2].slice(-1)) >= 3)).toBe(true);
    await user.selectOptions(screen.getByLabelText('Who'), 'actors');
    expect(boundView().shiftWho).toBe('actor');
    expect(screen.queryByText(/\(all actors\)/)).toBeNull();
  });

  it('honours the date range: a shift whose new statement falls before From is not listed', () => {
    renderShifts({ from: parseIsoDay('2024-12-27') });
    expect(screen.queryByText('ceasefire')).toBeNull();
    expect(screen.getByText(/No stance shifts match/)).toBeInTheDocument();
  });

  it('honours the Actors filter: Putin alone has no ceasefire shift', () => {
    renderShifts({ actors: ['Vladimir Putin'] });
    expect(screen.queryByText('ceasefire')).toBeNull();
  });
});
