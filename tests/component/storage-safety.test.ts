import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StatementRecord } from '../../src/domain/types';
import { cacheFromRecords, recordsToPart } from '../../src/query/cache';
import { AppState } from '../../src/state/app.svelte';
import { AppUpdate, type WorkboxLike } from '../../src/state/app-update.svelte';
import UpdateBanner from '../../src/views/common/UpdateBanner.svelte';
import userEvent from '@testing-library/user-event';
import { FRAMED_MESSAGE, isFramed } from '../../src/views/common/framed';
import PortablePrompt from '../../src/views/common/PortablePrompt.svelte';
import DatasetManager from '../../src/views/datasets/DatasetManager.svelte';
import EvidencePanel from '../../src/views/evidence/EvidencePanel.svelte';
import { CLOSED_MESSAGE } from '../../src/db/errors';
import type { ImportService } from '../../src/ingest/client';
import type { FromWorker } from '../../src/ingest/protocol';
import { ImportFlow } from '../../src/state/import.svelte';
import StaleSchemaBanner from '../../src/views/common/StaleSchemaBanner.svelte';
import type { PortablePayload } from '../../src/url/portable';
import { renderInApp } from './harness/with-app';

// jsdom has <dialog> but not its modal methods: enough of them to open and close one.
const dialogProto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
dialogProto.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
dialogProto.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
  this.dispatchEvent(new Event('close'));
};

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

describe('names in the evidence panel (issue 20, item 14)', () => {
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

describe('in a frame, no consent and no removal (issue 20, item 11)', () => {
  async function appWithLink(): Promise<AppState> {
    const app = new AppState();
    const payload: PortablePayload = {
      v: 1,
      name: 'Shared view',
      rows: [['date'], ['2024-12-18']],
    };
    // jsdom's Blob has no stream() to inflate with: the link's decoding is stood in for.
    await app.links.readFragment('#d=link', async () => payload);
    return app;
  }

  it('puts the focus on Not now, not on Import, when it asks about a link', async () => {
    renderInApp(await appWithLink(), PortablePrompt, { framed: false });

    const dialog = await screen.findByRole('dialog', { name: 'Import statements from this link?' });
    expect(within(dialog).getByRole('button', { name: 'Import statements' })).toBeVisible();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Not now' }));
  });

  it('offers no Import in a frame, and says why', async () => {
    renderInApp(await appWithLink(), PortablePrompt, { framed: true });

    const dialog = await screen.findByRole('dialog', { name: 'Import statements from this link?' });
    expect(within(dialog).queryByRole('button', { name: 'Import statements' })).toBeNull();
    expect(dialog).toHaveTextContent(FRAMED_MESSAGE);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Not now' }));
  });

  it('turns off Delete, Re-import and Restore in the Datasets dialog in a frame, and says why', async () => {
    const app = new AppState();
    app.datasets = [recordsToPart([record('Sergey Lavrov', 'Russia')], 'd1').meta].map((m) => ({
      ...m,
      name: 'clean',
      importedAt: '2024-12-18T10:00:00.000Z',
    }));
    renderInApp(app, DatasetManager, { onclose: vi.fn(), framed: true });

    const dialog = await screen.findByRole('dialog', { name: 'Datasets' });
    expect(dialog).toHaveTextContent(FRAMED_MESSAGE);
    expect(within(dialog).getByRole('button', { name: 'Delete clean' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Re-import clean' })).toBeDisabled();
    expect(within(dialog).getByLabelText('Restore from backup')).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Rename clean' })).toBeEnabled();
  });

  it('keeps them on outside a frame', async () => {
    const app = new AppState();
    app.datasets = [recordsToPart([record('Sergey Lavrov', 'Russia')], 'd1').meta].map((m) => ({
      ...m,
      name: 'clean',
      importedAt: '2024-12-18T10:00:00.000Z',
    }));
    renderInApp(app, DatasetManager, { onclose: vi.fn(), framed: false });

    const dialog = await screen.findByRole('dialog', { name: 'Datasets' });
    expect(within(dialog).getByRole('button', { name: 'Delete clean' })).toBeEnabled();
    expect(within(dialog).getByLabelText('Restore from backup')).toBeEnabled();
  });
});

describe('isFramed', () => {
  it('tells a top window from a framed one, and counts an unreadable top as framed', () => {
    const top = {} as Window;
    const alone: Record<string, unknown> = {};
    alone.top = alone;
    alone.self = alone;
    expect(isFramed(alone as unknown as Window)).toBe(false);
    expect(isFramed({ top, self: {} } as unknown as Window)).toBe(true);
    const guarded = {
      self: {},
      get top(): Window {
        throw new DOMException('Blocked', 'SecurityError');
      },
    };
    expect(isFramed(guarded as unknown as Window)).toBe(true);
  });
});

/** A stand-in for workbox-window's Workbox: events are fired by the test. */
class FakeWorkbox {
  private listeners = new Map<string, ((e: object) => void)[]>();
  skipWaiting = vi.fn();
  addEventListener(type: string, listener: (e: object) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, event: object = {}) {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
  register = vi.fn(async () => undefined);
  messageSkipWaiting() {
    this.skipWaiting();
  }
}

describe('a new version of the app (issue 20, item 10)', () => {
  async function setUp(importing = false, running = false) {
    const wb = new FakeWorkbox();
    const reload = vi.fn();
    const update = new AppUpdate(() => importing, reload);
    await update.register(
      async () => wb as unknown as WorkboxLike,
      async () => running,
    );
    return { wb, reload, update };
  }

  it('says a new version is available and applies it on Reload: SKIP_WAITING, then a reload', async () => {
    const { wb, reload, update } = await setUp();
    render(UpdateBanner, { props: { update, importing: false } });
    expect(screen.queryByText(/new version/)).toBeNull();

    wb.fire('waiting');
    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent('A new version is available.');
    expect(wb.skipWaiting).not.toHaveBeenCalled();

    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Reload' }));
    expect(wb.skipWaiting).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    wb.fire('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('waits for an import to finish', async () => {
    const { wb, update } = await setUp(true);
    render(UpdateBanner, { props: { update, importing: true } });
    wb.fire('waiting');

    const banner = await screen.findByRole('status');
    expect(banner).toHaveTextContent('It can be loaded once the import has finished.');
    expect(within(banner).getByRole('button', { name: 'Reload' })).toBeDisabled();
    update.apply();
    expect(wb.skipWaiting).not.toHaveBeenCalled();
  });

  it('applies a version left waiting by an earlier visit at the next start', async () => {
    const { wb } = await setUp();
    wb.fire('waiting', { wasWaitingBeforeRegister: true });
    await vi.waitFor(() => expect(wb.skipWaiting).toHaveBeenCalledTimes(1));
  });

  it('does not apply it at the start while another tab imports', async () => {
    const { wb, update } = await setUp(false, true);
    wb.fire('waiting', { wasWaitingBeforeRegister: true });
    await new Promise((resolve) => setTimeout(resolve));
    expect(wb.skipWaiting).not.toHaveBeenCalled();
    expect(update.available).toBe(true);
  });

  it('does not reload when another tab applied the update', async () => {
    const { wb, reload } = await setUp();
    wb.fire('controlling');
    expect(reload).not.toHaveBeenCalled();
  });
});
