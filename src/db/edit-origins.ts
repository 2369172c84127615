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
