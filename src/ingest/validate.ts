/**
 * One CSV row -> one statement record, or the reasons it cannot be one. Never throws: errors
 * are data (STYLE.md habit 5).
 *
 * Two levels of note:
 * - `issues` reject the row (bad or missing date, actor, topic or stance; a confidence that is
 *   not a number in 0..1). A rejected row reports only these.
 * - `warnings` keep the row but say what was changed: today only a link that is not http(s),
 *   which is dropped. They come with the record.
 */
import type { NativeColumn, RowIssue, StatementRecord } from '../domain/types';
import type { ColumnMapping } from './columns';
import {
  cleanText,
  looksLikeIsoDay,
  parseConfidence,
  parseDate,
  parseStance,
  recordId,
  safeUrl,
} from './normalize';

export type RowResult =
  | { record: StatementRecord; warnings: RowIssue[]; issues?: undefined }
  | { issues: RowIssue[]; record?: undefined; warnings?: undefined };

/** Shared by every clean row, so the common case allocates no warning array. */
const NO_WARNINGS: RowIssue[] = Object.freeze([]) as unknown as RowIssue[];

/** Values shown in messages are cut so one runaway cell cannot flood the issue list. */
const MAX_SHOWN = 60;

/** `"31/12/2024"`, shortened with an ellipsis past 60 characters. */
export function shown(value: string): string {
  const v = value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN - 1) + '…' : value;
  return `"${v}"`;
}

/**
 * Validates and normalizes one row. `line` is the file line the row starts on (header = 1).
 * `toRecord(['2024-12-18', 'Sergey Lavrov', 'dialogue', 'conditional'],
 *   { date: 0, actor: 1, topic: 2, stance: 3 }, 2)`
 * -> `{ record: { day: 20075, stance: 1, conditional: true, line: 2, ... }, warnings: [] }`;
 * with `'31/12/2024'` as the date -> `{ issues: [{ line: 2, column: 'date',
 *   message: 'date "31/12/2024" is not YYYY-MM-DD, YYYY-MM or YYYY' }] }`.
 */
export function toRecord(
  fields: readonly string[],
  mapping: ColumnMapping,
  line: number,
): RowResult {
  // Plain code rather than per-row closures: this runs once per row of million-row files.
  const issues: RowIssue[] = [];

  const dateText = required(fields, mapping, 'date', line, issues);
  const date = dateText === null ? null : parseDate(dateText);
  if (dateText !== null && date === null) {
    const why = looksLikeIsoDay(dateText)
      ? 'is not a real calendar day'
      : 'is not YYYY-MM-DD, YYYY-MM or YYYY';
    issues.push({ line, column: 'date', message: `date ${shown(dateText)} ${why}` });
  }
  const actor = required(fields, mapping, 'actor', line, issues);
  const topic = required(fields, mapping, 'topic', line, issues);
  const stanceText = required(fields, mapping, 'stance', line, issues);
  const stance = stanceText === null ? null : parseStance(stanceText);
  if (stanceText !== null && stance === null) {
    const message = `stance ${shown(stanceText)} is not -2..2 or a stance label`;
    issues.push({ line, column: 'stance', message });
  }

  const confidenceText = cell(fields, mapping, 'confidence');
  const confidence = parseConfidence(confidenceText);
  if (confidenceText !== '') {
    const why = Number.isNaN(confidence)
      ? 'is not a number in 0..1'
      : confidence < 0 || confidence > 1
        ? 'is outside 0..1'
        : '';
    if (why) {
      issues.push({
        line,
        column: 'confidence',
        message: `confidence ${shown(confidenceText)} ${why}`,
      });
    }
  }

  if (issues.length > 0 || date === null || stance === null || actor === null || topic === null) {
    return { issues };
  }

  const urlText = cell(fields, mapping, 'url');
  const url = safeUrl(urlText);
  const warnings: RowIssue[] =
    urlText !== '' && url === ''
      ? [{ line, column: 'url', message: `url ${shown(urlText)} is not an http(s) link; dropped` }]
      : NO_WARNINGS;

  const record: StatementRecord = {
    id: cell(fields, mapping, 'id'),
    day: date.day,
    precision: date.precision,
    actor,
    affiliation: cell(fields, mapping, 'affiliation'),
    topic,
    stance: stance.stance,
    conditional: stance.conditional,
    conditions: cell(fields, mapping, 'conditions'),
    quote: cell(fields, mapping, 'quote'),
    summary: cell(fields, mapping, 'summary'),
    target: cell(fields, mapping, 'target'),
    source: cell(fields, mapping, 'source'),
    url,
    reportedVia: cell(fields, mapping, 'reported_via'),
    confidence,
    line,
  };
  if (record.id === '') record.id = recordId(record);
  return { record, warnings };
}

/** A cleaned cell; '' when the column is not mapped or the row is short (extra cells are ignored). */
function cell(fields: readonly string[], mapping: ColumnMapping, column: NativeColumn): string {
  const index = mapping[column];
  if (index === undefined) return '';
  const value = fields[index];
  return value === undefined ? '' : cleanText(value);
}

/** A required cell, or null with the issue recorded. */
function required(
  fields: readonly string[],
  mapping: ColumnMapping,
  column: NativeColumn,
  line: number,
  issues: RowIssue[],
): string | null {
  if (mapping[column] === undefined) {
    issues.push({ line, column, message: `no column is mapped to ${column}` });
    return null;
  }
  const value = cell(fields, mapping, column);
  if (value === '') {
    issues.push({ line, column, message: `${column} is empty` });
    return null;
  }
  return value;
}
