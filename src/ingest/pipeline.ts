/**
 * The import, start to end, as pure functions the worker calls: a preview of the first part of
 * a file, then the full run that hands normalized records to a sink in batches. No DOM, no
 * Dexie: runs in a worker and in node.
 */
import type { NativeColumn, RowIssue, StatementRecord } from '../domain/types';
import { guessMapping, missingRequired, type ColumnMapping } from './columns';
import { detectDelimiter, detectNewline, stripBom, type Newline } from './detect';
import { CsvRowStream, type CsvRow } from './stream';
import { toRecord } from './validate';

/** What the import screen shows before anything is written. */
export interface Preview {
  delimiter: string;
  newline: Newline;
  /** The header row, trimmed. */
  headers: string[];
  mapping: ColumnMapping;
  /** Required columns the mapping leaves out; the import cannot start until this is empty. */
  missing: NativeColumn[];
  /** The first 20 valid rows, normalized. */
  rows: StatementRecord[];
  /** Why rows of the sample were rejected. */
  issues: RowIssue[];
  /** Non-fatal notes on kept rows of the sample (e.g. a dropped non-http link). */
  warnings: RowIssue[];
  /** Data rows in the sample (blank lines and the header are not rows). */
  sampleRows: number;
  /** Of those, rows that would be rejected. */
  sampleProblemRows: number;
}

export interface ImportSummary {
  /** Data rows read: blank lines and the header are not rows. */
  rowsRead: number;
  added: number;
  /** Rows whose id was already stored or came earlier in the file. */
  duplicates: number;
  rejected: number;
  /** The issues of rejected rows, the first MAX_STORED_ISSUES of them. */
  issues: RowIssue[];
  /** All issues found, stored or not. */
  issueCount: number;
  /** Notes on rows that were kept (a dropped link), the first MAX_STORED_ISSUES of them. */
  warnings: RowIssue[];
  warningCount: number;
}

export interface ImportOptions {
  delimiter: string;
  /** `\r\n`, `\n` or `\r`; detected from the first whole lines when absent. */
  newline?: string;
  mapping: ColumnMapping;
  /** Ids already stored; rows with these ids count as duplicates. */
  knownIds?: ReadonlySet<string>;
  /** Records per `sink.batch` call; 10 000 matches the store's chunk size. */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface ImportSink {
  batch(records: StatementRecord[]): Promise<void> | void;
  progress?(rowsRead: number, charsRead: number): void;
}

/** Enough to show and export every problem of a bad file, bounded for a pathological one. */
export const MAX_STORED_ISSUES = 50_000;
export const PREVIEW_ROWS = 20;
export const DEFAULT_BATCH_SIZE = 10_000;

function asNewline(text: string | undefined): Newline | undefined {
  return text === '\r\n' || text === '\n' || text === '\r' ? text : undefined;
}

/** The error an aborted import throws, recognisable by `name === 'AbortError'`. */
function abortError(): Error {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Detects the format of the first part of a file and normalizes its rows, to show before
 * importing. Pass `truncated: true` when the sample stops before the end of the file, so an
 * unfinished last line is left out; otherwise the sample is taken as whole.
 * `previewText('date,speaker,issue,stance\n2024-12-18,Sergey Lavrov,dialogue,conditional\n')`
 * -> `{ delimiter: ',', newline: '\n', headers: ['date', 'speaker', 'issue', 'stance'],
 *      mapping: { date: 0, actor: 1, topic: 2, stance: 3 }, missing: [], rows: [1 record],
 *      issues: [], warnings: [], sampleRows: 1, sampleProblemRows: 0 }`.
 */
export function previewText(
  sample: string,
  opts: { delimiter?: string; newline?: string; mapping?: ColumnMapping; truncated?: boolean } = {},
): Preview {
  const text = stripBom(sample);
  const truncated = opts.truncated ?? false;
  const delimiter = opts.delimiter || detectDelimiter(text);
  const newline = asNewline(opts.newline) ?? detectNewline(text, !truncated);
  const stream = new CsvRowStream({ delimiter, newline });
  const rows = stream.push(text);
  if (!truncated) rows.push(...stream.end());

  const headers = rows.length > 0 ? rows[0].fields.map((h) => h.trim()) : [];
  const mapping = opts.mapping ?? guessMapping(headers);
  const missing = missingRequired(mapping);
  const preview: Preview = {
    delimiter,
    newline,
    headers,
    mapping,
    missing,
    rows: [],
    issues: [],
    warnings: [],
    sampleRows: 0,
    sampleProblemRows: 0,
  };
  for (const row of rows.slice(1)) {
    preview.sampleRows++;
    const result = toRecord(row.fields, mapping, row.line);
    if (result.record) {
      if (preview.rows.length < PREVIEW_ROWS) preview.rows.push(result.record);
      preview.warnings.push(...result.warnings);
    } else {
      preview.sampleProblemRows++;
      preview.issues.push(...result.issues);
    }
  }
  return preview;
}

/**
 * Reads a whole file (decoded text chunks), validates every row and hands new records to
 * `sink.batch` in batches. The first row is the header. A row whose id is in `knownIds` or came
 * earlier in the file is a duplicate. Always `added + duplicates + rejected === rowsRead`.
 * Aborting through `signal` rejects with an error named `AbortError`; a bad row never throws.
 * ```ts
 * await importRows(decodeChunks(file.stream()), { delimiter: ',', mapping }, { batch: store });
 * // -> { rowsRead: 12, added: 11, duplicates: 1, rejected: 0, issues: [], ... }
 * ```
 */
export async function importRows(
  chunks: AsyncIterable<string>,
  opts: ImportOptions,
  sink: ImportSink,
): Promise<ImportSummary> {
  const { mapping, signal } = opts;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const known = opts.knownIds ?? new Set<string>();
  const seen = new Set<string>();
  const stream = new CsvRowStream({ delimiter: opts.delimiter, newline: asNewline(opts.newline) });
  const summary: ImportSummary = {
    rowsRead: 0,
    added: 0,
    duplicates: 0,
    rejected: 0,
    issues: [],
    issueCount: 0,
    warnings: [],
    warningCount: 0,
  };
  let headerSeen = false;
  let batch: StatementRecord[] = [];
  let charsRead = 0;

  const checkAbort = () => {
    if (signal?.aborted) throw abortError();
  };
  const keep = (into: RowIssue[], found: readonly RowIssue[]) => {
    for (const issue of found) if (into.length < MAX_STORED_ISSUES) into.push(issue);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    checkAbort();
    const full = batch;
    batch = [];
    await sink.batch(full);
    checkAbort();
  };
  const take = async (rows: CsvRow[]) => {
    for (const row of rows) {
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      summary.rowsRead++;
      const result = toRecord(row.fields, mapping, row.line);
      if (!result.record) {
        summary.rejected++;
        summary.issueCount += result.issues.length;
        keep(summary.issues, result.issues);
        continue;
      }
      if (result.warnings.length > 0) {
        summary.warningCount += result.warnings.length;
        keep(summary.warnings, result.warnings);
      }
      const { id } = result.record;
      if (known.has(id) || seen.has(id)) {
        summary.duplicates++;
        continue;
      }
      seen.add(id);
      summary.added++;
      batch.push(result.record);
      if (batch.length >= batchSize) await flush();
    }
  };

  checkAbort();
  for await (const chunk of chunks) {
    checkAbort();
    charsRead += chunk.length;
    await take(stream.push(chunk));
    sink.progress?.(summary.rowsRead, charsRead);
  }
  checkAbort();
  await take(stream.end());
  await flush();
  sink.progress?.(summary.rowsRead, charsRead);
  return summary;
}
