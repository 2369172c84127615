import { formatDayPrecision, parseIsoDay } from './dates';
import { stanceLabel, UNCODED_LABEL } from './stance';
import type { Precision, StanceValue, StatementRecord } from './types';
import { float32Text } from '../util/float32';

/**
 * Corrections and coding done in the app. A statement's stored row (its file's values) never
 * changes; each edit is a new version of its editable fields, kept with the previous ones, and
 * the latest version is what every view, export and link shows.
 */

/** The fields an analyst can correct; the id, source, link and file line stay as imported. */
export const EDITABLE_FIELDS = [
  'day',
  'precision',
  'actor',
  'affiliation',
  'topic',
  'stance',
  'conditional',
  'uncoded',
  'conditions',
  'quote',
  'summary',
  'target',
  'confidence',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** One statement's editable fields; `uncoded` is always present (false when coded). */
export type StatementFields = Pick<StatementRecord, Exclude<EditableField, 'uncoded'>> & {
  uncoded: boolean;
};

/** Where a version came from: the analyst, an applied file update, or an undo. */
export type EditOrigin = 'app' | 'file' | 'undo';

/** One stored version of a statement's fields. Version 1 is the first edit. */
export interface StatementVersion {
  id: string;
  version: number;
  /** ISO time of the save. */
  at: string;
  origin: EditOrigin;
  note: string;
  before: StatementFields;
  after: StatementFields;
}

/** The editable fields of a record. */
export function fieldsOf(record: StatementRecord): StatementFields {
  return {
    day: record.day,
    precision: record.precision,
    actor: record.actor,
    affiliation: record.affiliation,
    topic: record.topic,
    stance: record.stance,
    conditional: record.conditional,
    uncoded: record.uncoded === true,
    conditions: record.conditions,
    quote: record.quote,
    summary: record.summary,
    target: record.target,
    confidence: record.confidence,
  };
}

/** Same value, with NaN equal to NaN (a confidence the file did not give). */
function same(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** One field that differs between two versions, in words as the app shows them. */
export interface FieldChange {
  field: EditableField | 'stance';
  label: string;
  before: string;
  after: string;
}

const LABEL: Record<string, string> = {
  date: 'Date',
  actor: 'Actor',
  affiliation: 'Affiliation',
  topic: 'Topic',
  stance: 'Stance',
  conditions: 'Conditions',
  quote: 'Quote',
  summary: 'Summary',
  target: 'Target',
  confidence: 'Confidence',
};

/** The stance in words, uncoded and conditional folded in: `conditional support`. */
export function fieldsStance(f: StatementFields): string {
  return f.uncoded ? UNCODED_LABEL : stanceLabel(f.stance, f.conditional);
}

/** As stored (a 32-bit float), in its shortest form: `0.95`, not `0.949999988079071`. */
function confidenceText(c: number): string {
  return float32Text(c);
}

/**
 * The fields that differ, date and stance each as one change in words.
 * `diffFields(a, { ...a, stance: -1 })` -> `[{ field: 'stance', label: 'Stance',
 * before: 'strongly oppose', after: 'oppose' }]`.
 */
export function diffFields(before: StatementFields, after: StatementFields): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.day !== after.day || before.precision !== after.precision) {
    changes.push({
      field: 'day',
      label: LABEL.date,
      before: formatDayPrecision(before.day, before.precision),
      after: formatDayPrecision(after.day, after.precision),
    });
  }
  for (const field of ['actor', 'affiliation', 'topic'] as const) {
    if (before[field] !== after[field])
      changes.push({ field, label: LABEL[field], before: before[field], after: after[field] });
  }
  const stanceBefore = fieldsStance(before);
  const stanceAfter = fieldsStance(after);
  if (stanceBefore !== stanceAfter)
    changes.push({
      field: 'stance',
      label: LABEL.stance,
      before: stanceBefore,
      after: stanceAfter,
    });
  for (const field of ['conditions', 'quote', 'summary', 'target'] as const) {
    if (before[field] !== after[field])
      changes.push({ field, label: LABEL[field], before: before[field], after: after[field] });
  }
  if (!same(before.confidence, after.confidence)) {
    changes.push({
      field: 'confidence',
      label: LABEL.confidence,
      before: confidenceText(before.confidence),
      after: confidenceText(after.confidence),
    });
  }
  return changes;
}

/** A change's field in words, as `diffFields` writes it: `fieldText(f, 'stance')` -> `oppose`. */
export function fieldText(f: StatementFields, field: FieldChange['field']): string {
  if (field === 'day' || field === 'precision') return formatDayPrecision(f.day, f.precision);
  if (field === 'stance' || field === 'conditional' || field === 'uncoded') return fieldsStance(f);
  if (field === 'confidence') return confidenceText(f.confidence);
  return f[field];
}

/** True when the two hold the same values. */
export function sameFields(a: StatementFields, b: StatementFields): boolean {
  return EDITABLE_FIELDS.every((f) => same(a[f], b[f]));
}

/** Fields that change together: a date with its precision, a stance with its flags. */
const FIELD_GROUPS: readonly (readonly EditableField[])[] = [
  ['day', 'precision'],
  ['actor'],
  ['affiliation'],
  ['topic'],
  ['stance', 'conditional', 'uncoded'],
  ['conditions'],
  ['quote'],
  ['summary'],
  ['target'],
  ['confidence'],
];

/**
 * `current` with the file's values of the fields the file changed from `before`; the fields
 * the file left alone keep their current values (the analyst's edits of those stay).
 * `takeFileChanges(b, { ...b, stance: -1 }, { ...b, summary: 'mine' })` -> `{ ...b, stance: -1,
 * summary: 'mine' }`.
 */
export function takeFileChanges(
  before: StatementFields,
  file: StatementFields,
  current: StatementFields,
): StatementFields {
  const out: Record<string, unknown> = { ...current };
  for (const group of FIELD_GROUPS) {
    if (group.some((f) => !same(before[f], file[f]))) for (const f of group) out[f] = file[f];
  }
  return out as StatementFields;
}

/** A problem with one field of an edit, shown at that field. */
export interface FieldIssue {
  field: EditableField;
  message: string;
}

const PRECISIONS: readonly Precision[] = ['day', 'month', 'year'];
/** The years the importer accepts (issue 20: never shift or invent a year). */
const YEAR_MIN = 1000;
const YEAR_MAX = 2999;

/**
 * The checks an import makes, for an edit: a stance on the scale, a real day with a precision,
 * a named actor and topic, a confidence in 0..1 (or none), text without control characters.
 * `checkFields({ ...f, stance: 3 })` -> `[{ field: 'stance', message: 'A stance is -2..2 …' }]`.
 */
export function checkFields(f: StatementFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(f.stance) || f.stance < -2 || f.stance > 2)
    issues.push({
      field: 'stance',
      message: 'A stance is -2..2 (strongly oppose .. strongly support).',
    });
  if (f.conditional && !f.uncoded && f.stance !== 1)
    issues.push({ field: 'conditional', message: 'Only support can be conditional.' });
  if (!Number.isInteger(f.day) || Math.abs(f.day) > 1e7 || !PRECISIONS.includes(f.precision)) {
    issues.push({ field: 'day', message: 'The date must be a real day.' });
  } else {
    const year = Number(formatDayPrecision(f.day, 'year'));
    if (!(year >= YEAR_MIN && year <= YEAR_MAX))
      issues.push({ field: 'day', message: `The year must be ${YEAR_MIN}-${YEAR_MAX}.` });
  }
  if (f.actor.trim() === '') issues.push({ field: 'actor', message: 'An actor is required.' });
  if (f.topic.trim() === '') issues.push({ field: 'topic', message: 'A topic is required.' });
  if (!Number.isNaN(f.confidence) && !(f.confidence >= 0 && f.confidence <= 1))
    issues.push({ field: 'confidence', message: 'Confidence is 0..1, or empty.' });
  return issues;
}

/**
 * A date as typed in the editor, with its precision: `2024-12-26` (day), `2024-12` (month),
 * `2024` (year). Null when it is not a real day, month or year.
 * `parseEditedDate('2024-02-30')` -> null; `parseEditedDate('2024-11')` -> `{ day: 20028,
 * precision: 'month' }`.
 */
export function parseEditedDate(text: string): { day: number; precision: Precision } | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) {
    const day = parseIsoDay(`${t}-01-01`);
    return day === null ? null : { day, precision: 'year' };
  }
  if (/^\d{4}-\d{2}$/.test(t)) {
    const day = parseIsoDay(`${t}-01`);
    return day === null ? null : { day, precision: 'month' };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const day = parseIsoDay(t);
    return day === null ? null : { day, precision: 'day' };
  }
  return null;
}

/** The stance keys of the coding queue: 1..5 -> -2..2. */
export const STANCE_BY_KEY: Record<string, StanceValue> = {
  '1': -2,
  '2': -1,
  '3': 0,
  '4': 1,
  '5': 2,
};
