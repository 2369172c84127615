import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StatementRecord } from '../../src/domain/types';
import { cacheFromRecords } from '../../src/query/cache';
import EvidencePanel from '../../src/views/evidence/EvidencePanel.svelte';
import { CLOSED_MESSAGE } from '../../src/db/errors';
import type { ImportService } from '../../src/ingest/client';
import type { FromWorker } from '../../src/ingest/protocol';
import { ImportFlow } from '../../src/state/import.svelte';
import StaleSchemaBanner from '../../src/views/common/StaleSchemaBanner.svelte';

/** An import service that answers every message with `answer`. */
function answering(answer: FromWorker): ImportService {
  const service: ImportService = {
    onmessage: null,
    send: () => queueMicrotask(() => service.onmessage?.(answer)),
    dispose: () => undefined,
  };
  return service;
}

describe('a database closed by another tab (issue 20, item 14)', () => {
  it('says in words that another tab closed the stored data, never the error name', async () => {
    const flow = new ImportFlow(
      () => undefined,
      () =>
        answering({
          type: 'error',
          name: 'DatabaseClosedError',
          message: 'DatabaseClosedError Database has been closed',
        }),
    );

    flow.choose(new File(['date,actor\n'], 'x.csv'));
    await new Promise((resolve) => setTimeout(resolve));

    expect(flow.error).toBe(CLOSED_MESSAGE);
    expect(flow.error).not.toMatch(/DatabaseClosedError/);
    expect(flow.storeClosed).toBe(true);
  });

  it('keeps any other error as the worker wrote it', async () => {
    const flow = new ImportFlow(
      () => undefined,
      () => answering({ type: 'error', name: 'Error', message: 'The file is empty.' }),
    );
    flow.choose(new File([''], 'x.csv'));
    await new Promise((resolve) => setTimeout(resolve));

    expect(flow.error).toBe('The file is empty.');
    expect(flow.storeClosed).toBe(false);
  });

  it('names a deletion in another tab in the banner, with its Reload button', () => {
    render(StaleSchemaBanner, { props: { stale: true, closedBy: 'deleted' } });

    expect(screen.getByRole('alert')).toHaveTextContent(
      "The stored data was closed by another tab, which deleted this browser's database. Reload this tab to continue.",
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
  });
});

describe('names in the evidence panel (issue 20, item 14)', () => {
  const record = (actor: string, affiliation: string): StatementRecord => ({
    id: 'n1',
    day: 20075,
    precision: 'day',
    actor,
    affiliation,
    topic: 'ceasefire',
    stance: -1,
    conditional: false,
    uncoded: false,
    conditions: '',
    quote: '',
    summary: '',
    target: '',
    source: '',
    url: '',
    reportedVia: '',
    confidence: NaN,
    line: 2,
  });

  function panel(actor: string, affiliation = 'Russia') {
    const cache = cacheFromRecords([record(actor, affiliation)], 'd');
    render(EvidencePanel, { props: { cache, row: 0, onclose: vi.fn(), onselect: vi.fn() } });
    return screen.getByRole('complementary', { name: 'Evidence' });
  }

  it('marks a name that mixes scripts in a word and one with a direction override', () => {
    const aside = panel('Vl\u0430dimir Putin', '\u202Eaissur');

    const note = within(aside).getByRole('note', { name: 'Names to check' });
    expect(note).toHaveTextContent(
      'Actor mixes scripts in "Vl\u0430dimir" (Latin, Cyrillic: U+0430 (Cyrillic)).',
    );
    expect(note).toHaveTextContent(
      'Affiliation contains direction or invisible controls (U+202E RIGHT-TO-LEFT OVERRIDE).',
    );
    // The override stays inside its name.
    expect(within(aside).getByText('\u202Eaissur').tagName).toBe('BDI');
  });

  it('marks nothing for plain names', () => {
    const aside = panel('Sergey Lavrov');
    expect(within(aside).queryByRole('note')).toBeNull();
  });
});
