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
