import { contentHash } from '../columnar/content-hash';
import { fieldsOf } from '../domain/edits';
import type { StatementRecord } from '../domain/types';

/**
 * Re-imported rows whose id is stored with other content: updates to review, not duplicates.
 * The file's record is kept for the report, up to MAX_KEPT_UPDATES of them; the
 * count is always whole.
 */

/** Enough for any real correction round, bounded for a pathological file. */
export const MAX_KEPT_UPDATES = 50_000;

/** What the stored statements are known by: their ids, with content hashes where known. */
export type KnownStatements = ReadonlySet<string> | ReadonlyMap<string, number>;

/**
 * Whether `record`, whose id is stored, is an update: its editable fields differ from the
 * stored ones. Ids known without a hash (a plain set) are always duplicates.
 * `isUpdate(record, new Map([[record.id, contentHash(fieldsOf(record))]]))` -> false.
 */
export function isUpdate(record: StatementRecord, known: KnownStatements): boolean {
  if (!(known instanceof Map)) return false;
  const stored = known.get(record.id);
  return stored !== undefined && stored !== contentHash(fieldsOf(record));
}

/** Adds updates to a list until it holds MAX_KEPT_UPDATES. */
export function keepUpdates(into: StatementRecord[], found: readonly StatementRecord[]): void {
  for (const record of found) if (into.length < MAX_KEPT_UPDATES) into.push(record);
}
