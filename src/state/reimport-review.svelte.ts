import type { ChangedUnderEdit } from '../db/reimport-edits';
import { diffFields, fieldText, sameFields, takeFileChanges } from '../domain/edits';
import { UpdateReview, type ReviewHost, type ReviewRow } from './update-review.svelte';

export type { ChangedUnderEdit };

/**
 * Datasets -> Re-import of statements that have versions in the app (issue 18): the versions
 * stay laid over the new file, so each statement whose file values changed is reviewed here
 * rather than masked. A row shows what the file changed (before -> file) beside the app's value;
 * applying takes the file's values of those fields as a new version (origin `file`) and keeps
 * the analyst's edits of the others; Keep mine leaves the edit.
 */
export class ReimportReview extends UpdateReview {
  override readonly kind = 'reimport' as const;

  constructor(
    readonly changed: readonly ChangedUnderEdit[],
    fileName: string,
    host: ReviewHost,
  ) {
    super([], 0, fileName, host);
  }

  override async prepare(): Promise<void> {
    const rows: ReviewRow[] = [];
    let same = 0;
    for (const c of this.changed) {
      const after = takeFileChanges(c.before, c.file, c.current);
      // The analyst already made the file's correction: nothing to choose.
      if (sameFields(after, c.current)) {
        same++;
        continue;
      }
      const changes = diffFields(c.before, c.file).map((change) => ({
        ...change,
        yours: fieldText(c.current, change.field),
      }));
      rows.push({
        id: c.id,
        actor: c.current.actor,
        changes,
        before: c.current,
        after,
        conflict: c.edited,
      });
    }
    this.show(rows, 0, same);
  }
}
