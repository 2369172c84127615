import type { DatasetMeta } from '../columnar/chunk';
import { chunkRowFields } from '../columnar/row-fields';
import { sameFields, type StatementFields } from '../domain/edits';
import type { StanceDB } from './db';
import { eachRow } from './store';

/**
 * Datasets -> Re-import under versions made in the app (issue 18): the versions are laid over
 * the new file's values, so a statement the new file changed and the analyst had edited would
 * keep showing the edit, and the file's change would go unseen. These are found here, for the
 * report to offer as conflicts.
 */

/** A statement with versions whose file values the re-import changed. */
export interface ChangedUnderEdit {
  id: string;
  /** The replaced version's values (the file as it was). */
  before: StatementFields;
  /** The new file's values. */
  file: StatementFields;
  /** Its latest version: what the app shows. */
  current: StatementFields;
  /** The analyst made one of its versions (an edit or an undo), not only applied file updates. */
  edited: boolean;
}

/** The replaced dataset's statements that have versions, read before it is deleted. */
export interface VersionedRows {
  latest: Map<string, { current: StatementFields; edited: boolean }>;
  before: Map<string, StatementFields>;
}

/** The latest version of each statement that has versions, and whether the analyst made one. */
async function latestVersions(database: StanceDB): Promise<VersionedRows['latest']> {
  const latest: VersionedRows['latest'] = new Map();
  // Key order is (id, version): the last one read for an id is its latest.
  await database.edits.each((v) => {
    const edited = (latest.get(v.id)?.edited ?? false) || v.origin !== 'file';
    latest.set(v.id, { current: v.after, edited });
  });
  return latest;
}

/** The file values of `replaced`'s statements that have versions; null when none has. */
export async function versionedRows(
  database: StanceDB,
  replaced: DatasetMeta,
): Promise<VersionedRows | null> {
  if ((await database.edits.count()) === 0) return null;
  const latest = await latestVersions(database);
  const before = new Map<string, StatementFields>();
  await eachRow(database, replaced, (id, chunk, i, names) => {
    if (latest.has(id) && !before.has(id)) before.set(id, chunkRowFields(chunk, i, names));
  });
  return before.size > 0 ? { latest, before } : null;
}

/**
 * The statements of `next` (the new version) that have versions and whose file values differ
 * from the replaced version's, in the new file's order.
 * `{ before: s1 stance -2 (edited to 0 in the app); next: s1 stance -1 }` -> `[{ id: 's1',
 * before: -2.., file: -1.., current: 0.., edited: true }]`.
 */
export async function changedUnderEdits(
  database: StanceDB,
  rows: VersionedRows,
  next: DatasetMeta,
): Promise<ChangedUnderEdit[]> {
  const out: ChangedUnderEdit[] = [];
  const seen = new Set<string>();
  await eachRow(database, next, (id, chunk, i, names) => {
    const before = rows.before.get(id);
    if (!before || seen.has(id)) return;
    seen.add(id);
    const file = chunkRowFields(chunk, i, names);
    if (sameFields(before, file)) return;
    const { current, edited } = rows.latest.get(id)!;
    out.push({ id, before, file, current, edited });
  });
  return out;
}
