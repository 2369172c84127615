import type { DatasetMeta } from '../columnar/chunk';
import type { StanceDB } from './db';
import { eachRowHash } from './store';

/**
 * A re-imported dataset (Datasets -> Re-import) against the version it replaces, by statement
 * id and content hash (src/columnar/content-hash.ts): what the new file added, changed, dropped
 * and left as it was.
 */
export interface VersionChanges {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** A dataset's statement ids with their content hashes. */
export async function hashesOf(
  database: StanceDB,
  meta: DatasetMeta,
): Promise<Map<string, number>> {
  const hashes = new Map<string, number>();
  await eachRowHash(database, meta, (id, hash) => void hashes.set(id, hash));
  return hashes;
}

/**
 * Compares the stored statements of `next` with `before` (the replaced version's `hashesOf`).
 * `{ before: a, b; next: a (same), b (changed), c }` -> `{ added: 1, updated: 1, removed: 0,
 * unchanged: 1 }`.
 */
export async function compareVersions(
  database: StanceDB,
  before: ReadonlyMap<string, number>,
  next: DatasetMeta,
): Promise<VersionChanges> {
  const changes: VersionChanges = { added: 0, updated: 0, removed: 0, unchanged: 0 };
  const seen = new Set<string>();
  await eachRowHash(database, next, (id, hash) => {
    if (seen.has(id)) return;
    seen.add(id);
    const was = before.get(id);
    if (was === undefined) changes.added++;
    else if (was === hash) changes.unchanged++;
    else changes.updated++;
  });
  for (const id of before.keys()) if (!seen.has(id)) changes.removed++;
  return changes;
}
