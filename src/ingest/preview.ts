/**
 * The preview of a file's first part: the detected format, delimiter, line ending and mapping,
 * the rule's choices, the first rows as they will be stored, and what must still be chosen.
 */
import type { NativeColumn, RowIssue, StatementRecord } from '../domain/types';
import type { ColumnMapping } from './columns';
import { detectDelimiter, detectNewline, stripBom, type Newline } from './detect';
import type { DateDetection } from './formats/dates';
import {
  detectFormats,
  formatRuleText,
  getFormat,
  resolveFormat,
  sampleOf,
  type Resolved,
  FORMATS,
} from './formats/index';
import { stanceColumnValues } from './formats/native';
import { withFixed } from './formats/fixed';
import {
  numericScale,
  valueCounts,
  type NumericScale,
  type ValueCount,
} from './formats/stance-values';
import type {
  Format,
  FormatControls,
  FormatId,
  NativeValues,
  RowMapper,
  Rule,
} from './formats/types';
import { CsvRowStream } from './stream';
import type { CsvRow } from './papa-rows';
import { buildRecord } from './validate';
import { openQuoteIssue, type OpenQuote } from './open-quotes';

import { asNewline } from './pipeline';

export const PREVIEW_ROWS = 20;
/** The sample's records kept to compare with stored statements (a 256 KiB sample holds fewer). */
export const PREVIEW_RECORDS = 5_000;

/** What the import screen shows before anything is written. */
export interface Preview {
  delimiter: string;
  newline: Newline;
  /** The chosen format: the detected one unless the user picked another. */
  format: FormatId;
  /** What the preview lets the user change for this format (see FormatControls). */
  controls: FormatControls;
  /** The fields this format needs a column (or a fixed value) for. */
  required: NativeColumn[];
  /** Every format, for the Format select, in registry order. */
  formats: { id: FormatId; label: string }[];
  /** The formats the sample matches, most likely first (native is always one). */
  candidates: FormatId[];
  /** The mapping rule with its defaults and the user's changes; import with exactly this. */
  rule: Rule;
  /** The rule in words, as the dataset's metadata keeps it. */
  ruleText: string;
  /** What the sample's dates look like; null when the format fixes how dates are written. */
  dates: DateDetection | null;
  /** What the rule editor offers: ACLED's event types, a wide table's possible topic columns. */
  choices: {
    eventTypes: string[];
    topicColumns: number[];
    /** The stance column's distinct values in the sample, most frequent first, with counts. */
    stanceValues: ValueCount[];
    /** The numeric scale the stance column is on, with its default thresholds, or null. */
    stanceScale: NumericScale | null;
  };
  /** Choices the user must make before importing (an ambiguous date format, no topic column). */
  needs: string[];
  /** The header row, trimmed; the codebook's names for a file without one. */
  headers: string[];
  /** Native and wide tables: which column holds which native column ({} for other formats). */
  mapping: ColumnMapping;
  /** Required columns the mapping leaves out; the import cannot start until this is empty. */
  missing: NativeColumn[];
  /** The first 20 valid rows, normalized. */
  rows: StatementRecord[];
  /**
   * The sample's valid records, up to PREVIEW_RECORDS: the page compares their ids with the
   * statements it holds, to say which the import would update.
   */
  records: StatementRecord[];
  /** The data rows `records` were read from (the sample's, or fewer when they were capped). */
  recordRows: number;
  /** True when `records` hold every valid row of the file (the sample is the whole file). */
  wholeFile: boolean;
  /** Why rows of the sample were rejected. */
  issues: RowIssue[];
  /** Non-fatal notes on kept rows of the sample (e.g. a dropped non-http link). */
  warnings: RowIssue[];
  /** Data rows in the sample (blank lines and the header are not rows; a wide table's rows
   * count once per topic cell with a value). */
  sampleRows: number;
  /** Of those, rows that would be rejected. */
  sampleProblemRows: number;
  /** The first quote of the sample that is never closed (see `OpenQuote`). */
  openQuote?: OpenQuote;
  /** Lines of the sample that hold data (split cells make more statements than lines). */
  sampleLines: number;
}

/**
 * Detects the format of the first part of a file and normalizes its rows, to show before
 * importing. Pass `truncated: true` when the sample stops before the end of the file, so an
 * unfinished last line is left out; otherwise the sample is taken as whole. The format, its
 * rule, the delimiter and the mapping are detected unless given.
 * `previewText('date,speaker,issue,stance\n2024-12-18,Sergey Lavrov,dialogue,conditional\n')`
 * -> `{ format: 'native', delimiter: ',', newline: '\n', headers: ['date', 'speaker', 'issue', 'stance'],
 *      mapping: { date: 0, actor: 1, topic: 2, stance: 3 }, missing: [], rows: [1 record],
 *      rule: { dateFormat: 'iso', ... }, needs: [], sampleRows: 1, sampleProblemRows: 0, ... }`;
 * a raw GDELT 2.0 file -> `{ format: 'gdelt2', delimiter: '\t', headers: ['GLOBALEVENTID', ...], ... }`.
 */
export function previewText(
  sample: string,
  opts: {
    delimiter?: string;
    newline?: string;
    mapping?: ColumnMapping;
    truncated?: boolean;
    format?: FormatId | string;
    rule?: Partial<Rule>;
  } = {},
): Preview {
  const text = stripBom(sample);
  const truncated = opts.truncated ?? false;
  const delimiter = opts.delimiter || detectDelimiter(text);
  const newline = asNewline(opts.newline) ?? detectNewline(text, !truncated);
  const readRows = (quotes: boolean) => {
    const textQuotes = opts.rule?.textQuotes;
    const stream = new CsvRowStream({ delimiter, newline, quotes, textQuotes });
    const rows = stream.push(text);
    if (!truncated) rows.push(...stream.end());
    return rows;
  };
  let rows = readRows(true);
  let found = sampleOf(rows, delimiter);
  const matches = detectFormats(found);
  const format = getFormat(opts.format ?? matches[0]?.id);
  let resolved = resolveFormat(format, found, { rule: opts.rule, mapping: opts.mapping });
  if (format.rawUnquoted && !resolved.rule.header) {
    // Raw GDELT and Phoenix never quote: read the sample again with `"` as plain text.
    rows = readRows(false);
    found = sampleOf(rows, delimiter);
    resolved = resolveFormat(format, found, { rule: opts.rule, mapping: opts.mapping });
  }
  const { ctx, rule, dates, dataRows } = resolved;
  const mapping = ctx.mapping;
  const given = withFixed(mapping, rule);
  const tooLong = rule.header ? headerTooLong(text, truncated) : null;
  // A header cut off by the sample has no required column: say why, not "not found".
  const missing = tooLong ? [] : (format.required ?? []).filter((c) => !given.has(c));
  const preview: Preview = {
    delimiter,
    newline,
    format: format.id,
    controls: format.controls ?? {},
    required: [...(format.required ?? [])],
    formats: FORMATS_LIST,
    candidates: matches.map((m) => m.id),
    rule,
    ruleText: formatRuleText(resolved),
    dates,
    choices: {
      eventTypes: format.id === 'acled' ? Object.keys(rule.eventStance) : [],
      topicColumns:
        format.meltCandidates?.(
          ctx,
          dataRows.map((r) => r.fields),
        ) ?? [],
      ...stanceChoices(format, mapping, dataRows),
    },
    needs: tooLong ? [tooLong] : needsOf(format, resolved),
    headers: [...ctx.headers],
    mapping,
    missing,
    rows: [],
    records: [],
    recordRows: 0,
    wholeFile: false,
    issues: [],
    warnings: [],
    sampleRows: 0,
    sampleProblemRows: 0,
    sampleLines: dataRows.length,
  };
  const mapper = format.mapper(ctx, rule);
  let capped = false;
  for (const row of dataRows) {
    const open = row.openQuote;
    if (open !== undefined) {
      preview.openQuote ??= { line: open.line, last: open.last };
      preview.sampleRows += open.rows;
      preview.sampleProblemRows += open.rows;
      preview.issues.push(openQuoteIssue(open));
      continue;
    }
    forEachValue(mapper, row, (values) => {
      preview.sampleRows++;
      const result = buildRecord(values, row.line, rule.dateFormat);
      if (result.record) {
        if (preview.rows.length < PREVIEW_ROWS) preview.rows.push(result.record);
        if (preview.records.length < PREVIEW_RECORDS) preview.records.push(result.record);
        else capped = true;
        preview.warnings.push(...result.warnings);
      } else {
        preview.sampleProblemRows++;
        preview.issues.push(...result.issues);
      }
      if (!capped) preview.recordRows = preview.sampleRows;
    });
  }
  preview.wholeFile = !truncated && !capped;
  return preview;
}

/** The stance column's values and scale, for formats with a `Stance values` table. */
function stanceChoices(
  format: Format,
  mapping: ColumnMapping,
  dataRows: readonly CsvRow[],
): Pick<Preview['choices'], 'stanceValues' | 'stanceScale'> {
  if (!format.controls?.stanceValues || mapping.stance === undefined) {
    return { stanceValues: [], stanceScale: null };
  }
  const values = stanceColumnValues(
    mapping.stance,
    dataRows.map((r) => r.fields),
  );
  return { stanceValues: valueCounts(values), stanceScale: numericScale(values) };
}

/** The longest header line read: the preview reads the first 256 KiB of a file. */
export const MAX_HEADER_CHARS = 64 * 1024;

/**
 * Why the first line cannot be a header: longer than MAX_HEADER_CHARS. Null when it is not.
 * `headerTooLong('a,'.repeat(40_000), true)` -> 'The header line is too long: 80,000 characters or more ...'.
 */
function headerTooLong(text: string, truncated: boolean): string | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  const length = end < 0 ? text.length : end;
  if (length <= MAX_HEADER_CHARS) return null;
  const more = end < 0 && truncated ? ' or more' : '';
  const n = (x: number) => x.toLocaleString('en');
  return `The header line is too long: ${n(length)} characters${more}, more than the ${n(MAX_HEADER_CHARS)} a header line may have. Is the first line a header?`;
}

/** Every format's id and label, for the Format select. */
const FORMATS_LIST: { id: FormatId; label: string }[] = FORMATS.map((f) => ({
  id: f.id,
  label: f.label,
}));

/** What the user must still choose before this rule can import. */
function needsOf(format: Format, { rule, dates }: Resolved): string[] {
  const needs: string[] = [];
  if (rule.dateFormat === null) {
    const e = dates?.examples.join(', ') ?? '';
    needs.push(
      `Dates such as ${e} read both as day/month and as month/day: choose the Date format.`,
    );
  }
  if (format.controls?.melt && rule.topicColumns.length === 0) {
    needs.push(`Choose at least one ${format.controls.melt} column.`);
  }
  return needs;
}

/** Calls `take` with each statement's values of one row (a wide table's row gives several). */
function forEachValue(mapper: RowMapper, row: CsvRow, take: (values: NativeValues) => void): void {
  const out = mapper(row.fields, row.line);
  if (Array.isArray(out)) for (const values of out) take(values);
  else take(out);
}
