/**
 * A new build of the app, found by the service worker. The new worker waits while any tab runs
 * the old build (the precache would otherwise change under the old tabs), so the page says when
 * one is waiting, and on the user's word tells it to take over (SKIP_WAITING) and reloads once
 * it controls the page; never while an import is running.
 */

import type { Workbox } from 'workbox-window';

/** The part of workbox-window's `Workbox` used here (a test passes a fake). */
export type WorkboxLike = Pick<Workbox, 'addEventListener' | 'register' | 'messageSkipWaiting'>;

export class AppUpdate {
  /** A new version is installed and waiting. */
  available = $state(false);
  private wb: WorkboxLike | null = null;
  private applying = false;

  /**
   * `busy`: whether this tab is importing (an update waits for it); `reload` reloads the page.
   */
  constructor(
    private readonly busy: () => boolean,
    private readonly reload: () => void = () => location.reload(),
  ) {}

  /**
   * Registers the service worker. A version that was already waiting when this page started
   * (left by an earlier visit) is applied at once, unless an import runs in some tab.
   */
  async register(
    make: () => Promise<WorkboxLike | null> = defaultWorkbox,
    importing: () => Promise<boolean> = importInAnyTab,
  ): Promise<void> {
    const wb = await make();
    if (!wb) return;
    this.wb = wb;
    wb.addEventListener('waiting', (event) => {
      this.available = true;
      if (event.wasWaitingBeforeRegister) {
        void importing().then((running) => {
          if (!running) this.apply();
        });
      }
    });
    wb.addEventListener('controlling', () => {
      if (this.applying) this.reload();
    });
    await wb.register();
  }

  /** Lets the waiting version take over, then reloads; does nothing while this tab imports. */
  apply(): void {
    if (!this.wb || !this.available || this.busy()) return;
    this.applying = true;
    this.wb.messageSkipWaiting();
  }
}

async function defaultWorkbox(): Promise<WorkboxLike | null> {
  if (!('serviceWorker' in navigator)) return null;
  const { Workbox } = await import('workbox-window');
  return new Workbox('./sw.js', { scope: './' });
}

/** Whether some tab holds an import's Web Lock (src/db/store.ts `importLockName`). */
async function importInAnyTab(): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.query) return false;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name?.startsWith('stance-import:'));
}
