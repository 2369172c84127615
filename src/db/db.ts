import Dexie, { type Table } from 'dexie';
import type { DatasetMeta, StatementChunk } from '../domain/columns';

export const DB_NAME = 'stance-timeline';

/**
 * The one Dexie class. Statements live in columnar chunks keyed by [datasetId+chunk]
 * (DESIGN.md: chunk records write at >1M rows/s where one record per statement with five
 * indexes managed 4-5k rows/s). A dataset row is shown only once its status is `ready`.
 */
export class StanceDB extends Dexie {
  datasets!: Table<DatasetMeta, string>;
  chunks!: Table<StatementChunk, [string, number]>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1 is the first released schema; later versions add upgrades below it, never edit it.
    this.version(1).stores({
      datasets: 'id, status, importedAt',
      chunks: '[datasetId+chunk], datasetId',
    });
  }
}

let instance: StanceDB | null = null;
let versionChangeListener: (() => void) | null = null;

/**
 * The page's single connection (the import worker opens its own). When another tab opens a
 * newer schema, this connection closes at once so the upgrade is never blocked, and the
 * listener is told so the page can ask for a reload.
 */
export function db(): StanceDB {
  if (!instance) {
    const opened = new StanceDB();
    opened.on('versionchange', () => {
      opened.close();
      versionChangeListener?.();
      return false;
    });
    instance = opened;
  }
  return instance;
}

export function onVersionChange(listener: () => void): void {
  versionChangeListener = listener;
}

/** For tests: forget the shared connection so the next `db()` opens a fresh one. */
export function resetDbForTests(): void {
  instance?.close();
  instance = null;
}
