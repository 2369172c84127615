import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { EditInput } from '../../src/db/edits';
import { fieldsOf, type StatementFields } from '../../src/domain/edits';
import type { StatementRecord } from '../../src/domain/types';
import { previewText } from '../../src/ingest/preview';
import type { ReviewHost } from '../../src/state/update-review.svelte';
import UpdateReview from '../../src/views/import/UpdateReview.svelte';

/** A review of more changes than are drawn at once (issue 18: it once drew the first 200). */
const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const lavrov = previewText(seedText).rows.find((r) => r.id === 'seed-017')!;
const N = 250;
const id = (i: number) => `u-${String(i).padStart(3, '0')}`;
/** 250 stored statements, each of which the file recodes from strongly oppose to oppose. */
const updates: StatementRecord[] = Array.from({ length: N }, (_, i) => ({
  ...lavrov,
  id: id(i),
  stance: -1,
}));

function host() {
  const saved: EditInput[] = [];
  const h: ReviewHost = {
    fields: (ids) => {
      const f = { ...fieldsOf(lavrov), confidence: Math.fround(lavrov.confidence) };
      return new Map<string, StatementFields>(ids.map((i) => [i, f]));
    },
    saveMany: async (changes) => void saved.push(...changes),
    editedInApp: async () => new Set(),
    notify: () => undefined,
  };
  return { h, saved };
}

const box = (i: number) => screen.getByRole('checkbox', { name: `Apply the update of ${id(i)}` });
const drawn = () => screen.getAllByRole('checkbox').map((b) => b.getAttribute('aria-label'));

describe('a review of more than 200 changes', () => {
  it('pages through all of them from the keyboard; checkboxes keep their state; Apply checked applies exactly those', async () => {
    const { h, saved } = host();
    render(UpdateReview, { props: { updates, total: N, fileName: 'big.csv', host: h } });
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Changes field by field' });
    const pager = screen.getByRole('navigation', { name: 'Pages of changes' });
    expect(within(pager).getByRole('status').textContent).toBe('Statements 1-100 of 250');
    expect(drawn()).toHaveLength(100);

    await user.click(box(0));
    // To the last page from the keyboard: Tab to Next, Enter twice.
    within(pager).getByRole('button', { name: 'Next 100' }).focus();
    await user.keyboard('{Enter}{Enter}');
    expect(within(pager).getByRole('status').textContent).toBe('Statements 201-250 of 250');
    expect(drawn()).toHaveLength(50);
    expect(box(249)).toBeChecked();
    await user.click(box(240));

    // Straight to page 1 by number: the first page's unchecked box is still unchecked.
    const pageNo = within(pager).getByRole('spinbutton', { name: 'Page' });
    await user.clear(pageNo);
    await user.type(pageNo, '1{Enter}');
    pageNo.blur();
    expect(within(pager).getByRole('status').textContent).toBe('Statements 1-100 of 250');
    expect(box(0)).not.toBeChecked();
    expect(box(1)).toBeChecked();

    await user.click(screen.getByRole('button', { name: `Apply checked (${N - 2})` }));
    const applied = saved.map((c) => c.id);
    expect(applied).toHaveLength(N - 2);
    expect(new Set(applied)).toEqual(
      new Set(updates.map((u) => u.id).filter((x) => x !== id(0) && x !== id(240))),
    );
  });
});
