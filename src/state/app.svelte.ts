import { getContext, setContext } from 'svelte';
import { db, onVersionChange, type ClosedBy } from '../db/db';
import type { ImportReport } from '../ingest/protocol';
import type { HandedChunks } from '../db/handover';
import { createBackup, restoreBackup, type RestoreResult } from '../db/backup';
import {
  cleanupInterrupted,
  deleteWithUndo,
  readyDatasets,
  renameDataset,
  setDatasetHidden,
  type DeletedDataset,
} from '../db/store';
import type { DatasetMeta } from '../columnar/chunk';
import { filterRows, SEARCHED } from '../query/filter';
import { datasetScope, filterOf } from './scope';
import type { ColumnCache, Filter } from '../query/types';
import { hasPortableData, payloadToCsv } from '../export/share';
import { fingerprint } from '../url/fingerprint';
import { decodePortable, type PortablePayload } from '../url/portable';
import type { IgnoredParam } from '../url/query-string';
import { DEFAULT_VIEW, type ViewState } from '../url/view-state';
import { ImportFlow } from './import.svelte';
import { Edits } from './edits.svelte';
import type { StatementFields } from '../domain/edits';
import { HeldDeletion } from './deletion.svelte';
import { CacheLoader } from './loader';
import seedUrl from '../../data/seed-statements.csv?url';

const SEED_DISMISSED = 'stance-timeline:seed-dismissed';
const EMPTY = new Uint32Array(0);

/**
 * The app's shared state: the stored datasets, the column cache over them, the view (which
 * mirrors the URL) and the rows that pass the filters. Views read it through `appState()`.
 */
export class AppState {
  datasets = $state.raw<DatasetMeta[]>([]);
  cache = $state.raw<ColumnCache | null>(null);
  view = $state<ViewState>({ ...DEFAULT_VIEW });
  loading = $state(true);
  loadError = $state<string | null>(null);
  /** Text of the last notice (import done, link copied, ...), for the status line. */
  notice = $state<string | null>(null);
  /** What an opened link carried that could not be used. */
  ignoredParams = $state.raw<IgnoredParam[]>([]);
  /** The data fingerprint an opened link carried (`fp`), to compare with ours once loaded. */
  linkFingerprint = $state<string | null>(null);
  readonly importFlow: ImportFlow;

  /** Set when another tab upgraded (or deleted) the database: this tab must reload. */
  staleSchema = $state(false);
  /** What closed it: a newer schema, or a deletion. */
  closedBy = $state<ClosedBy>('upgraded');
  private channel: BroadcastChannel | null = null;

  /** Corrections and coding done in the app. */
  readonly edits = new Edits({
    getCache: () => this.cache,
    setCache: (cache) => {
      this.cache = cache;
    },
    rowOf: (id) => this.rowOf(id),
    announceEdits: (edits) => this.channel?.postMessage({ type: 'edited', edits }),
  });

  constructor(makeImport?: ConstructorParameters<typeof ImportFlow>[1]) {
    this.importFlow = new ImportFlow(
      (report, handed) => this.afterImport(report, handed),
      makeImport,
    );
  }

  /** The page's connection was closed under it: ask for a reload (never show the raw error). */
  storeClosed(by: ClosedBy = this.closedBy): void {
    this.closedBy = by;
    this.staleSchema = true;
  }

  /** Tells other tabs the stored datasets changed, so they reload their view of them. */
  private announce(): void {
    this.channel?.postMessage({ type: 'datasets-changed' });
  }

  private listen(): void {
    onVersionChange((by) => this.storeClosed(by));
    if (typeof BroadcastChannel !== 'function') return;
    this.channel = new BroadcastChannel('stance-timeline');
    this.channel.onmessage = (
      e: MessageEvent<{ type?: string; edits?: [string, StatementFields][] }>,
    ) => {
      if (e.data?.type === 'datasets-changed') void this.load();
      else if (e.data?.type === 'edited' && e.data.edits) this.edits.received(e.data.edits);
    };
  }

  filter: Filter = $derived(filterOf(this.view));

  /** Cache positions of the datasets the view is limited to (`ds`), or null for all. */
  private datasetScope = $derived(
    this.cache ? datasetScope(this.cache, this.datasets, this.view.datasets) : null,
  );

  rows: Uint32Array = $derived.by(() => {
    if (!this.cache) return EMPTY;
    const rows = filterRows(this.cache, this.filter);
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  total = $derived.by(() => {
    const cache = this.cache;
    if (!cache) return 0;
    const scope = this.datasetScope;
    if (!scope) return cache.n;
    let n = 0;
    for (let r = 0; r < cache.n; r++) if (scope.has(cache.dataset[r])) n++;
    return n;
  });

  private inScope(rows: Uint32Array): Uint32Array {
    const scope = this.datasetScope!;
    const dataset = this.cache!.dataset;
    return rows.filter((r) => scope.has(dataset[r]));
  }

  /** Rows for the as-of matrix: the filters without the date range (a state needs every
   * statement before it) and without the stances, which the matrix applies to each cell's state
   * as of its date rather than to the statements. */
  matrixRows: Uint32Array = $derived.by(() => {
    if (!this.cache) return EMPTY;
    const rows = filterRows(this.cache, { ...this.filter, from: null, to: null, stances: [] });
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  /** Rows for the timeline: every filter but the date range, which the timeline draws as a
   * highlighted band (a stance stated before From still shows, carried forward). */
  timelineRows: Uint32Array = $derived.by(() => {
    if (!this.cache) return EMPTY;
    if (this.view.from === null && this.view.to === null) return this.rows;
    const rows = filterRows(this.cache, { ...this.filter, from: null, to: null });
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  private lastRowOf: { cache: ColumnCache; id: string; row: number } | null = null;

  /**
   * The cache row of a statement id (-1 when absent). A sweep of the packed id column (1M
   * rows: a few ms), remembered for the last id asked, as several views ask for the selection.
   */
  rowOf(id: string | null): number {
    const cache = this.cache;
    if (!cache || id === null) return -1;
    const last = this.lastRowOf;
    if (last?.cache === cache && last.id === id) return last.row;
    const row = cache.text.find('id', id);
    this.lastRowOf = { cache, id, row };
    return row;
  }

  selectedRow = $derived(this.rowOf(this.view.selected));

  /** Statements carried by the opened link's #fragment, waiting for the user's consent. */
  portable = $state.raw<PortablePayload | null>(null);
  portableError = $state<string | null>(null);

  /** The visible datasets: by content, so the same data in another browser matches. */
  visibleDatasets = $derived(this.datasets.filter((d) => !d.hidden));
  dataFingerprint: string | null = $derived(
    this.visibleDatasets.length === 0
      ? null
      : fingerprint(
          this.visibleDatasets.map((d) => ({
            id: d.fingerprint,
            statementCount: d.statementCount,
          })),
        ),
  );
  /** True when an opened link was made with other data than this browser holds. */
  dataMismatch = $derived(
    !this.loading && this.linkFingerprint !== null && this.linkFingerprint !== this.dataFingerprint,
  );

  onIgnored(ignored: IgnoredParam[]): void {
    this.ignoredParams = ignored;
  }

  onLinkFingerprint(fp: string | null): void {
    this.linkFingerprint = fp;
  }

  /** Opens the store: drops interrupted imports, loads the bundled data into an empty browser. */
  async start(): Promise<void> {
    this.listen();
    try {
      if (hasPortableData(location.hash)) {
        const decoded = await decodePortable(location.hash);
        if ('error' in decoded)
          this.portableError = `This link's statements could not be read: ${decoded.error}.`;
        else this.portable = decoded;
        // A link that carries its data is checked by its content, not by the sender's fingerprint.
        this.linkFingerprint = null;
      }
      await cleanupInterrupted(db());
      let datasets = await readyDatasets(db());
      if (datasets.length === 0 && !seedDismissed() && !this.portable) {
        await this.importSeed();
        datasets = await readyDatasets(db());
      }
      await this.load(datasets);
      void this.requestPersistence().catch(() => undefined);
      // The import worker loads while the page is idle, so a first file's preview needs no wait.
      whenIdle(() => this.importFlow.warm());
    } catch (e) {
      this.loadError = `Could not open the local database: ${(e as Error).message}`;
    } finally {
      this.loading = false;
    }
  }

  private readonly loader = new CacheLoader(
    (loaded) => {
      this.datasets = loaded.datasets;
      this.cache = loaded.cache;
    },
    () => this.storeClosed(),
  );

  /**
   * Reads every visible dataset's chunks and rebuilds the column cache (src/state/loader.ts); a
   * dataset whose chunks an import just handed over (`handed`) is taken from them.
   */
  load(datasets?: DatasetMeta[], handed?: HandedChunks): Promise<void> {
    return this.loader.load(datasets, handed);
  }

  /**
   * Lowercases the searched text in idle slices, so the first keystroke finds it ready. Called
   * when the search field gets focus rather than after every load: at 1M statements the copies
   * hold about 70 MB, which a session that never searches should not pay.
   */
  prepareSearch(): void {
    const cache = this.cache;
    if (cache) void cache.text.prepareSearch(SEARCHED, () => this.cache !== cache);
  }

  /** The user agreed: import the link's statements as a dataset and show the linked view. */
  async acceptPortable(): Promise<void> {
    const payload = this.portable;
    if (!payload) return;
    const file = new File([payloadToCsv(payload)], 'shared-link.csv', { type: 'text/csv' });
    const report = await this.importFlow.importDirect(file, {
      name: payload.name || 'Shared view',
      sourceFile: 'portable link',
      rule: 'statements carried by a link',
    });
    this.portable = null;
    clearFragment();
    await this.load();
    const added = this.datasets.find((d) => d.id === report.datasetId);
    if (added) this.view.datasets = [added.fingerprint];
    this.notice = `${report.summary.added} statements imported from the link${report.summary.duplicates ? `, ${report.summary.duplicates} already here` : ''}.`;
    // Statements of yours the link gives other content for: reviewed, never taken silently.
    if (report.summary.updated > 0) this.importFlow.showReport(report, 'the shared link');
    this.announce();
  }

  /** The user declined: keep the link's view, drop its data. */
  async declinePortable(): Promise<void> {
    this.portable = null;
    clearFragment();
    if (this.datasets.length === 0 && !seedDismissed()) {
      await this.importSeed();
      await this.load();
    }
  }

  /** Loads the bundled example dataset (also the empty state's "restore" button). */
  async importSeed(): Promise<void> {
    localStorage.removeItem(SEED_DISMISSED);
    const response = await fetch(seedUrl);
    const blob = await response.blob();
    const file = new File([blob], 'seed-statements.csv', { type: 'text/csv' });
    await this.importFlow.importDirect(file, {
      name: 'Russia-Ukraine statements, Dec 2024 (example)',
      bundled: true,
    });
  }

  /** The last deleted dataset, held so the deletion can be undone. */
  readonly deleted = new HeldDeletion(async (meta) => {
    if (meta.bundled) localStorage.removeItem(SEED_DISMISSED);
    await this.load();
    this.announce();
  });
  /** Whether the browser agreed to keep our storage under pressure (null: unknown). */
  persisted = $state<boolean | null>(null);

  async removeDataset(id: string): Promise<DeletedDataset | null> {
    const deleted = await deleteWithUndo(db(), id);
    if (deleted?.meta.bundled) localStorage.setItem(SEED_DISMISSED, '1');
    this.deleted.hold(deleted);
    await this.load();
    this.announce();
    return deleted;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await renameDataset(db(), id, trimmed);
    await this.load();
    this.announce();
  }

  async setHidden(id: string, hidden: boolean): Promise<void> {
    await setDatasetHidden(db(), id, hidden);
    await this.load();
    this.announce();
  }

  backup(): Promise<Blob> {
    return createBackup(db());
  }

  async restore(file: Blob): Promise<RestoreResult> {
    const result = await restoreBackup(db(), file);
    await this.load();
    this.announce();
    return result;
  }

  /** Asks the browser to keep the data under storage pressure, and records the answer. */
  async requestPersistence(): Promise<void> {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) return;
    this.persisted = (await storage.persisted()) || (await storage.persist());
  }

  private async afterImport(report: ImportReport, handed: HandedChunks): Promise<void> {
    if (!report.datasetId) return;
    await this.load(undefined, handed);
    this.announce();
  }
}

/** Runs `task` when the page is idle (soon, where the browser cannot tell). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 0);
}

function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

function seedDismissed(): boolean {
  try {
    return localStorage.getItem(SEED_DISMISSED) === '1';
  } catch {
    return false;
  }
}

const KEY = Symbol('app-state');
export const setAppState = (s: AppState) => setContext(KEY, s);
export const appState = () => getContext<AppState>(KEY);
