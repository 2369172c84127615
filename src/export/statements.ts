/**
 * The filtered statements as files: CSV in the native columns (so an export re-imports to the
 * same statements) and JSON. Pure: reads the column cache, no DOM.
 *
 * What round-trips through a CSV export and a re-import, exactly: ids, dates with their
 * precision, actor, affiliation, topic, stance and the conditional flag, links, confidence, and
 * every text cell (commas, quotes, newlines, Cyrillic) - except a text cell that starts with
 * `=`, `+`, `-` or `@`. That cell comes back with a leading apostrophe: the apostrophe is the
 * defence against formula injection (a spreadsheet shows the cell as text instead of running
 * it), and it is kept on re-import rather than guessed away. Stances are written as labels and
 * confidences are never negative, so those columns never start with a guarded character.
 */
import { formatDayPrecision } from '../domain/dates';
import { STANCE_LABEL } from '../domain/stance';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  NATIVE_COLUMNS,
  PRECISION_BY_CODE,
  type NativeColumn,
  type Precision,
  type StanceValue,
} from '../domain/types';
import { anyEdited, isEdited } from '../query/edit-overlay';
import type { ColumnCache } from '../query/types';
import { csvLine } from './csv';
import { float32Text } from '../util/float32';

export { float32Text };

/** Rows of a CSV export are joined into one string part per this many rows. */
const ROWS_PER_PART = 5_000;

/**
 * A stance as the label the importer reads back: `stanceText(-2, false)` -> `'strongly oppose'`,
 * `stanceText(1, true)` -> `'conditional'`. A label rather than `-2`, because a cell starting
 * with `-` would be neutralized (`'-2`) and then rejected on re-import.
 */
export function stanceText(stance: StanceValue, conditional: boolean, uncoded = false): string {
  if (uncoded) return '';
  return conditional ? 'conditional' : STANCE_LABEL[stance];
}

/** The date as the file gave it, and its precision: `2024-11` + `month`. */
function dateOf(cache: ColumnCache, r: number): { date: string; precision: Precision } {
  const precision = PRECISION_BY_CODE[cache.precision[r]] ?? 'day';
  return { date: formatDayPrecision(cache.day[r], precision), precision };
}

/** Row r's text columns under their export names (both exports write them alike). */
function textFields(cache: ColumnCache, r: number) {
  const t = cache.text;
  return {
    conditions: t.get('conditions', r),
    quote: t.get('quote', r),
    summary: t.get('summary', r),
    target: t.get('target', r),
    source: t.get('source', r),
    url: t.get('url', r),
    reported_via: t.get('reportedVia', r),
  };
}

/**
 * One row as native cells, in NATIVE_COLUMNS order, before CSV quoting:
 * `['seed-017', '2024-12-26', 'Sergey Lavrov', 'Russia', 'ceasefire', 'strongly oppose', '',
 *   'A truce leads to nowhere', ..., '0.95']`.
 */
export function nativeCells(cache: ColumnCache, r: number): string[] {
  const byColumn: Record<NativeColumn, string> = {
    id: cache.text.get('id', r),
    date: dateOf(cache, r).date,
    actor: cache.actors[cache.actor[r]],
    affiliation: cache.affiliations[cache.affiliation[r]] ?? '',
    topic: cache.topics[cache.topic[r]],
    stance: stanceText(
      cache.stance[r] as StanceValue,
      (cache.flags[r] & FLAG_CONDITIONAL) !== 0,
      (cache.flags[r] & FLAG_UNCODED) !== 0,
    ),
    ...textFields(cache, r),
    confidence: float32Text(cache.confidence[r]),
  };
  return NATIVE_COLUMNS.map((c) => byColumn[c] ?? '');
}

/**
 * The CSV export in parts (header first, then blocks of rows, each part ending in a newline),
 * for `new Blob(parts)`: a million rows never become one giant string.
 */
export function statementsCsvParts(cache: ColumnCache, rows: ArrayLike<number>): string[] {
  // An `edited` column only when some row was corrected in the app, so plain exports stay as
  // they were; the importer ignores it, and the values are the latest versions.
  const edited = anyEdited(cache, rows);
  const parts = [csvLine(edited ? [...NATIVE_COLUMNS, 'edited'] : NATIVE_COLUMNS) + '\n'];
  for (let start = 0; start < rows.length; start += ROWS_PER_PART) {
    const end = Math.min(rows.length, start + ROWS_PER_PART);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const cells = nativeCells(cache, rows[i]);
      if (edited) cells.push(isEdited(cache, rows[i]) ? 'yes' : '');
      lines.push(csvLine(cells));
    }
    parts.push(lines.join('\n') + '\n');
  }
  return parts;
}

/**
 * The rows as CSV in the native columns, header first, cells neutralized against formula
 * injection (csvCell). For a conditional statement of Lavrov:
 * `id,date,actor,...\nseed-014,2024-12-26,Sergey Lavrov,Russia,us-russia-dialogue,conditional,
 * if the incoming US administration sends serious signals ...,...,0.95\n`.
 */
export function statementsCsv(cache: ColumnCache, rows: ArrayLike<number>): string {
  return statementsCsvParts(cache, rows).join('');
}

/** One statement of the JSON export: native column names, typed values. */
export interface StatementJson {
  id: string;
  /** As the file gave it: `2024-12-26`, `2024-11` or `2024`. */
  date: string;
  precision: Precision;
  actor: string;
  affiliation: string;
  topic: string;
  /** -2..2; a conditional statement is 1 with `conditional: true`; null when uncoded. */
  stance: StanceValue | null;
  conditional: boolean;
  conditions: string;
  quote: string;
  summary: string;
  target: string;
  source: string;
  url: string;
  reported_via: string;
  /** 0..1, or null when the file gave none. */
  confidence: number | null;
  /** Present, and true, when the statement was corrected or coded in the app. */
  edited?: true;
}

/** One row as a JSON-ready object: `{ id: 'seed-009', date: '2024-11', precision: 'month', ... }`. */
export function statementObject(cache: ColumnCache, r: number): StatementJson {
  const conf = cache.confidence[r];
  return {
    id: cache.text.get('id', r),
    ...dateOf(cache, r),
    actor: cache.actors[cache.actor[r]],
    affiliation: cache.affiliations[cache.affiliation[r]] ?? '',
    topic: cache.topics[cache.topic[r]],
    stance: cache.flags[r] & FLAG_UNCODED ? null : (cache.stance[r] as StanceValue),
    conditional: (cache.flags[r] & FLAG_CONDITIONAL) !== 0,
    ...textFields(cache, r),
    confidence: Number.isNaN(conf) ? null : Number(float32Text(conf)),
    ...(isEdited(cache, r) ? { edited: true as const } : {}),
  };
}

/** The JSON export in parts, for `new Blob(parts)` (see statementsCsvParts). */
export function statementsJsonParts(cache: ColumnCache, rows: ArrayLike<number>): string[] {
  if (rows.length === 0) return ['[]\n'];
  const parts = ['[\n'];
  for (let start = 0; start < rows.length; start += ROWS_PER_PART) {
    const end = Math.min(rows.length, start + ROWS_PER_PART);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(JSON.stringify(statementObject(cache, rows[i])));
    parts.push(lines.join(',\n') + (end < rows.length ? ',\n' : '\n'));
  }
  parts.push(']\n');
  return parts;
}

/**
 * The rows as a JSON array, one statement object per line (readable, and diff-friendly):
 * `[\n{"id":"seed-009","date":"2024-11","precision":"month",...,"stance":1,"conditional":true,...}\n]\n`.
 * No formula guard here: JSON is read by programs, which get the text exactly.
 */
export function statementsJson(cache: ColumnCache, rows: ArrayLike<number>): string {
  return statementsJsonParts(cache, rows).join('');
}
