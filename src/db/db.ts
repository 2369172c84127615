import Dexie, { type Table } from 'dexie';
import type { DatasetMeta, StatementChunk } from '../columnar/chunk';
import type { StatementVersion } from '../domain/edits';
import { declareSchema, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const DB_NAME = 'stance-timeline';

/**
 * The one Dexie class. Statements live in columnar chunks keyed by [datasetId+chunk], which
 * write at >1M rows/s against 4-5k for a record per statement (docs/performance.md,
 * "columnar/chunk.ts"). A dataset row is shown only once its status is `ready`.
 */
export class StanceDB extends Dexie {
  datasets!: Table<DatasetMeta, string>;
  chunks!: Table<StatementChunk, [string, number]>;
  /** Versions of statements corrected in the app (src/db/edits.ts). */
  edits!: Table<StatementVersion, [string, number]>;

  /**
   * `versions` are the released schemas (src/db/schema.ts); a test passes a longer list to try a
   * future upgrade on data written under the old ones.
   */
  constructor(name = DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    declareSchema(this, versions);
  }
}

/** Why another tab closed our connection: it opened a newer schema, or deleted the database. */
export type ClosedBy = 'upgraded' | 'deleted';

/**
 * A connection kept open for long: when another tab opens a newer schema (or deletes the
 * database) it closes at once, so the other tab is never blocked, and `onClosed` is told why.
 */
export function keptConnection(onClosed: (by: ClosedBy) => void): StanceDB {
  const opened = new StanceDB();
  opened.on('versionchange', (event: IDBVersionChangeEvent) => {
    opened.close();
    // A deletion asks for no new version.
    onClosed(event?.newVersion === null ? 'deleted' : 'upgraded');
    return false;
  });
  return opened;
}

let instance: StanceDB | null = null;
let versionChangeListener: ((by: ClosedBy) => void) | null = null;

/**
 * The page's single connection (each import worker keeps its own), closed when another tab
 * upgrades the schema; the listener is told so the page can ask for a reload.
 */
export function db(): StanceDB {
  instance ??= keptConnection((by) => versionChangeListener?.(by));
  return instance;
}

export function onVersionChange(listener: (by: ClosedBy) => void): void {
  versionChangeListener = listener;
}

/** For tests: forget the shared connection so the next `db()` opens a fresh one. */
export function resetDbForTests(): void {
  instance?.close();
  instance = null;
}
