import { db } from '../db/db';
import { latestFields } from '../db/edits';
import { isClosedError } from '../db/errors';
import type { HandedChunks } from '../db/handover';
import { datasetChunks, readyDatasets } from '../db/store';
import type { DatasetMeta } from '../columnar/chunk';
import { buildCacheAsync, type CachePart } from '../query/cache';
import { applyEdits } from '../query/edit-overlay';
import { pairIndex } from '../query/steps';
import { affiliationGroups } from '../query/affiliation-groups';
import type { ColumnCache } from '../query/types';

/** Yields to the event loop: a macrotask, so input and painting get their turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/** Datasets of at most this many statements keep their chunks in memory between loads. */
export const KEEP_ROWS = 20_000;

/** What a load hands the app: the ready datasets and the column cache over the visible ones. */
export interface Loaded {
  datasets: DatasetMeta[];
  cache: ColumnCache | null;
}

/**
 * Loads the column cache from the store: reads every visible dataset's chunks (or takes those an
 * import handed over, or those kept from the last load), builds the cache in slices with yields
 * between them so a 1M-row load never blocks the page for long, lays the app's edits over it,
 * and hands the result over unless a newer load overtook it.
 */
export class CacheLoader {
  constructor(
    private readonly apply: (loaded: Loaded) => void,
    private readonly onClosed: () => void,
  ) {}

  /**
   * The chunks of the small datasets last loaded (the bundled one, say), so the load after an
   * import does not read them back from the store: two IndexedDB round trips each, 7-12 ms of a
   * 100k-row import's 0.15 s from report to drawn in a Chromium trace. Stored chunks do not
   * change once a dataset is ready, so the same id, import time and counts mean the same chunks.
   */
  private small = new Map<string, CachePart>();

  private keptChunks(meta: DatasetMeta): CachePart['chunks'] | undefined {
    const kept = this.small.get(meta.id);
    if (!kept) return undefined;
    const k = kept.meta;
    const same =
      k.importedAt === meta.importedAt &&
      k.statementCount === meta.statementCount &&
      k.chunkCount === meta.chunkCount;
    return same ? kept.chunks : undefined;
  }

  /** Counts loads, so a load overtaken by a newer one (another tab's change) drops its result. */
  private loadSeq = 0;
  private latestLoad: Promise<void> = Promise.resolve();

  /** Starts a load; resolves once its result (or a newer load's) is in place. */
  load(datasets?: DatasetMeta[], handed?: HandedChunks): Promise<void> {
    const seq = ++this.loadSeq;
    const loading = this.loadOnce(seq, datasets, handed).catch((e: unknown) => {
      // Another tab deleted or upgraded the database: the banner asks for a reload.
      if (!isClosedError(e)) throw e;
      this.onClosed();
    });
    this.latestLoad = loading;
    return loading;
  }

  private async loadOnce(
    seq: number,
    datasets?: DatasetMeta[],
    handed?: HandedChunks,
  ): Promise<void> {
    const all = datasets ?? (await readyDatasets(db()));
    // This task's start: taking handed chunks (remapping a second worker's codes) is work the
    // cache build's first slice must count, or the two together make a long task at 1M rows.
    let taskStart = performance.now();
    const visible = all.filter((d) => !d.hidden);
    const parts: CachePart[] = [];
    const small = new Map<string, CachePart>();
    for (const meta of visible) {
      let chunks = handed?.take(meta) ?? this.keptChunks(meta);
      if (!chunks) {
        chunks = await datasetChunks(db(), meta);
        taskStart = performance.now();
      }
      parts.push({ meta, chunks });
      if (meta.statementCount <= KEEP_ROWS) small.set(meta.id, { meta, chunks });
    }
    let cache = parts.length > 0 ? await buildCacheAsync(parts, undefined, taskStart) : null;
    if (cache) {
      // Read last, so a version saved while the chunks were read is in.
      const edited = await latestFields(db());
      if (edited.size > 0) {
        await nextTask();
        cache = applyEdits(cache, edited);
      }
      // Each in a task of its own, so the first draw's task does not also carry them (1M rows:
      // the last cache slice ~30 ms, the pair index ~20 ms).
      await nextTask();
      pairIndex(cache);
      await nextTask();
      // The matrix's affiliation series too (111,000 actors x 5,000 topics: ~40 ms of its first draw).
      affiliationGroups(cache);
      await nextTask();
    }
    // Overtaken: the newer load's result stands; callers still wait until it is in place.
    if (seq !== this.loadSeq) return this.latestLoad;
    this.small = small;
    this.apply({ datasets: all, cache });
  }
}
