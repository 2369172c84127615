/**
 * Every released IndexedDB schema of the app, oldest first. A released version is frozen: a
 * change of stores is a new entry with its own upgrade, never an edit of an old one, because a
 * browser that still holds data written under version 1 must open under every later version with
 * nothing lost (tests/unit/db/upgrade.test.ts builds a version 1 database from `SCHEMA_V1` and
 * opens it with the current class).
 */
import type { Transaction } from 'dexie';
import { packColumn } from '../columnar/packed';

/** One schema version: Dexie's store definitions and, when data must move, an upgrade. */
export interface SchemaVersion {
  version: number;
  /** Dexie `stores()` syntax: primary key first, then indexes; `null` deletes a store. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * The first released schema: datasets by id (looked up by status and import time) and columnar
 * statement chunks keyed by `[datasetId+chunk]`, also found by dataset.
 */
export const SCHEMA_V1: SchemaVersion = Object.freeze({
  version: 1,
  stores: Object.freeze({
    datasets: 'id, status, importedAt',
    chunks: '[datasetId+chunk], datasetId',
  }),
});

/**
 * Version 1 chunks kept each text column as an array of strings; version 2 keeps it packed into
 * one string with end offsets (src/columnar/packed.ts: IndexedDB clones one string instead of one
 * per row, so imports write and reloads read several times faster). Same stores; the upgrade
 * packs every stored chunk, so version 1 data opens with every statement and text kept.
 * `{ id: ['a', 'bc'] }` -> `{ id: { chars: 'abc', ends: [1, 3] } }`.
 */
export const SCHEMA_V2: SchemaVersion = Object.freeze({
  version: 2,
  stores: SCHEMA_V1.stores,
  upgrade: async (tx: Transaction) => {
    await tx
      .table('chunks')
      .toCollection()
      .modify((chunk: { text: Record<string, unknown> }) => {
        for (const [col, values] of Object.entries(chunk.text)) {
          if (Array.isArray(values)) chunk.text[col] = packColumn(values as string[]);
        }
      });
  },
});

/**
 * Version 3 adds the versions of statements corrected or coded in the app (src/db/edits.ts),
 * keyed by `[id+version]` and found by statement id. Chunks keep the file's values.
 */
export const SCHEMA_V3: SchemaVersion = Object.freeze({
  version: 3,
  stores: Object.freeze({ ...SCHEMA_V2.stores, edits: '[id+version], id' }),
});

/** The schema versions the app declares, oldest first; the last is the current one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = Object.freeze([
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
]);

/** The minimal part of Dexie that `declareSchema` needs (so a test can pass any Dexie). */
interface Versioned {
  version(n: number): {
    stores(s: Record<string, string | null>): {
      upgrade(fn: (tx: Transaction) => Promise<void> | void): unknown;
    };
  };
}

/**
 * Declares `versions` on a Dexie instance, in order, with their upgrades.
 * `declareSchema(new Dexie('x'), [SCHEMA_V1])` -> the instance opens at version 1 with the
 * `datasets` and `chunks` stores.
 */
export function declareSchema(database: Versioned, versions: readonly SchemaVersion[]): void {
  for (const v of versions) {
    const declared = database.version(v.version).stores({ ...v.stores });
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
