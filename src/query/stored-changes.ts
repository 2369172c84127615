import { diffFields, fieldsOf, sameFields, type FieldChange } from '../domain/edits';
import type { StatementFields } from '../domain/edits';
import type { StatementRecord } from '../domain/types';
import { fieldsAt } from './edit-overlay';
import type { ColumnCache } from './types';

/**
 * A file's rows against the statements the cache holds, before importing (issue 18): which rows
 * carry the id of a stored statement with other content, and what they would change.
 */

/** One stored statement a file's row would update. */
export interface StoredChange {
  id: string;
  actor: string;
  /** Field by field: before = as the app shows it now, after = the file's. */
  changes: FieldChange[];
  /** The analyst changed it in the app: the import offers the file's values as a conflict. */
  edited: boolean;
}

/** What is known of a statement with versions (src/db/edit-origins.ts). */
export interface VersionedStatement {
  /** The file values its versions are laid over. */
  stored: StatementFields;
  edited: boolean;
}

/**
 * Adds to `into` the first cache row of each `wanted` id among rows [from, to): a sweep of the
 * id column cut into slices, so a caller can yield between them.
 */
export function findIds(
  cache: ColumnCache,
  wanted: ReadonlySet<string>,
  from: number,
  to: number,
  into: Map<string, number>,
): void {
  for (let r = from; r < to && into.size < wanted.size; r++) {
    const id = cache.text.get('id', r);
    if (wanted.has(id) && !into.has(id)) into.set(id, r);
  }
}

/** A file's fields as the store keeps them (a confidence as float32). */
function fileFields(record: StatementRecord): StatementFields {
  const f = fieldsOf(record);
  return { ...f, confidence: Math.fround(f.confidence) };
}

/**
 * The records (first per id) that are updates, as the import counts them: the id is stored with
 * other file values. Listed only when the app does not already show the file's values.
 * `rows`: each found id's cache row; `versioned`: the ids with versions; `seen`: ids already
 * compared (a caller going through the records in parts passes the same set each time).
 */
export function storedChanges(
  cache: ColumnCache,
  records: readonly StatementRecord[],
  rows: ReadonlyMap<string, number>,
  versioned: ReadonlyMap<string, VersionedStatement>,
  seen = new Set<string>(),
): StoredChange[] {
  const out: StoredChange[] = [];
  for (const record of records) {
    const row = rows.get(record.id);
    if (row === undefined || seen.has(record.id)) continue;
    seen.add(record.id);
    const file = fileFields(record);
    const current = fieldsAt(cache, row);
    const v = versioned.get(record.id);
    // The same file values: a duplicate, and any edit made in the app stays.
    if (sameFields(v ? v.stored : current, file)) continue;
    const changes = diffFields(current, file);
    if (changes.length === 0) continue;
    out.push({ id: record.id, actor: current.actor, changes, edited: v?.edited ?? false });
  }
  return out;
}
