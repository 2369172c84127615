import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { EditInput } from '../../src/db/edits';
import { fieldsOf, type StatementFields } from '../../src/domain/edits';
import type { StatementRecord } from '../../src/domain/types';
import { previewText } from '../../src/ingest/preview';
import { UpdateReview as Review, type ReviewHost } from '../../src/state/update-review.svelte';
import UpdateReview from '../../src/views/import/UpdateReview.svelte';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const seed = previewText(seedText).rows;
const byId = (id: string) => seed.find((r) => r.id === id)!;

/** The app as it stands: the seed's fields, some changed by the analyst (`mine`). */
function host(mine: Record<string, Partial<StatementFields>> = {}) {
  const saved: EditInput[][] = [];
  const notices: string[] = [];
  const h: ReviewHost = {
    fields: (ids) => {
      const out = new Map<string, StatementFields>();
      for (const r of seed.filter((s) => ids.includes(s.id))) {
        const f = { ...fieldsOf(r), ...mine[r.id] };
        out.set(r.id, { ...f, confidence: Math.fround(f.confidence) });
      }
      return out;
    },
    saveMany: vi.fn(async (changes: readonly EditInput[]) => void saved.push([...changes])),
    editedInApp: async (ids) => new Set(ids.filter((id) => id in mine)),
    notify: (text) => void notices.push(text),
  };
  return { h, saved, notices };
}

/** The file's rows: seed-017 from strongly oppose to oppose, seed-001's topic renamed. */
const updates: StatementRecord[] = [
  { ...byId('seed-017'), stance: -1 },
  { ...byId('seed-001'), topic: 'us-blame' },
];

function show(h: ReviewHost) {
  render(UpdateReview, { props: { updates, total: 2, fileName: 'mine.csv', host: h } });
  return userEvent.setup();
}

const box = (id: string) => screen.getByRole('checkbox', { name: new RegExp(`update of ${id}`) });

describe('the review of a re-import', () => {
  it('lists each change field by field, before (the app) and after (the file)', async () => {
    const { h } = host();
    show(h);
    const table = await screen.findByRole('table', { name: 'Changes field by field' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent!.trim()),
      );
    expect(rows).toEqual([
      ['', 'seed-017', 'Sergey Lavrov', 'Stance', 'strongly oppose', 'oppose'],
      ['', 'seed-001', 'Vladimir Putin', 'Topic', 'us-responsibility', 'us-blame'],
    ]);
  });

  it('applies all updates as versions from the file, with a note naming it', async () => {
    const { h, saved, notices } = host();
    const user = show(h);
    await user.click(await screen.findByRole('button', { name: 'Apply all updates' }));
    expect(saved).toHaveLength(1);
    expect(saved[0].map((c) => [c.id, c.origin, c.note, c.before.stance, c.after.stance])).toEqual([
      ['seed-017', 'file', 'update from mine.csv', -2, -1],
      ['seed-001', 'file', 'update from mine.csv', 2, 2],
    ]);
    expect(saved[0][1].after.topic).toBe('us-blame');
    expect(await screen.findByText('Applied: 2 statements updated.')).toBeInTheDocument();
    expect(notices).toEqual(['2 statements updated from mine.csv.']);
  });

  it('keeps mine: nothing is saved', async () => {
    const { h, saved, notices } = host();
    const user = show(h);
    await user.click(await screen.findByRole('button', { name: 'Keep mine' }));
    expect(h.saveMany).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
    expect(await screen.findByText(/Kept your data: no update applied/)).toBeInTheDocument();
    expect(notices[0]).toMatch(/No update from mine.csv applied/);
  });

  it('marks a statement also changed in the app as a conflict, left unchecked', async () => {
    // The analyst coded seed-017 as neutral in the app; the file says oppose.
    const { h, saved } = host({ 'seed-017': { stance: 0 } });
    const user = show(h);
    await screen.findByRole('table', { name: 'Changes field by field' });
    expect(box('seed-017')).not.toBeChecked();
    expect(box('seed-001')).toBeChecked();
    expect(screen.getByText('Conflict: changed in the app')).toBeInTheDocument();
    const row = screen.getAllByRole('row').find((r) => r.textContent!.includes('seed-017'))!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent!.trim()),
    ).toEqual([
      '',
      'seed-017 Conflict: changed in the app',
      'Sergey Lavrov',
      'Stance',
      'neutral',
      'oppose',
    ]);
    await user.click(screen.getByRole('button', { name: 'Apply checked (1)' }));
    expect(saved.flat().map((c) => c.id)).toEqual(['seed-001']);
  });

  it('applies a conflict only when the analyst checks it', async () => {
    const { h, saved } = host({ 'seed-017': { stance: 0 } });
    const user = show(h);
    await screen.findByRole('table', { name: 'Changes field by field' });
    await user.click(box('seed-017'));
    await user.click(box('seed-001'));
    await user.click(screen.getByRole('button', { name: 'Apply checked (1)' }));
    expect(saved.flat().map((c) => [c.id, c.before.stance, c.after.stance])).toEqual([
      ['seed-017', 0, -1],
    ]);
  });

  it('leaves out an update the app already shows', async () => {
    const { h } = host({ 'seed-001': { topic: 'us-blame' } });
    show(h);
    expect(await screen.findByText(/1 already as in the file/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /seed-001/ })).toBeNull();
  });

  it('downloads the changes as CSV: id, field, before, after, with formulas guarded', async () => {
    const { h } = host();
    const formula = { ...byId('seed-017'), stance: -1 as const, summary: '=HYPERLINK("x")' };
    const review = new Review([formula], 1, 'mine.csv', h);
    await review.prepare();
    const lines = review.csv().trimEnd().split('\n');
    expect(lines[0]).toBe('id,field,before,after,conflict');
    expect(lines[1]).toBe('seed-017,Stance,strongly oppose,oppose,');
    expect(lines[2]).toMatch(/^seed-017,Summary,"Lavrov rejects .*","'=HYPERLINK\(""x""\)",$/);
  });
});
