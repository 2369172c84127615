import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
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
