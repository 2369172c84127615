import { getContext, setContext } from 'svelte';
import { db, onVersionChange, type ClosedBy } from '../db/db';
import type { ImportReport } from '../ingest/protocol';
import type { HandedChunks } from '../db/handover';
import { cleanupInterrupted, readyDatasets } from '../db/store';
import type { DatasetMeta } from '../columnar/chunk';
import { SEARCHED } from '../query/filter';
import type { ColumnCache } from '../query/types';
import { hasPortableData, payloadToCsv } from '../export/share';
import { fingerprint } from '../url/fingerprint';
import { decodePortable, type PortablePayload } from '../url/portable';
import type { IgnoredParam } from '../url/query-string';
import { DEFAULT_VIEW, type ViewState } from '../url/view-state';
import { ImportFlow } from './import.svelte';
import { ViewRows } from './view-rows.svelte';
import { Edits } from './edits.svelte';
import type { StatementFields } from '../domain/edits';
import { DatasetActions } from './dataset-actions.svelte';
import { forgetSeedDismissed, seedDismissed } from './seed';
import { CacheLoader } from './loader';
import seedUrl from '../../data/seed-statements.csv?url';

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

  /** The rows the filters and the dataset scope keep, for each view, and the selected row. */
  readonly inView = new ViewRows({
    cache: () => this.cache,
    datasets: () => this.datasets,
    view: () => this.view,
  });

  /** The cache row of a statement id (-1 when absent). */
  rowOf(id: string | null): number {
    return this.inView.rowOf(id);
  }

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
      void this.datasetActions.requestPersistence().catch(() => undefined);
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
    forgetSeedDismissed();
    const response = await fetch(seedUrl);
    const blob = await response.blob();
    const file = new File([blob], 'seed-statements.csv', { type: 'text/csv' });
    await this.importFlow.importDirect(file, {
      name: 'Russia-Ukraine statements, Dec 2024 (example)',
      bundled: true,
    });
  }

  /** Delete (with undo), rename, hide, back up and restore: the Datasets dialog's actions. */
  readonly datasetActions = new DatasetActions({
    load: () => this.load(),
    announce: () => this.announce(),
  });

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

const KEY = Symbol('app-state');
export const setAppState = (s: AppState) => setContext(KEY, s);
export const appState = () => getContext<AppState>(KEY);
