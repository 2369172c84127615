import {
  checkFields,
  sameFields,
  type FieldIssue,
  type StatementFields,
  type StatementVersion,
} from '../domain/edits';
import { db } from '../db/db';
import { historyOf, saveVersions, type EditInput } from '../db/edits';
import { applyEdits, fieldsAt } from '../query/edit-overlay';
import type { ColumnCache } from '../query/types';

/** What the edits need of the app: its cache, to read and replace, and a word to other tabs. */
export interface EditHost {
  getCache(): ColumnCache | null;
  setCache(cache: ColumnCache): void;
  rowOf(id: string | null): number;
  announceEdits(edits: [string, StatementFields][]): void;
}

/** Why an edit was not saved: its field problems, or that the statement is gone. */
export type EditResult = { saved: StatementVersion | null } | { issues: FieldIssue[] };

/**
 * Corrections and coding in the app (src/domain/edits.ts): saved as versions in the store, laid
 * over the column cache at once so every view shows them, and told to other tabs.
 */
export class Edits {
  /** Bumped after every save, so open histories read again. */
  revision = $state(0);

  constructor(private readonly host: EditHost) {}

  /** A statement's current fields, or null when no visible dataset holds it. */
  fields(id: string): StatementFields | null {
    const cache = this.host.getCache();
    const row = this.host.rowOf(id);
    return cache && row !== -1 ? fieldsAt(cache, row) : null;
  }

  /**
   * Saves `after` as the statement's next version when it passes the import's checks and
   * changes something (`saved: null` when it changes nothing).
   */
  async save(id: string, after: StatementFields, note = ''): Promise<EditResult> {
    const issues = checkFields(after);
    if (issues.length > 0) return { issues };
    const before = this.fields(id);
    if (!before)
      return { issues: [{ field: 'actor', message: 'This statement is no longer stored.' }] };
    if (sameFields(before, after)) return { saved: null };
    const [saved] = await this.saveMany([{ id, before, after, origin: 'app', note }]);
    return { saved };
  }

  /** Saves several changes in one transaction (an applied file update) and shows them. */
  async saveMany(changes: readonly EditInput[]): Promise<StatementVersion[]> {
    if (changes.length === 0) return [];
    const written = await saveVersions(db(), changes);
    const latest = new Map(written.map((v) => [v.id, v.after]));
    this.show(latest);
    this.host.announceEdits([...latest]);
    return written;
  }

  /**
   * Undoes a statement's latest version by saving its previous fields as a new version, so the
   * history keeps both. Null when it has no version.
   */
  async undo(id: string, note = ''): Promise<StatementVersion | null> {
    const history = await historyOf(db(), id);
    const last = history.at(-1);
    const current = this.fields(id);
    if (!last || !current) return null;
    const [saved] = await this.saveMany([
      { id, before: current, after: last.before, origin: 'undo', note },
    ]);
    return saved;
  }

  history(id: string): Promise<StatementVersion[]> {
    return historyOf(db(), id);
  }

  /** The rows of a few edited ids as the app already knows them (the editor's statement). */
  private knownRows(latest: Map<string, StatementFields>): Map<string, number> | undefined {
    if (latest.size > 4) return undefined;
    const rows = new Map<string, number>();
    for (const id of latest.keys()) {
      const row = this.host.rowOf(id);
      if (row !== -1) rows.set(id, row);
    }
    return rows;
  }

  /** Another tab saved versions: show them here too. */
  received(edits: [string, StatementFields][]): void {
    this.show(new Map(edits));
  }

  private show(latest: Map<string, StatementFields>): void {
    const cache = this.host.getCache();
    if (cache) this.host.setCache(applyEdits(cache, latest, this.knownRows(latest)));
    this.revision++;
  }
}
