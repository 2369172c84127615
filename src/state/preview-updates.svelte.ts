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

/** Rows of the id column swept per task: a slice took about 7 ms in Node (median, 1M rows). */
const SLICE = 50_000;

/** What the check needs of the app: the versions of statements edited in it. */
export interface PreviewUpdatesHost {
  versioned(ids: readonly string[]): Promise<ReadonlyMap<string, VersionedStatement>>;
}

export const previewUpdatesHost: PreviewUpdatesHost = {
  versioned: (ids) => storedUnderVersions(db(), ids),
};

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
    const wanted = new Set(preview.records.map((r) => r.id));
    const rows = new Map<string, number>();
    if (cache) {
      for (let from = 0; from < cache.n && rows.size < wanted.size; from += SLICE) {
        if (from > 0) await nextTask();
        if (asked !== this.asked) return;
        findIds(cache, wanted, from, Math.min(cache.n, from + SLICE), rows);
      }
    }
    const versioned = rows.size > 0 ? await this.host.versioned([...rows.keys()]) : new Map();
    if (asked !== this.asked) return;
    this.changes = cache ? storedChanges(cache, preview.records, rows, versioned) : [];
    this.rows = preview.recordRows;
    this.wholeFile = preview.wholeFile;
  }

  /** Stops a running check (the preview closed). */
  stop(): void {
    this.asked++;
  }
}
