import { CLOSED_MESSAGE, isClosedError } from '../db/errors';
import type { ColumnMapping } from '../ingest/columns';
import { createImportService, type ImportService } from '../ingest/client';
import type { TextEncoding } from '../ingest/formats/encoding';
import type { FormatId, Rule } from '../ingest/formats/types';
import type { ImportSummary } from '../ingest/pipeline';
import type { Preview } from '../ingest/preview';
import {
  requestFromPreview,
  type FromWorker,
  type ImportReport,
  type ImportRequest,
} from '../ingest/protocol';
import { HandedChunks } from '../db/handover';

/** How long a cancelled import may take to remove what it wrote before it is stopped hard. */
const CANCEL_GRACE_MS = 15_000;

export type ImportPhase = 'idle' | 'preview' | 'importing' | 'report';

export interface Progress {
  rows: number;
  bytes: number;
  total: number;
}

/**
 * The import flow as the user walks it: choose a file -> preview (format, its rule, delimiter
 * and mapping changeable, a dry run counts every row) -> Import (progress, Cancel) -> report.
 * The parsing and storing happen in the worker; this class only holds what the UI shows.
 */
export class ImportFlow {
  phase = $state<ImportPhase>('idle');
  file = $state.raw<File | null>(null);
  preview = $state.raw<Preview | null>(null);
  encodingNote = $state<string | null>(null);
  /** The encoding the worker read the file in; the import reads it the same way. */
  encoding = $state<TextEncoding>('utf-8');
  checked = $state.raw<ImportSummary | null>(null);
  checking = $state.raw<Progress | null>(null);
  progress = $state.raw<Progress | null>(null);
  report = $state.raw<ImportReport | null>(null);
  /** Where the reported rows came from, as the report and its updates name it. */
  source = $state('');
  error = $state<string | null>(null);
  /** Set when the worker found the stored data closed by another tab: the page must reload. */
  storeClosed = $state(false);
  name = $state('');

  /**
   * What the user changed in the rule since the format was chosen. Kept apart from the
   * preview's rule so defaults that depend on the mapping (the date format of the date column)
   * are found again when the mapping changes.
   */
  private ruleChanges = $state.raw<Partial<Rule>>({});
  /** A mapping asked for whose preview has not come back yet (null: the preview's holds). */
  private askedMapping = $state.raw<ColumnMapping | null>(null);
  /** Previews asked for by `adjust` and not answered yet. */
  private unanswered = $state(0);

  /**
   * The rule as last asked for: the preview's, with the changes it has not answered yet laid
   * over, so a second change made before the first one's preview came back builds on the first
   * (choosing two fixed values quickly once kept only the second).
   */
  get rule(): Rule | undefined {
    const p = this.preview;
    if (!p) return undefined;
    return this.unanswered > 0 ? { ...p.rule, ...this.ruleChanges } : p.rule;
  }

  /** The column mapping as last asked for (see `rule`). */
  get mapping(): ColumnMapping | undefined {
    return this.askedMapping ?? this.preview?.mapping;
  }
  /** The stored dataset the chosen file replaces once imported (the dataset manager's Replace). */
  private replaces: string | undefined = undefined;

  /** True when the chosen file is a new version of a stored dataset. */
  get replacing(): boolean {
    return this.replaces !== undefined;
  }
  private service: ImportService | null = null;
  /** What the running import has stored so far, handed over by its workers. */
  private handed = new HandedChunks();

  constructor(
    private onImported: (report: ImportReport, handed: HandedChunks) => void | Promise<void>,
    private makeService: () => ImportService = createImportService,
  ) {}

  get percent(): number {
    const p = this.progress;
    return p && p.total > 0 ? Math.min(100, Math.round((p.bytes / p.total) * 100)) : 0;
  }

  /**
   * A file was chosen or dropped: show its preview. `replaces`: the dataset it is a new version
   * of, whose `name` it keeps unless the user types another.
   */
  choose(file: File, options: { replaces?: string; name?: string } = {}): void {
    this.reset();
    this.replaces = options.replaces;
    this.file = file;
    this.name = options.name ?? (file.name.replace(/\.[^.]+$/, '') || file.name);
    this.phase = 'preview';
    this.send({ type: 'preview', file });
    this.service?.prepare?.(file.size);
  }

  /**
   * Starts the import worker, and the second worker of a large import, ahead of the first file,
   * so the preview does not wait for them to load (called once the page is idle after its
   * first load; they warm up while idle, see parse.worker.ts).
   */
  warm(): void {
    this.ensureService().warm?.();
  }

  /** The import service, made on first use. */
  private ensureService(): ImportService {
    if (!this.service) {
      this.service = this.makeService();
      this.service.onmessage = (m) => this.receive(m);
    }
    return this.service;
  }

  /**
   * The user changed the delimiter, the format, the rule or a column in the preview: preview
   * again (and count again). A new delimiter detects the format afresh; a new format starts
   * from its default rule and mapping; a rule or mapping change keeps the format.
   */
  adjust(change: {
    delimiter?: string;
    mapping?: ColumnMapping;
    format?: FormatId;
    rule?: Partial<Rule>;
  }): void {
    if (!this.file || !this.preview) return;
    this.checked = null;
    this.checking = null;
    const fresh = change.delimiter !== undefined || change.format !== undefined;
    if (fresh) this.ruleChanges = {};
    if (change.rule) this.ruleChanges = { ...this.ruleChanges, ...change.rule };
    const mapping = change.mapping ?? (fresh ? undefined : this.mapping);
    this.askedMapping = mapping ?? null;
    this.unanswered++;
    this.send({
      type: 'preview',
      file: this.file,
      delimiter: change.delimiter ?? this.preview.delimiter,
      mapping,
      format: change.delimiter !== undefined ? undefined : (change.format ?? this.preview.format),
      rule: fresh ? undefined : this.ruleChanges,
    });
  }

  /** True when the preview leaves nothing to choose before importing. */
  get ready(): boolean {
    const p = this.preview;
    return p !== null && p.missing.length === 0 && p.needs.length === 0;
  }

  /** The `Import` button. */
  commit(extra: Partial<ImportRequest> = {}): void {
    if (!this.file || !this.preview || !this.ready) return;
    this.phase = 'importing';
    this.handed.clear();
    this.progress = { rows: 0, bytes: 0, total: this.file.size };
    this.send({
      type: 'import',
      file: this.file,
      request: this.request(extra),
      encoding: this.encoding,
    });
  }

  cancel(): void {
    const service = this.service;
    const writing = this.phase === 'importing';
    this.service = null;
    this.reset();
    if (!service) return;
    if (!writing) {
      service.send({ type: 'cancel' });
      service.dispose();
      return;
    }
    // Stop it, but let it finish stopping: a worker terminated mid-import leaves its
    // `importing` dataset and chunks behind until the next start, so it is disposed only once
    // it has deleted what it wrote and said so (or, if it hangs, after a grace period).
    const stop = () => {
      clearTimeout(timer);
      service.dispose();
    };
    const timer = setTimeout(stop, CANCEL_GRACE_MS);
    service.onmessage = (m) => {
      if (m.type === 'cancelled' || m.type === 'error') stop();
      else if (m.type === 'done') {
        // It finished before it heard the cancel: the data is stored, so show it.
        stop();
        void this.onImported(m.report, new HandedChunks());
      }
    };
    service.send({ type: 'cancel' });
  }

  /**
   * Shows the report of an import made without the preview (a shared link's statements), so
   * its updates are reviewed as a file's are.
   */
  showReport(report: ImportReport, source: string): void {
    this.reset();
    this.report = report;
    this.source = source;
    this.phase = 'report';
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
        if (m.type === 'chunk' || m.type === 'chunk-gone') {
          // Not kept: the caller loads what it needs from the store.
        } else if (m.type === 'preview') {
          sample = m.preview;
          service.send({
            type: 'import',
            file,
            encoding: m.encoding,
            request: {
              name: file.name,
              sourceFile: file.name,
              format: 'native',
              rule: 'native columns',
              formatRule: sample.rule,
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
    const file = this.file!.name;
    return {
      ...requestFromPreview(this.preview!, this.name.trim() || file, file),
      ...(this.replaces ? { replaces: this.replaces } : {}),
      ...extra,
    };
  }

  private reset(): void {
    this.handed.clear();
    this.phase = 'idle';
    this.preview = null;
    this.encodingNote = null;
    this.encoding = 'utf-8';
    this.ruleChanges = {};
    this.askedMapping = null;
    this.unanswered = 0;
    this.checked = null;
    this.checking = null;
    this.progress = null;
    this.report = null;
    this.source = '';
    this.error = null;
  }

  private send(msg: Parameters<ImportService['send']>[0]): void {
    // Not warm(): a warm-up asked for before every message would start, only to be stopped.
    this.ensureService().send(msg);
  }

  private receive(m: FromWorker): void {
    switch (m.type) {
      case 'preview':
        this.preview = m.preview;
        this.unanswered = Math.max(0, this.unanswered - 1);
        if (this.unanswered === 0) this.askedMapping = null;
        this.encodingNote = m.encodingNote;
        this.encoding = m.encoding ?? 'utf-8';
        break;
      case 'checked':
        this.checked = m.summary;
        this.checking = null;
        break;
      case 'progress':
        if (m.phase === 'check') this.checking = m;
        else this.progress = m;
        break;
      case 'chunk':
        this.handed.put(m.chunk);
        break;
      case 'chunk-gone':
        this.handed.gone(m.datasetId, m.chunk);
        break;
      case 'done': {
        const handed = this.handed;
        this.handed = new HandedChunks();
        this.report = m.report;
        this.source = this.file?.name ?? '';
        this.phase = 'report';
        this.progress = null;
        void this.onImported(m.report, handed);
        break;
      }
      case 'cancelled':
        break;
      case 'error':
        this.handed.clear();
        // The worker's store was closed by another tab: say so in words, and ask for a reload.
        this.storeClosed ||= isClosedError(m);
        this.error = isClosedError(m) ? CLOSED_MESSAGE : m.message;
        if (this.phase === 'importing') this.phase = 'preview';
        this.progress = null;
        break;
    }
  }
}
