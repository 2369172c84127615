import { createContext } from 'svelte';
import { db } from '../db/db';
import type { ImportReport } from '../ingest/protocol';
import type { HandedChunks } from '../db/handover';
import { cleanupInterrupted, readyDatasets } from '../db/store';
import type { DatasetMeta } from '../columnar/chunk';
import { SEARCHED } from '../query/filter';
import type { ColumnCache } from '../query/types';
import { DEFAULT_VIEW, type ViewState } from '../url/view-state';
import { ImportFlow } from './import.svelte';
import { ViewRows } from './view-rows.svelte';
import { Edits } from './edits.svelte';
import { DatasetActions } from './dataset-actions.svelte';
import { LinkState, setLinks } from './links.svelte';
import { OtherTabs } from './other-tabs.svelte';
import { importSeed, seedDismissed } from './seed';
import { CacheLoader } from './loader';

/**
 * The app's shared state: the stored datasets, the column cache over them and the view (which
 * mirrors the URL), with the parts that act on them (rows in view, edits, dataset actions, links,
 * other tabs). Views read it through `getAppState()`.
 */
export class AppState {
  datasets = $state.raw<DatasetMeta[]>([]);
  cache = $state.raw<ColumnCache | null>(null);
  view = $state<ViewState>({ ...DEFAULT_VIEW });
  loading = $state(true);
  loadError = $state<string | null>(null);
  /** Text of the last notice (import done, link copied, ...), for the status line. */
  notice = $state<string | null>(null);
  readonly importFlow: ImportFlow;

  /** Other tabs on the same store: their changes, and a database closed under this one. */
  readonly tabs = new OtherTabs();

  /** Corrections and coding done in the app. */
  readonly edits = new Edits({
    getCache: () => this.cache,
    setCache: (cache) => {
      this.cache = cache;
    },
    rowOf: (id) => this.rowOf(id),
    announceEdits: (edits) => this.tabs.edited(edits),
  });

  /** The rows the filters and the dataset scope keep, for each view, and the selected row. */
  readonly inView = new ViewRows({
    cache: () => this.cache,
    datasets: () => this.datasets,
    view: () => this.view,
  });

  /** The fingerprint links carry, and what an opened link carried. */
  readonly links = new LinkState({
    datasets: () => this.datasets,
    loading: () => this.loading,
    importFlow: () => this.importFlow,
    load: () => this.load(),
    importSeed: () => this.importSeed(),
    showDataset: (fingerprint) => {
      this.view.datasets = [fingerprint];
    },
    notify: (text) => {
      this.notice = text;
    },
    announce: () => this.tabs.datasetsChanged(),
  });

  /** Delete (with undo), rename, hide, back up and restore: the Datasets dialog's actions. */
  readonly datasetActions = new DatasetActions({
    load: () => this.load(),
    announce: () => this.tabs.datasetsChanged(),
  });

  private readonly loader = new CacheLoader(
    (loaded) => {
      this.datasets = loaded.datasets;
      this.cache = loaded.cache;
    },
    () => this.tabs.storeClosed(),
  );

  constructor(makeImport?: ConstructorParameters<typeof ImportFlow>[1]) {
    this.importFlow = new ImportFlow(
      (report, handed) => this.afterImport(report, handed),
      makeImport,
    );
  }

  /** The cache row of a statement id (-1 when absent). */
  rowOf(id: string | null): number {
    return this.inView.rowOf(id);
  }

  /** Opens the store: drops interrupted imports, loads the bundled data into an empty browser. */
  async start(): Promise<void> {
    this.tabs.listen({
      datasetsChanged: () => void this.load(),
      edited: (edits) => this.edits.received(edits),
    });
    try {
      await this.links.readFragment(location.hash);
      await cleanupInterrupted(db());
      let datasets = await readyDatasets(db());
      if (datasets.length === 0 && !seedDismissed() && !this.links.portable) {
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

  /** Loads the bundled example dataset (also the empty state's "restore" button). */
  importSeed(): Promise<void> {
    return importSeed(this.importFlow);
  }

  private async afterImport(report: ImportReport, handed: HandedChunks): Promise<void> {
    if (!report.datasetId) return;
    await this.load(undefined, handed);
    this.tabs.datasetsChanged();
  }
}

/** Runs `task` when the page is idle (soon, where the browser cannot tell). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 0);
}

const [getApp, setApp, hasApp] = createContext<AppState>();

/** The app's state, for the views inside the app (throws outside one). */
export const getAppState = getApp;

/** The app's state, or undefined in a view rendered without the app (a panel a test mounts). */
export const appState = (): AppState | undefined => (hasApp() ? getApp() : undefined);

/** Gives the views under the calling component the app's state and its links. */
export function provideAppState(app: AppState): void {
  setApp(app);
  setLinks(app.links);
}
