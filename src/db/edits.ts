import type { EditOrigin, StatementFields, StatementVersion } from '../domain/edits';
import type { StanceDB } from './db';

/**
 * The versions of statements corrected or coded in the app. Each save adds a version (the
 * fields before and after, the time, a note); nothing is overwritten, so the history is whole
 * and an undo is one more version.
 */

/** One change to save: a statement's fields before and after. */
export interface EditInput {
  id: string;
  before: StatementFields;
  after: StatementFields;
  origin: EditOrigin;
  note?: string;
}

/**
 * Saves the changes as the next version of each statement, all in one transaction, and returns
 * the versions written. `at` is the save time for all of them.
 */
export async function saveVersions(
  database: StanceDB,
  changes: readonly EditInput[],
  at = new Date().toISOString(),
): Promise<StatementVersion[]> {
  return database.transaction('rw', database.edits, async () => {
    const written: StatementVersion[] = [];
    const next = new Map<string, number>();
    for (const change of changes) {
      let version = next.get(change.id);
      if (version === undefined) {
        const last = await database.edits
          .where('[id+version]')
          .between([change.id, 0], [change.id, Infinity])
          .last();
        version = (last?.version ?? 0) + 1;
      }
      next.set(change.id, version + 1);
      written.push({
        id: change.id,
        version,
        at,
        origin: change.origin,
        note: change.note ?? '',
        before: { ...change.before },
        after: { ...change.after },
      });
    }
    await database.edits.bulkAdd(written);
    return written;
  });
}

/** Every version of one statement, oldest first. */
export async function historyOf(database: StanceDB, id: string): Promise<StatementVersion[]> {
  return database.edits.where('[id+version]').between([id, 0], [id, Infinity]).toArray();
}

/** The latest fields of every statement edited in the app, by id. */
export async function latestFields(database: StanceDB): Promise<Map<string, StatementFields>> {
  const latest = new Map<string, StatementFields>();
  // Key order is (id, version): the last one read for an id is its latest.
  await database.edits.each((v) => void latest.set(v.id, v.after));
  return latest;
}

/** How many statements have versions, and how many versions there are. */
export async function editCounts(
  database: StanceDB,
): Promise<{ statements: number; versions: number }> {
  const versions = await database.edits.count();
  const ids = await database.edits.orderBy('id').uniqueKeys();
  return { statements: ids.length, versions };
}

/** Every stored version, for a backup. */
export function allVersions(database: StanceDB): Promise<StatementVersion[]> {
  return database.edits.toArray();
}
