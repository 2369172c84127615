import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportService } from '../../src/ingest/client';
import { recordsToPart } from '../../src/query/cache';
import { AppState } from '../../src/state/app.svelte';
import DatasetManager from '../../src/views/datasets/DatasetManager.svelte';
import ImportReport from '../../src/views/import/ImportReport.svelte';
import { renderInApp } from './harness/with-app';
import { rec } from '../unit/query/helpers';
import { fieldsOf } from '../../src/domain/edits';
import ReportHarness from './harness/ReportHarness.svelte';

// jsdom has <dialog> but not its modal methods: enough of them to open and close one.
const dialogProto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
dialogProto.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
dialogProto.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
  this.dispatchEvent(new Event('close'));
};

/** An import service that never answers: the test looks at what was chosen. */
const silent = (): ImportService => ({ onmessage: null, send: () => undefined, dispose: vi.fn() });

describe('Datasets -> Re-import (issue 18 item 3)', () => {
  it('offers the new version under the dataset name as renamed, not the file name', async () => {
    const app = new AppState(silent);
    const lavrov = rec({
      date: '2024-12-26',
      actor: 'Sergey Lavrov',
      topic: 'ceasefire',
      stance: -2,
    });
    app.datasets = [{ ...recordsToPart([lavrov], 'd1').meta, name: 'My Russia set' }];
    renderInApp(app, DatasetManager, { onclose: vi.fn() });
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Datasets' });
    await user.click(within(dialog).getByRole('button', { name: 'Re-import My Russia set' }));
    await user.upload(
      within(dialog).getByLabelText('Choose the new version'),
      new File(['date,actor,topic\n'], 'export-2024-12-31.csv', { type: 'text/csv' }),
    );
    expect(app.importFlow.file?.name).toBe('export-2024-12-31.csv');
    expect(app.importFlow.name).toBe('My Russia set');
  });

  it('reports the new version against the one it replaced', () => {
    const app = new AppState(silent);
    const summary = {
      rowsRead: 30,
      added: 30,
      duplicates: 0,
      updated: 0,
      updates: [],
      rejected: 0,
      issues: [],
      issueCount: 0,
      warnings: [],
      warningCount: 0,
    };
    const versions = { added: 5, updated: 1, removed: 5, unchanged: 24 };
    app.importFlow.showReport({ datasetId: 'd2', summary, versions }, 'v2.csv');
    render(ImportReport, { props: { flow: app.importFlow } });
    expect(
      screen
        .getByText(/^Against the version it replaced/)
        .textContent!.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('Against the version it replaced: 5 added, 1 updated, 5 removed, 24 unchanged.');
  });

  it('offers the statements the new version changed under app edits for review', async () => {
    const app = new AppState(silent);
    const summary = {
      rowsRead: 1,
      added: 1,
      duplicates: 0,
      updated: 0,
      updates: [],
      rejected: 0,
      issues: [],
      issueCount: 0,
      warnings: [],
      warningCount: 0,
    };
    const lavrov = rec({
      date: '2024-12-26',
      actor: 'Sergey Lavrov',
      topic: 'ceasefire',
      stance: -2,
    });
    const before = fieldsOf(lavrov);
    const changedUnderEdits = [
      {
        id: lavrov.id,
        before,
        file: { ...before, stance: -1 as const },
        current: { ...before, stance: 0 as const },
        edited: true,
      },
    ];
    const versions = { added: 0, updated: 1, removed: 0, unchanged: 0 };
    app.importFlow.showReport({ datasetId: 'd2', summary, versions, changedUnderEdits }, 'v2.csv');
    render(ReportHarness, { props: { app } });
    const section = await screen.findByRole('region', {
      name: 'Changes in v2.csv to statements you edited',
    });
    expect(
      within(section).getByRole('checkbox', {
        name: `Apply the update of ${lavrov.id} (conflict)`,
      }),
    ).not.toBeChecked();
  });
});
