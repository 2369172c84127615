import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { previewText } from '../../src/ingest/preview';
import { cacheFromRecords } from '../../src/query/cache';
import type { PreviewUpdatesHost } from '../../src/state/preview-updates.svelte';
import PreviewUpdates from '../../src/views/import/PreviewUpdates.svelte';

/** The import preview says which rows would update stored statements (issue 18). */
const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');
const cache = cacheFromRecords(previewText(seedText).rows);
const noVersions: PreviewUpdatesHost = { versioned: async () => new Map() };

/** The seed file with seed-017 recoded as oppose. */
const corrected = seedText.replace(/^(seed-017,[^,]*,[^,]*,[^,]*,[^,]*),-2,/m, '$1,-1,');

const text = (el: HTMLElement) => el.textContent!.replace(/\s+/g, ' ').trim();

describe('the preview lists updates', () => {
  it('says how many rows of the whole file update statements, and lists each change', async () => {
    expect(corrected).not.toBe(seedText);
    render(PreviewUpdates, {
      props: { preview: previewText(corrected), cache, host: noVersions },
    });
    const section = await screen.findByRole('region', { name: 'Updates in the file' });
    expect(text(within(section).getAllByRole('paragraph')[0])).toMatch(
      /^Updates: 1 of the 19 rows in the file carries the id of a statement you have, with other content: importing updates it\./,
    );
    const table = within(section).getByRole('table', {
      name: 'What the file changes, field by field',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map(text));
    expect(rows).toEqual([['seed-017', 'Sergey Lavrov', 'Stance', 'strongly oppose', 'oppose']]);
  });

  it('says "in the first N rows" when only part of the file was previewed', async () => {
    const preview = previewText(corrected, { truncated: true });
    render(PreviewUpdates, { props: { preview, cache, host: noVersions } });
    const section = await screen.findByRole('region', { name: 'Updates in the file' });
    expect(text(section)).toContain(
      `In the first ${preview.recordRows} rows, 1 carries the id of a statement you have`,
    );
    expect(text(section)).toContain('The rest of the file is compared when it is imported.');
  });

  it('says what a new version of a dataset does with your edits', async () => {
    render(PreviewUpdates, {
      props: { preview: previewText(corrected), cache, host: noVersions, replacing: true },
    });
    const section = await screen.findByRole('region', { name: 'Updates in the file' });
    expect(text(section)).toContain(
      'Statements you edited in the app are offered as conflicts after the import.',
    );
  });

  it('marks a statement edited in the app as a conflict', async () => {
    const [lavrov] = previewText(seedText).rows.filter((r) => r.id === 'seed-017');
    const host: PreviewUpdatesHost = {
      versioned: async (ids) =>
        new Map(
          ids
            .filter((id) => id === 'seed-017')
            .map((id) => [id, { stored: { ...lavrov, uncoded: false }, edited: true }]),
        ),
    };
    render(PreviewUpdates, { props: { preview: previewText(corrected), cache, host } });
    expect(await screen.findByText('Conflict: changed in the app')).toBeInTheDocument();
  });

  it('shows nothing when no row changes a stored statement', async () => {
    let compared = false;
    const host: PreviewUpdatesHost = {
      versioned: async () => {
        compared = true;
        return new Map();
      },
    };
    render(PreviewUpdates, { props: { preview: previewText(seedText), cache, host } });
    // The comparison is asynchronous: let it finish before looking.
    await vi.waitFor(() => expect(compared).toBe(true));
    await tick();
    expect(screen.queryByRole('region', { name: 'Updates in the file' })).toBeNull();
  });
});
