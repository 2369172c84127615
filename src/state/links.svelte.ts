import { createContext } from 'svelte';
import type { DatasetMeta } from '../columnar/chunk';
import { hasPortableData, payloadToCsv } from '../export/share';
import { fingerprint } from '../url/fingerprint';
import { decodePortable, type PortablePayload } from '../url/portable';
import type { IgnoredParam } from '../url/query-string';
import type { ImportFlow } from './import.svelte';
import { seedDismissed } from './seed';

/** What the links need of the app: its datasets, and the import and load a link's data takes. */
export interface LinkHost {
  datasets(): DatasetMeta[];
  loading(): boolean;
  importFlow(): ImportFlow;
  load(): Promise<void>;
  importSeed(): Promise<void>;
  /** Limits the view to the dataset of this fingerprint. */
  showDataset(fingerprint: string): void;
  notify(text: string): void;
  announce(): void;
}

/**
 * Links in and out: the fingerprint of the data in view that links carry, and what an opened
 * link carried: parts that could not be used, the sender's fingerprint (to compare with ours),
 * and statements in its #fragment, imported only with the user's consent.
 */
export class LinkState {
  #portable = $state.raw<PortablePayload | null>(null);
  #portableError = $state<string | null>(null);
  #ignoredParams = $state.raw<IgnoredParam[]>([]);
  #linkFingerprint = $state<string | null>(null);

  constructor(private readonly host: LinkHost) {}

  /** Statements carried by the opened link's #fragment, waiting for the user's consent. */
  get portable(): PortablePayload | null {
    return this.#portable;
  }

  /** Why the #fragment's statements could not be read. */
  get portableError(): string | null {
    return this.#portableError;
  }

  /** What the opened link carried that could not be used. */
  get ignoredParams(): IgnoredParam[] {
    return this.#ignoredParams;
  }

  /** The visible datasets: by content, so the same data in another browser matches. */
  visibleDatasets = $derived.by(() => this.host.datasets().filter((d) => !d.hidden));
  dataFingerprint: string | null = $derived(
    this.visibleDatasets.length === 0
      ? null
      : fingerprint(
          this.visibleDatasets.map((d) => ({
            id: d.fingerprint,
            statementCount: d.statementCount,
          })),
        ),
  );

  /** True when the opened link was made with other data than this browser holds. */
  dataMismatch = $derived.by(
    () =>
      !this.host.loading() &&
      this.#linkFingerprint !== null &&
      this.#linkFingerprint !== this.dataFingerprint,
  );

  onIgnored(ignored: IgnoredParam[]): void {
    this.#ignoredParams = ignored;
  }

  /** The data fingerprint the opened link carried (`fp`), to compare with ours once loaded. */
  onLinkFingerprint(fp: string | null): void {
    this.#linkFingerprint = fp;
  }

  /** Reads the statements a link's #fragment (`hash`) carries, if any (a test passes `decode`). */
  async readFragment(hash: string, decode = decodePortable): Promise<void> {
    if (!hasPortableData(hash)) return;
    const decoded = await decode(hash);
    if ('error' in decoded)
      this.#portableError = `This link's statements could not be read: ${decoded.error}.`;
    else this.#portable = decoded;
    // A link that carries its data is checked by its content, not by the sender's fingerprint.
    this.#linkFingerprint = null;
  }

  /** The user agreed: import the link's statements as a dataset and show the linked view. */
  async acceptPortable(): Promise<void> {
    const payload = this.#portable;
    if (!payload) return;
    const file = new File([payloadToCsv(payload)], 'shared-link.csv', { type: 'text/csv' });
    const flow = this.host.importFlow();
    const report = await flow.importDirect(file, {
      name: payload.name || 'Shared view',
      sourceFile: 'portable link',
      rule: 'statements carried by a link',
    });
    this.#portable = null;
    clearFragment();
    await this.host.load();
    const added = this.host.datasets().find((d) => d.id === report.datasetId);
    if (added) this.host.showDataset(added.fingerprint);
    this.host.notify(
      `${report.summary.added} statements imported from the link${report.summary.duplicates ? `, ${report.summary.duplicates} already here` : ''}.`,
    );
    // Statements of yours the link gives other content for: reviewed, never taken silently.
    if (report.summary.updated > 0) flow.showReport(report, 'the shared link');
    this.host.announce();
  }

  /** The user declined: keep the link's view, drop its data. */
  async declinePortable(): Promise<void> {
    this.#portable = null;
    clearFragment();
    if (this.host.datasets().length === 0 && !seedDismissed()) {
      await this.host.importSeed();
      await this.host.load();
    }
  }
}

function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** The app's links, for the views that show or make them. */
export const [getLinks, setLinks] = createContext<LinkState>();
