import type { StatementFields } from '../domain/edits';
import type { StanceDB } from './db';

/**
 * Which of `ids` the analyst changed in the app (a version saved in the app, or an undo): a
 * file update of such a statement is a conflict to review, never applied silently.
 */
export async function editedInApp(
  database: StanceDB,
  ids: readonly string[],
): Promise<Set<string>> {
  const wanted = new Set(ids);
  const edited = new Set<string>();
  if (wanted.size === 0) return edited;
  await database.edits.each((v) => {
    if (v.origin !== 'file' && wanted.has(v.id)) edited.add(v.id);
  });
  return edited;
}

/** A statement's file values as stored under its versions, and whether the analyst made one. */
export interface StoredUnderVersions {
  stored: StatementFields;
  edited: boolean;
}

/**
 * Of `ids`, those with versions: the values their first version replaced (the file's, as stored
 * then) and whether one was made in the app. An import compares a file's row with the stored
 * values, not with the versions laid over them.
 */
export async function storedUnderVersions(
  database: StanceDB,
  ids: Iterable<string>,
): Promise<Map<string, StoredUnderVersions>> {
  const wanted = new Set(ids);
  const out = new Map<string, StoredUnderVersions>();
  if (wanted.size === 0) return out;
  // Key order is (id, version): the first one read for an id is its first version.
  await database.edits.each((v) => {
    if (!wanted.has(v.id)) return;
    const was = out.get(v.id);
    if (was) was.edited ||= v.origin !== 'file';
    else out.set(v.id, { stored: v.before, edited: v.origin !== 'file' });
  });
  return out;
}
