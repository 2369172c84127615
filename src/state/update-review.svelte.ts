import { db } from '../db/db';
import { editedInApp } from '../db/edit-origins';
import type { EditInput } from '../db/edits';
import { diffFields, fieldsOf, type FieldChange, type StatementFields } from '../domain/edits';
import type { StatementRecord } from '../domain/types';
import { csvLine } from '../export/csv';
import { fieldsAt, rowsOfIds } from '../query/edit-overlay';
import type { ColumnCache } from '../query/types';
import type { Edits } from './edits.svelte';

/**
 * The review of a re-import's updates (issue 18): each statement the file changed, field by
 * field, from its current value in the app to the file's. Applying is the analyst's choice
 * (all, those checked, or none); a statement also changed in the app is a conflict, unchecked
 * until the analyst checks it.
 */

/** What the review needs of the app. */
export interface ReviewHost {
  /** The statements' current fields (with app edits), of those a visible dataset holds. */
  fields(ids: readonly string[]): Map<string, StatementFields>;
  saveMany(changes: readonly EditInput[]): Promise<unknown>;
  /** Which of the ids have versions the analyst made in the app. */
  editedInApp(ids: readonly string[]): Promise<Set<string>>;
  /** Says what was done, in the page's status line. */
  notify(text: string): void;
}

/** One field the file changed; `yours`: the app's value of it (a re-import's review). */
export type ReviewChange = FieldChange & { yours?: string };

/** One statement the file changed. */
export interface ReviewRow {
  id: string;
  actor: string;
  changes: ReviewChange[];
  /** The statement as the app shows it now: the version applying replaces. */
  before: StatementFields;
  /** What applying saves. */
  after: StatementFields;
  /** Also changed in the app, and the file says otherwise. */
  conflict: boolean;
}

/** The file's fields as the app keeps them (a confidence as float32, as stored). */
function fileFields(record: StatementRecord): StatementFields {
  const f = fieldsOf(record);
  return { ...f, confidence: Math.fround(f.confidence) };
}

/** `1 statement updated`, `3 statements updated`. */
export function updatedText(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'statement' : 'statements'} updated`;
}

export class UpdateReview {
  /**
   * `updates`: a file's rows against the app (before = the app's, after = the file's);
   * `reimport`: a new version of a dataset against the one it replaced, with the app's edits
   * beside (see ReimportReview).
   */
  readonly kind: 'updates' | 'reimport' = 'updates';
  rows = $state.raw<ReviewRow[]>([]);
  /** Whether each statement's update is to be applied, by id. */
  chosen = $state<Record<string, boolean>>({});
  /** Updates of statements no visible dataset holds (a hidden dataset): not shown here. */
  hidden = $state(0);
  /** Updates the app already shows (the same correction was made here). */
  same = $state(0);
  ready = $state(false);
  /** What the analyst decided: null until then. */
  outcome = $state<{ applied: number } | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(
    /** The file's records of its updates (the summary keeps up to 50,000). */
    readonly updates: readonly StatementRecord[],
    /** Every update the file held, kept or not. */
    readonly total: number,
    readonly fileName: string,
    protected readonly host: ReviewHost,
  ) {}

  /** Updates beyond those the summary kept: counted, not reviewable. */
  get overflow(): number {
    return Math.max(0, this.total - this.updates.length);
  }

  get chosenCount(): number {
    return this.rows.filter((r) => this.chosen[r.id]).length;
  }

  /** Compares each update with the statement as the app shows it now. */
  async prepare(): Promise<void> {
    const ids = this.updates.map((r) => r.id);
    const edited = await this.host.editedInApp(ids);
    // One sweep of the id column for all of them (one per id took seconds for thousands).
    const current = this.host.fields(ids);
    const rows: ReviewRow[] = [];
    let hidden = 0;
    let same = 0;
    for (const record of this.updates) {
      const before = current.get(record.id);
      if (!before) {
        hidden++;
        continue;
      }
      const after = fileFields(record);
      const changes = diffFields(before, after);
      if (changes.length === 0) same++;
      else
        rows.push({
          id: record.id,
          actor: before.actor,
          changes,
          before,
          after,
          conflict: edited.has(record.id),
        });
    }
    this.show(rows, hidden, same);
  }

  /** The rows to review, conflicts unchecked. */
  protected show(rows: ReviewRow[], hidden: number, same: number): void {
    this.rows = rows;
    this.chosen = Object.fromEntries(rows.map((r) => [r.id, !r.conflict]));
    this.hidden = hidden;
    this.same = same;
    this.ready = true;
  }

  /** Saves the chosen updates (or all) as versions from the file, in one transaction. */
  async apply(which: 'chosen' | 'all'): Promise<void> {
    const rows = which === 'all' ? this.rows : this.rows.filter((r) => this.chosen[r.id]);
    this.busy = true;
    this.error = null;
    try {
      await this.host.saveMany(
        rows.map((r) => ({
          id: r.id,
          before: r.before,
          after: r.after,
          origin: 'file' as const,
          note: `update from ${this.fileName}`,
        })),
      );
      this.outcome = { applied: rows.length };
      this.host.notify(`${updatedText(rows.length)} from ${this.fileName}.`);
    } catch (e) {
      this.error = `The updates could not be saved: ${(e as Error).message}. Nothing was changed.`;
    } finally {
      this.busy = false;
    }
  }

  /** Keep mine: no update is applied. */
  keepMine(): void {
    this.outcome = { applied: 0 };
    this.host.notify(`No update from ${this.fileName} applied: your data is as it was.`);
  }

  /**
   * Every change as CSV: id, field, before, after (a re-import: before, file, yours), cells
   * guarded against formulas.
   */
  csv(): string {
    const three = this.kind === 'reimport';
    const head = three ? ['before', 'file', 'yours'] : ['before', 'after'];
    const lines = [csvLine(['id', 'field', ...head, 'conflict'])];
    for (const r of this.rows) {
      for (const c of r.changes) {
        const values = three ? [c.before, c.after, c.yours ?? c.before] : [c.before, c.after];
        lines.push(csvLine([r.id, c.label, ...values, r.conflict ? 'yes' : '']));
      }
    }
    return lines.join('\n') + '\n';
  }
}

/** The review's link to the app's edits and status line. */
export function reviewHost(app: {
  edits: Edits;
  cache: ColumnCache | null;
  notice: string | null;
}): ReviewHost {
  return {
    fields: (ids) => {
      const cache = app.cache;
      const out = new Map<string, StatementFields>();
      if (!cache) return out;
      for (const [id, row] of rowsOfIds(cache, ids)) out.set(id, fieldsAt(cache, row));
      return out;
    },
    saveMany: (changes) => app.edits.saveMany(changes),
    editedInApp: (ids) => editedInApp(db(), ids),
    notify: (text) => {
      app.notice = text;
    },
  };
}
