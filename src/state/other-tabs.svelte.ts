import { onVersionChange, type ClosedBy } from '../db/db';
import type { StatementFields } from '../domain/edits';

/** What this tab does when another tab changed the store. */
export interface TabsHost {
  /** Datasets were imported, deleted, renamed or hidden: load them again. */
  datasetsChanged(): void;
  /** Statements were edited: lay their latest fields over the cache. */
  edited(edits: [string, StatementFields][]): void;
}

type TabMessage = { type?: string; edits?: [string, StatementFields][] };

/**
 * This tab among the others open on the same store: tells them when datasets or statements
 * change, hears when they do, and notices when one closed the database under it (a newer schema
 * or a deletion), after which this tab must reload.
 */
export class OtherTabs {
  #stale = $state(false);
  #closedBy = $state<ClosedBy>('upgraded');
  #channel: BroadcastChannel | null = null;

  /** Another tab upgraded (or deleted) the database: this tab must reload. */
  get stale(): boolean {
    return this.#stale;
  }

  /** What closed it: a newer schema, or a deletion. */
  get closedBy(): ClosedBy {
    return this.#closedBy;
  }

  /** The page's connection was closed under it: ask for a reload (never show the raw error). */
  storeClosed(by: ClosedBy = this.#closedBy): void {
    this.#closedBy = by;
    this.#stale = true;
  }

  listen(host: TabsHost): void {
    onVersionChange((by) => this.storeClosed(by));
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel('stance-timeline');
    this.#channel.onmessage = (e: MessageEvent<TabMessage>) => {
      if (e.data?.type === 'datasets-changed') host.datasetsChanged();
      else if (e.data?.type === 'edited' && e.data.edits) host.edited(e.data.edits);
    };
  }

  /** Tells other tabs the stored datasets changed, so they reload their view of them. */
  datasetsChanged(): void {
    this.#channel?.postMessage({ type: 'datasets-changed' });
  }

  /** Tells other tabs which statements were edited, with their latest fields. */
  edited(edits: [string, StatementFields][]): void {
    this.#channel?.postMessage({ type: 'edited', edits });
  }
}
