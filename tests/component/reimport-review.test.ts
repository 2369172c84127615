import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EditInput } from '../../src/db/edits';
import { fieldsOf, type StatementFields } from '../../src/domain/edits';
import { previewText } from '../../src/ingest/preview';
import type { ChangedUnderEdit } from '../../src/state/reimport-review.svelte';
import type { ReviewHost } from '../../src/state/update-review.svelte';
import UpdateReview from '../../src/views/import/UpdateReview.svelte';

/**
 * Datasets -> Re-import of statements edited in the app (issue 18): the file's change is
 * offered as a conflict beside the edit, never masked by it.
 */
const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const seed = previewText(seedText).rows;
const fields = (id: string): StatementFields => {
  const f = fieldsOf(seed.find((r) => r.id === id)!);
  return { ...f, confidence: Math.fround(f.confidence) };
};

function host() {
  const saved: EditInput[][] = [];
  const h: ReviewHost = {
    fields: () => new Map(),
    saveMany: vi.fn(async (changes: readonly EditInput[]) => void saved.push([...changes])),
    editedInApp: async () => new Set(),
    notify: () => undefined,
  };
  return { h, saved };
}

const s17 = fields('seed-017');
const s1 = fields('seed-001');
/**
 * seed-017: the new file says oppose, the analyst had recoded it neutral and rewritten the
 * summary. seed-001: only a file update was applied to it, and the new file renames its topic.
 */
const changed: ChangedUnderEdit[] = [
  {
    id: 'seed-017',
    before: s17,
    file: { ...s17, stance: -1 },
    current: { ...s17, stance: 0, summary: 'my summary' },
    edited: true,
  },
  {
    id: 'seed-001',
    before: s1,
    file: { ...s1, topic: 'us-blame' },
    current: { ...s1, target: 'from another file' },
    edited: false,
  },
];

function show(h: ReviewHost, list = changed) {
  render(UpdateReview, { props: { changed: list, fileName: 'v2.csv', host: h } });
  return userEvent.setup();
}

const box = (id: string) => screen.getByRole('checkbox', { name: new RegExp(`update of ${id}`) });

describe('the review of a re-import under app edits', () => {
  it('lists what the file changed, before -> file, beside your value; edits left unchecked', async () => {
    show(host().h);
    const table = await screen.findByRole('table', { name: 'Changes field by field' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Apply', 'Statement', 'Actor', 'Field', 'Before', 'File', 'Yours']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent!.trim()),
      );
    expect(rows).toEqual([
      [
        '',
        'seed-017 Conflict: changed in the app',
        'Sergey Lavrov',
        'Stance',
        'strongly oppose',
        'oppose',
        'neutral',
      ],
      [
        '',
        'seed-001',
        'Vladimir Putin',
        'Topic',
        'us-responsibility',
        'us-blame',
        'us-responsibility',
      ],
    ]);
    expect(box('seed-017')).not.toBeChecked();
    expect(box('seed-001')).toBeChecked();
    expect(screen.getByRole('heading', { name: /Changes in v2.csv to statements you edited/ }));
    expect(
      screen.getByText(/1 statement was edited by you: marked as a conflict and left unchecked/),
    ).toBeTruthy();
  });

  it("applies a checked conflict as a version from the file: the file's field, your other edits kept", async () => {
    const { h, saved } = host();
    const user = show(h);
    await user.click(await screen.findByRole('checkbox', { name: /update of seed-017/ }));
    await user.click(box('seed-001'));
    await user.click(screen.getByRole('button', { name: 'Apply checked (1)' }));
    expect(saved).toHaveLength(1);
    const [change] = saved[0];
    expect([change.id, change.origin, change.note]).toEqual([
      'seed-017',
      'file',
      'update from v2.csv',
    ]);
    expect(change.before).toEqual(changed[0].current);
    expect(change.after).toEqual({ ...s17, stance: -1, summary: 'my summary' });
    expect(await screen.findByText('Applied: 1 statement updated.')).toBeTruthy();
  });

  it('keeps mine: the edit stays, nothing is saved', async () => {
    const { h, saved } = host();
    const user = show(h);
    await user.click(await screen.findByRole('button', { name: 'Keep mine' }));
    expect(saved).toEqual([]);
    expect(await screen.findByText(/Kept your data: no update applied/)).toBeTruthy();
  });

  it('leaves out a statement whose edit already holds the file values', async () => {
    const same: ChangedUnderEdit = {
      ...changed[0],
      current: { ...s17, stance: -1, summary: 'my summary' },
    };
    show(host().h, [same, changed[1]]);
    expect(await screen.findByText(/1 already as in the file/)).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /seed-017/ })).toBeNull();
  });
});
