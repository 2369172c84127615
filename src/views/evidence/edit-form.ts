/** The statement editor's form: its text values, read back into fields with the import's checks. */
import { formatDayPrecision } from '../../domain/dates';
import { float32Text } from '../../util/float32';
import {
  checkFields,
  parseEditedDate,
  type EditableField,
  type EditOrigin,
  type StatementFields,
} from '../../domain/edits';
import { STANCES, STANCE_LABEL, UNCODED_LABEL } from '../../domain/stance';
import type { StanceValue } from '../../domain/types';

/** The form as typed: every field a string (or a box), so a bad value can be shown back. */
export interface EditDraft {
  /** `-2`..`2`, or `uncoded`. */
  stance: string;
  conditional: boolean;
  conditions: string;
  topic: string;
  actor: string;
  affiliation: string;
  date: string;
  summary: string;
  target: string;
  confidence: string;
  quote: string;
}

export type DraftField = keyof EditDraft;

/** A problem with one form field, shown at that field. */
export interface DraftIssue {
  field: DraftField;
  message: string;
}

/** The stance choices, strongly oppose first, then uncoded. */
export const STANCE_OPTIONS: { value: string; label: string }[] = [
  ...STANCES.map((s) => ({ value: String(s), label: STANCE_LABEL[s] })),
  { value: 'uncoded', label: UNCODED_LABEL },
];

/** The form for a statement's current fields. */
export function draftOf(f: StatementFields): EditDraft {
  return {
    stance: f.uncoded ? 'uncoded' : String(f.stance),
    conditional: f.conditional && !f.uncoded,
    conditions: f.conditions,
    topic: f.topic,
    actor: f.actor,
    affiliation: f.affiliation,
    date: formatDayPrecision(f.day, f.precision),
    summary: f.summary,
    target: f.target,
    confidence: float32Text(f.confidence),
    quote: f.quote,
  };
}

/** Where a field's problem is shown: the date for day and precision, the stance for uncoded. */
export function draftFieldOf(field: EditableField): DraftField {
  if (field === 'day' || field === 'precision') return 'date';
  if (field === 'uncoded') return 'stance';
  return field;
}

/**
 * The fields the form says, or its problems (the import's checks, each at its field). The quote
 * is kept verbatim: not trimmed, as a correction of the transcription must be exact.
 * `readDraft({ ...draftOf(f), date: '2024-02-30' }, f)` -> `{ issues: [{ field: 'date', … }] }`.
 */
export function readDraft(
  d: EditDraft,
  base: StatementFields,
): { fields: StatementFields } | { issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const date = parseEditedDate(d.date);
  if (!date)
    issues.push({
      field: 'date',
      message: 'Write a real date as YYYY-MM-DD, YYYY-MM or YYYY (for example 2024-12-26).',
    });
  const confidenceTyped = d.confidence.trim();
  const typed = confidenceTyped === '' ? NaN : Number(confidenceTyped);
  if (confidenceTyped !== '' && !Number.isFinite(typed))
    issues.push({ field: 'confidence', message: 'Confidence is a number 0..1, or empty.' });
  const uncoded = d.stance === 'uncoded';
  const stance = uncoded ? 0 : Number(d.stance);
  const fields: StatementFields = {
    ...base,
    day: date?.day ?? base.day,
    precision: date?.precision ?? base.precision,
    actor: d.actor.trim(),
    affiliation: d.affiliation.trim(),
    topic: d.topic.trim(),
    stance: stance as StanceValue,
    conditional: !uncoded && stance === 1 && d.conditional,
    uncoded,
    conditions: d.conditions.trim(),
    quote: d.quote,
    summary: d.summary.trim(),
    target: d.target.trim(),
    // Stored as a 32-bit float: an untouched 0.95 must read back as the same value.
    confidence: Number.isFinite(typed) ? Math.fround(typed) : NaN,
  };
  for (const issue of checkFields(fields)) {
    const field = draftFieldOf(issue.field);
    if (!issues.some((i) => i.field === field)) issues.push({ field, message: issue.message });
  }
  return issues.length > 0 ? { issues } : { fields };
}

/** A version's origin in words. */
export const ORIGIN_TEXT: Record<EditOrigin, string> = {
  app: 'edited in the app',
  file: 'file update',
  undo: 'undo',
};

/** A save time in UTC, to the second: `2026-12-07T21:43:05.120Z` -> `2026-12-07 21:43:05 UTC`. */
export function utcTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? iso : `${t.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
