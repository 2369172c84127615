import { db } from '../db/db';
import { storedUnderVersions } from '../db/edit-origins';
import type { Preview } from '../ingest/preview';
import {
  findIds,
  storedChanges,
  type StoredChange,
  type VersionedStatement,
} from '../query/stored-changes';
import type { ColumnCache } from '../query/types';

/**
 * The preview's word on updates (issue 18): of the rows previewed, those whose id the app
 * already holds with other content, field by field, so the analyst knows before importing
 * that the file updates statements. Compared on the page, against the column cache.
 */

/**
 * Work is done in small steps, yielding to the page every TASK_MS: sweeping 50,000 ids in one
 * task took 80-290 ms in Chromium on a busy machine here, a step of 2,000 up to 20 ms.
 */
const TASK_MS = 8;
const ROW_STEP = 500;
const RECORD_STEP = 50;

/** What the check needs of the app: the versions of statements edited in it. */
export interface PreviewUpdatesHost {
  versioned(ids: readonly string[]): Promise<ReadonlyMap<string, VersionedStatement>>;
}

export const previewUpdatesHost: PreviewUpdatesHost = {
  versioned: (ids) => storedUnderVersions(db(), ids),
};

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Runs `step` (which returns false when done) until done, yielding to the page every TASK_MS;
 * false when `stale()` says a later check overtook this one.
 */
async function inTasks(step: () => boolean, stale: () => boolean): Promise<boolean> {
  for (;;) {
    const until = performance.now() + TASK_MS;
    while (performance.now() < until) if (!step()) return !stale();
    await nextTask();
    if (stale()) return false;
  }
}

export class PreviewUpdates {
  /** The statements the previewed rows would update; null while comparing. */
  changes = $state.raw<StoredChange[] | null>(null);
  /** The data rows compared (the preview's records were read from). */
  rows = $state(0);
  /** Whether those were the whole file. */
  wholeFile = $state(false);
  private asked = 0;

  constructor(private readonly host: PreviewUpdatesHost = previewUpdatesHost) {}

  /** Compares the preview's records with `cache`; a later call overtakes an earlier one. */
  async check(preview: Preview, cache: ColumnCache | null): Promise<void> {
    const asked = ++this.asked;
    this.changes = null;
    const stale = () => asked !== this.asked;
    const { records } = preview;
    const wanted = new Set(records.map((r) => r.id));
    const rows = new Map<string, number>();
    let from = 0;
    const sweep = () => {
      if (!cache || from >= cache.n || rows.size === wanted.size) return false;
      findIds(cache, wanted, from, Math.min(cache.n, from + ROW_STEP), rows);
      from += ROW_STEP;
      return true;
    };
    if (!(await inTasks(sweep, stale))) return;
    const versioned = rows.size > 0 ? await this.host.versioned([...rows.keys()]) : new Map();
    if (stale()) return;
    const changes: StoredChange[] = [];
    const seen = new Set<string>();
    let at = 0;
    const compare = () => {
      if (!cache || at >= records.length) return false;
      const part = records.slice(at, at + RECORD_STEP);
      changes.push(...storedChanges(cache, part, rows, versioned, seen));
      at += RECORD_STEP;
      return true;
    };
    if (rows.size > 0 && !(await inTasks(compare, stale))) return;
    this.changes = changes;
    this.rows = preview.recordRows;
    this.wholeFile = preview.wholeFile;
  }

  /** Stops a running check (the preview closed). */
  stop(): void {
    this.asked++;
  }
}
