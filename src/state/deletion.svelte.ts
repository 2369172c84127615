import { backupOfDeleted } from '../db/backup';
import { db } from '../db/db';
import { isQuotaError } from '../db/errors';
import { undoDelete, type DeletedDataset } from '../db/store';
import type { DatasetMeta } from '../columnar/chunk';

/**
 * The last deleted dataset, held in memory so the deletion can be undone. It is let go only once
 * Undo has written it back or the user gives up (`forget`): an Undo that fails (a full disk)
 * says why and keeps it, with a backup file of it to download.
 */
export class HeldDeletion {
  dataset = $state.raw<DeletedDataset | null>(null);
  /** Why the last Undo could not be written, or null. */
  error = $state<string | null>(null);

  /** `restored` runs once a deleted dataset is back (reload the views, tell other tabs). */
  constructor(private readonly restored: (meta: DatasetMeta) => Promise<void>) {}

  /** Holds a newly deleted dataset (the one before it can no longer be undone). */
  hold(deleted: DeletedDataset | null): void {
    this.dataset = deleted;
    this.error = null;
  }

  /** Puts the held dataset back; resolves true once it is, false (with `error`) when not. */
  async undo(): Promise<boolean> {
    const deleted = this.dataset;
    if (!deleted) return false;
    try {
      await undoDelete(db(), deleted);
    } catch (e) {
      this.error = undoFailure(deleted.meta.name, e);
      return false;
    }
    this.hold(null);
    await this.restored(deleted.meta);
    return true;
  }

  /** The user gave up on the deleted dataset: let its data go. */
  forget(): void {
    this.hold(null);
  }

  /** A backup file of the held dataset (restorable from the Datasets dialog), or null. */
  backup(): Promise<Blob> | null {
    return this.dataset ? backupOfDeleted(this.dataset) : null;
  }
}

/** What an Undo that could not be written tells the user: why, and what can still be done. */
export function undoFailure(name: string, e: unknown): string {
  const why = isQuotaError(e)
    ? 'the browser has no room left to store it again (storage quota exceeded)'
    : `it could not be stored again (${(e as Error | null)?.message ?? String(e)})`;
  return `Undo failed: ${why}. "${name}" is still held in this tab: download it as a backup file, or free space (delete another dataset) and press Undo again.`;
}
