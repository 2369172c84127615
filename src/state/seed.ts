import type { ImportFlow } from './import.svelte';
import seedUrl from '../../data/seed-statements.csv?url';

/** Whether the user deleted the bundled example: then an empty browser stays empty on start. */
const SEED_DISMISSED = 'stance-timeline:seed-dismissed';

export function seedDismissed(): boolean {
  try {
    return localStorage.getItem(SEED_DISMISSED) === '1';
  } catch {
    return false;
  }
}

export function dismissSeed(): void {
  localStorage.setItem(SEED_DISMISSED, '1');
}

export function forgetSeedDismissed(): void {
  localStorage.removeItem(SEED_DISMISSED);
}

/** Imports the bundled example dataset (on a first start, and the empty state's "restore"). */
export async function importSeed(flow: ImportFlow): Promise<void> {
  forgetSeedDismissed();
  const response = await fetch(seedUrl);
  const blob = await response.blob();
  const file = new File([blob], 'seed-statements.csv', { type: 'text/csv' });
  await flow.importDirect(file, {
    name: 'Russia-Ukraine statements, Dec 2024 (example)',
    bundled: true,
  });
}
