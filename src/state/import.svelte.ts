import type { ImportReport, ImportRequest } from '../db/importer';
import type { ColumnMapping } from '../ingest/columns';
import { createImportService, type ImportService } from '../ingest/client';
import type { ImportSummary, Preview } from '../ingest/pipeline';
import type { FromWorker } from '../ingest/protocol';

export type ImportPhase = 'idle' | 'preview' | 'importing' | 'report';

export interface Progress {
  rows: number;
  bytes: number;
  total: number;
}

/**
 * The import flow as the user walks it: choose a file -> preview (delimiter and mapping
 * changeable, a dry run counts every row) -> Import (progress, Cancel) -> report.
 * The parsing and storing happen in the worker; this class only holds what the UI shows.
 */
export class ImportFlow {
  phase = $state<ImportPhase>('idle');
  file = $state.raw<File | null>(null);
  preview = $state.raw<Preview | null>(null);
  encodingNote = $state<string | null>(null);
  checked = $state.raw<ImportSummary | null>(null);
  checking = $state.raw<Progress | null>(null);
  progress = $state.raw<Progress | null>(null);
  report = $state.raw<ImportReport | null>(null);
  error = $state<string | null>(null);
  name = $state('');

  private service: ImportService | null = null;
  private waiting: ((m: FromWorker) => void) | null = null;

  constructor(
    private onImported: (report: ImportReport) => void | Promise<void>,
    private makeService: () => ImportService = createImportService,
  ) {}

  get percent(): number {
    const p = this.progress;
    return p && p.total > 0 ? Math.min(100, Math.round((p.bytes / p.total) * 100)) : 0;
  }

  /** A file was chosen or dropped: show its preview. */
  choose(file: File): void {
    this.reset();
    this.file = file;
    this.name = file.name.replace(/\.[^.]+$/, '') || file.name;
    this.phase = 'preview';
    this.send({ type: 'preview', file });
  }

  /** The user changed the delimiter or a column in the preview. */
  adjust(change: { delimiter?: string; mapping?: ColumnMapping }): void {
    if (!this.file || !this.preview) return;
    this.checked = null;
    this.checking = null;
    this.send({
      type: 'preview',
      file: this.file,
      delimiter: change.delimiter ?? this.preview.delimiter,
      mapping: change.mapping ?? (change.delimiter ? undefined : this.preview.mapping),
    });
  }

  /** The `Import` button. */
  commit(extra: Partial<ImportRequest> = {}): void {
    if (!this.file || !this.preview || this.preview.missing.length > 0) return;
    this.phase = 'importing';
    this.progress = { rows: 0, bytes: 0, total: this.file.size };
    this.send({ type: 'import', file: this.file, request: this.request(extra) });
  }

  cancel(): void {
    this.service?.send({ type: 'cancel' });
    this.service?.dispose();
    this.service = null;
    this.waiting = null;
    this.reset();
  }

  close(): void {
    if (this.phase === 'importing') return;
    this.cancel();
  }

  /** Imports without the preview step (the bundled dataset), resolving with the report. */
  importDirect(file: File, extra: Partial<ImportRequest>): Promise<ImportReport> {
    return new Promise((resolve, reject) => {
      const service = this.makeService();
      let sample: Preview | null = null;
      service.onmessage = (m) => {
        if (m.type === 'preview') {
          sample = m.preview;
          service.send({
            type: 'import',
            file,
            request: {
              name: file.name,
              sourceFile: file.name,
              format: 'native',
              rule: 'native columns',
              delimiter: sample.delimiter,
              newline: sample.newline,
              mapping: sample.mapping,
              ...extra,
            },
          });
        } else if (m.type === 'done') {
          service.dispose();
          resolve(m.report);
        } else if (m.type === 'error') {
          service.dispose();
          reject(new Error(m.message));
        }
      };
      service.send({ type: 'preview', file });
    });
  }

  private request(extra: Partial<ImportRequest>): ImportRequest {
    const p = this.preview!;
    return {
      name: this.name.trim() || this.file!.name,
      sourceFile: this.file!.name,
      format: 'native',
      rule: describeMapping(p.headers, p.mapping),
      delimiter: p.delimiter,
      newline: p.newline,
      mapping: p.mapping,
      ...extra,
    };
  }

  private reset(): void {
    this.phase = 'idle';
    this.preview = null;
    this.encodingNote = null;
    this.checked = null;
    this.checking = null;
    this.progress = null;
    this.report = null;
    this.error = null;
  }

  private send(msg: Parameters<ImportService['send']>[0]): void {
    if (!this.service) {
      this.service = this.makeService();
      this.service.onmessage = (m) => this.receive(m);
    }
    this.service.send(msg);
  }

  private receive(m: FromWorker): void {
    this.waiting?.(m);
    switch (m.type) {
      case 'preview':
        this.preview = m.preview;
        this.encodingNote = m.encodingNote;
        break;
      case 'checked':
        this.checked = m.summary;
        this.checking = null;
        break;
      case 'progress':
        if (m.phase === 'check') this.checking = m;
        else this.progress = m;
        break;
      case 'done':
        this.report = m.report;
        this.phase = 'report';
        this.progress = null;
        void this.onImported(m.report);
        break;
      case 'cancelled':
        break;
      case 'error':
        this.error = m.message;
        if (this.phase === 'importing') this.phase = 'preview';
        this.progress = null;
        break;
    }
  }
}

/** `date <- Date, actor <- Speaker, ...`: the mapping in words for the dataset's metadata. */
export function describeMapping(headers: string[], mapping: ColumnMapping): string {
  return Object.entries(mapping)
    .filter(([, i]) => i !== undefined && i >= 0)
    .map(([col, i]) => `${col} <- ${headers[i as number] ?? `column ${(i as number) + 1}`}`)
    .join(', ');
}
