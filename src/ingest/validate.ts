/**
 * One CSV row -> one statement record, or the reasons it cannot be one. Never throws: errors
 * are data.
 *
 * Two levels of note:
 * - `issues` reject the row (bad or missing date, actor, topic or stance; a confidence that is
 *   not a number in 0..1). A rejected row reports only these.
 * - `warnings` keep the row but say what was changed: a link that is not http(s), which is
 *   dropped. They come with the record.
 */
import type { RowIssue, StatementRecord } from '../domain/types';
import type { ColumnMapping } from './columns';
import { dayNumber, dayToDate } from '../domain/dates';
import { dateFormatLabel, parseDateAs, type DateFormat, type ParsedDate } from './formats/dates';
import type { NativeValues } from './formats/types';
import { isMissingMarker } from './formats/common';
import { htmlToText } from './html';
import { ACCEPTED_STANCES, UNCODED } from './formats/stance-values';
import {
  cleanText,
  looksLikeIsoDay,
  parseConfidence,
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
 * Validates and normalizes one row of a native CSV. `line` is the file line the row starts on
 * (header = 1); `dateFormat` is how dates are read (strict ISO unless the preview found another).
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
  dateFormat: DateFormat | null = 'iso',
): RowResult {
  return buildRecord(nativeValues(fields, mapping), line, dateFormat);
}

/**
 * A native row's cells as native values; an unmapped required column says so as its reason.
 * `nativeValues(['2024', 'Lavrov'], { date: 0, actor: 1 })`
 * -> `{ date: '2024', actor: 'Lavrov', topic: '', stance: '', why: { topic: 'no column is
 *   mapped to topic', stance: 'no column is mapped to stance' }, ... }`.
 */
export function nativeValues(
  fields: readonly string[],
  mapping: ColumnMapping,
  /** No cell needs more cleaning than a trim (RowMapper's `clean`). */
  clean = false,
): NativeValues {
  // Named reads of `mapping` (not a loop over column names): each site sees one object shape,
  // and no array is made per row.
  const values: NativeValues = {
    id: cell(fields, mapping.id, clean),
    date: cell(fields, mapping.date, clean),
    actor: cell(fields, mapping.actor, clean),
    topic: cell(fields, mapping.topic, clean),
    stance: cell(fields, mapping.stance, clean),
    affiliation: cell(fields, mapping.affiliation, clean),
    conditions: cell(fields, mapping.conditions, clean),
    quote: cell(fields, mapping.quote, clean),
    summary: cell(fields, mapping.summary, clean),
    target: cell(fields, mapping.target, clean),
    source: cell(fields, mapping.source, clean),
    url: cell(fields, mapping.url, clean),
    reportedVia: cell(fields, mapping.reported_via, clean),
    confidence: cell(fields, mapping.confidence, clean),
  };
  // The stance may be left out: such rows are uncoded statements.
  if (mapping.date === undefined || mapping.actor === undefined || mapping.topic === undefined) {
    for (const column of REQUIRED) {
      if (mapping[column] === undefined) {
        values.why ??= {};
        values.why[column] = `no column is mapped to ${column}`;
      }
    }
  }
  return values;
}

const REQUIRED = ['date', 'actor', 'topic'] as const;

/**
 * The years a date may fall in: others are typing slips or misread numbers (`0024` for 2024,
 * a 12-digit number read as epoch seconds), rejected rather than stored in the wrong century.
 */
export const PLAUSIBLE_YEARS = { min: 1000, max: 2999 } as const;
const FIRST_DAY = dayNumber(PLAUSIBLE_YEARS.min, 1, 1);
const END_DAY = dayNumber(PLAUSIBLE_YEARS.max + 1, 1, 1);

/** Why a date outside PLAUSIBLE_YEARS is rejected, naming its year. */
function yearProblem(text: string, day: number): string {
  const year = dayToDate(day).getUTCFullYear();
  const { min, max } = PLAUSIBLE_YEARS;
  return `date ${shown(text)} is in the year ${year}, outside the years ${min}-${max} an import accepts`;
}

/**
 * Reads a date in a format; with no format chosen (null), a slashed date is read only when its
 * day/month order does not matter or only one order is a real day.
 * `readDate('03/04/2024', null)` -> null; `readDate('25/04/2024', null)` -> 25 April 2024.
 */
export function readDate(text: string, format: DateFormat | null): ParsedDate | null {
  if (format !== null) return parseDateAs(text, format);
  const dmy = parseDateAs(text, 'dmy');
  const mdy = parseDateAs(text, 'mdy');
  if (dmy && mdy) return dmy.day === mdy.day ? dmy : null;
  return dmy ?? mdy ?? parseDateAs(text, 'compact') ?? parseDateAs(text, 'text');
}

/** Why a date did not read, in words. */
function dateProblem(text: string, format: DateFormat | null): string {
  if (format === null) {
    return parseDateAs(text, 'dmy') && parseDateAs(text, 'mdy')
      ? `date ${shown(text)} reads as day/month and as month/day: choose the date format`
      : `date ${shown(text)} is not a date`;
  }
  if (looksLikeIsoDay(text)) return `date ${shown(text)} is not a real calendar day`;
  if (format === 'iso') return `date ${shown(text)} is not YYYY-MM-DD, YYYY-MM or YYYY`;
  return `date ${shown(text)} is not ${dateFormatLabel(format)} or a real day`;
}

/**
 * Validates native values (from any format) into a record, or the reasons it cannot be one.
 * Required: date, actor, topic, stance; a confidence must be in 0..1; a link that is not
 * http(s) is dropped with a warning. The id is the given one or a hash of the record.
 * `buildRecord({ date: '20191024', actor: 'THE EU', topic: '040 Consult', stance: '1' }, 7, 'compact')`
 * -> `{ record: { day: 18193, actor: 'THE EU', stance: 1, line: 7, ... }, warnings: [] }`.
 */
export function buildRecord(
  v: NativeValues,
  line: number,
  dateFormat: DateFormat | null,
): RowResult {
  // Plain code rather than per-row closures: this runs once per row of million-row files. The
  // issue list is made only for a row that has one.
  let issues: RowIssue[] | null = null;
  const suffix = v.part ? ` (${v.part})` : '';
  const why = v.why;
  if (v.reject)
    return { issues: [{ line, column: v.reject.column + suffix, message: v.reject.message }] };

  let date: ParsedDate | null = null;
  if (v.parsedDate !== undefined) {
    date = v.parsedDate;
    if (date === null) {
      const message =
        why?.date ?? (v.date === '' ? 'date is empty' : `date ${shown(v.date)} is not a real day`);
      (issues ??= []).push({ line, column: 'date' + suffix, message });
    }
  } else if (v.date === '') {
    (issues ??= []).push({ line, column: 'date' + suffix, message: why?.date ?? 'date is empty' });
  } else {
    date = readDate(v.date, dateFormat);
    if (date === null) {
      (issues ??= []).push({
        line,
        column: 'date' + suffix,
        message: dateProblem(v.date, dateFormat),
      });
    }
  }
  if (date !== null && (date.day < FIRST_DAY || date.day >= END_DAY)) {
    (issues ??= []).push({
      line,
      column: 'date' + suffix,
      message: yearProblem(v.date, date.day),
    });
    date = null;
  }
  const actor = v.actor;
  if (actor === '') {
    (issues ??= []).push({
      line,
      column: 'actor' + suffix,
      message: why?.actor ?? 'actor is empty',
    });
  }
  const topic = v.topic;
  if (topic === '') {
    (issues ??= []).push({
      line,
      column: 'topic' + suffix,
      message: why?.topic ?? 'topic is empty',
    });
  }
  let stance = v.parsedStance;
  if (stance === undefined) {
    stance = null;
    if (v.stance === '') {
      // No stance yet: an uncoded statement, unless the format says why one is needed.
      if (why?.stance === undefined) stance = UNCODED;
      else (issues ??= []).push({ line, column: 'stance' + suffix, message: why.stance });
    } else {
      stance = parseStance(v.stance);
      if (stance === null) {
        const message = `stance ${shown(v.stance)} is not -2..2 or a stance label (${ACCEPTED_STANCES})`;
        (issues ??= []).push({ line, column: 'stance' + suffix, message });
      }
    }
  } else if (stance === null) {
    const message =
      why?.stance ??
      (v.stance === ''
        ? 'stance is empty'
        : `stance ${shown(v.stance)} is not -2..2 or a stance label (${ACCEPTED_STANCES})`);
    (issues ??= []).push({ line, column: 'stance' + suffix, message });
  }

  const confidenceText = v.confidence ?? '';
  const confidence = parseConfidence(confidenceText);
  if (confidenceText !== '') {
    const problem = Number.isNaN(confidence)
      ? 'is not a number in 0..1'
      : confidence < 0 || confidence > 1
        ? 'is outside 0..1'
        : '';
    if (problem) {
      (issues ??= []).push({
        line,
        column: 'confidence' + suffix,
        message: `confidence ${shown(confidenceText)} ${problem}`,
      });
    }
  }

  if (issues !== null || date === null || stance === null) return { issues: issues ?? [] };

  const urlText = v.url ?? '';
  const url = safeUrl(urlText);
  const warnings: RowIssue[] =
    urlText !== '' && url === ''
      ? [
          {
            line,
            column: 'url' + suffix,
            message: `url ${shown(urlText)} is not an http(s) link; dropped`,
          },
        ]
      : NO_WARNINGS;

  const record: StatementRecord = {
    id: v.id ?? '',
    day: date.day,
    precision: date.precision,
    actor,
    affiliation: v.affiliation ?? '',
    topic,
    stance: stance.stance,
    conditional: stance.conditional,
    conditions: plain(v.conditions),
    quote: plain(v.quote),
    summary: plain(v.summary),
    target: v.target ?? '',
    source: v.source ?? '',
    url,
    reportedVia: v.reportedVia ?? '',
    confidence,
    line,
  };
  if (stance.uncoded) record.uncoded = true;
  if (record.id === '') record.id = recordId(record);
  return { record, warnings };
}

/** A text cell as plain text: HTML tags dropped, entities decoded (see htmlToText). */
function plain(text: string | undefined): string {
  return text === undefined || text === '' ? '' : htmlToText(text);
}

/**
 * A cleaned cell; '' when the column is not mapped or the row is short (extra cells are ignored).
 * `cell(['a', ' b '], 1)` -> 'b'; `cell(['a'], 3)` -> ''; `cell(['a'], undefined)` -> ''.
 */
function cell(fields: readonly string[], index: number | undefined, clean: boolean): string {
  if (index === undefined) return '';
  const raw = fields[index];
  if (raw === undefined) return '';
  const value = clean ? raw.trim() : cleanText(raw);
  return isMissingMarker(value) ? '' : value;
}
