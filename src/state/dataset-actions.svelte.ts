import { createBackup, restoreBackup, type RestoreResult } from '../db/backup';
import { db } from '../db/db';
import { deleteWithUndo, renameDataset, setDatasetHidden, type DeletedDataset } from '../db/store';
import { HeldDeletion } from './deletion.svelte';
import { dismissSeed, forgetSeedDismissed } from './seed';

/** What the actions need of the app: to load the stored datasets again and tell other tabs. */
export interface DatasetHost {
  load(): Promise<void>;
  announce(): void;
}

/**
 * The Datasets dialog's actions on stored datasets: delete (held for undo), rename, hide, back
 * up, restore, and the browser's answer to keeping the data under storage pressure. Each change
 * reloads the views and tells other tabs.
 */
export class DatasetActions {
  /** The last deleted dataset, held so the deletion can be undone. */
  readonly deleted: HeldDeletion;
  /** Whether the browser agreed to keep our storage under pressure (null: unknown). */
  persisted = $state<boolean | null>(null);

  constructor(private readonly host: DatasetHost) {
    this.deleted = new HeldDeletion(async (meta) => {
      if (meta.bundled) forgetSeedDismissed();
      await this.changed();
    });
  }

  private async changed(): Promise<void> {
    await this.host.load();
    this.host.announce();
  }

  async remove(id: string): Promise<DeletedDataset | null> {
    const deleted = await deleteWithUndo(db(), id);
    if (deleted?.meta.bundled) dismissSeed();
    this.deleted.hold(deleted);
    await this.changed();
    return deleted;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await renameDataset(db(), id, trimmed);
    await this.changed();
  }

  async setHidden(id: string, hidden: boolean): Promise<void> {
    await setDatasetHidden(db(), id, hidden);
    await this.changed();
  }

  backup(): Promise<Blob> {
    return createBackup(db());
  }

  async restore(file: Blob): Promise<RestoreResult> {
    const result = await restoreBackup(db(), file);
    await this.changed();
    return result;
  }

  /** Asks the browser to keep the data under storage pressure, and records the answer. */
  async requestPersistence(): Promise<void> {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) return;
    this.persisted = (await storage.persisted()) || (await storage.persist());
  }
}
