/**
 * The full run of an import as pure functions the worker calls: every row read, checked and
 * handed to a sink in batches as normalized records (the preview of a file's first part is
 * src/ingest/preview.ts). No DOM, no Dexie: runs in a worker and in node.
 */
import type { RowIssue, StatementRecord } from '../domain/types';
import type { ColumnMapping } from './columns';
import { type Newline } from './detect';
import { DEFAULT_RULE, makeContext } from './formats/common';
import { countInvalid } from './formats/encoding';
import { getFormat } from './formats/index';
import type { Format, FormatId, NativeValues, RowMapper, Rule } from './formats/types';
import { CsvRowStream } from './stream';
import type { CsvRow } from './papa-rows';
import { buildRecord } from './validate';
import { IdSet } from '../columnar/id-set';
import { openQuoteIssue, type OpenQuote } from './open-quotes';
import { RejectedKeeper, type RejectedRows } from './rejected';
import { isUpdate, keepUpdates, type KnownStatements } from './updates';

export interface ImportSummary {
  /** Data rows read: blank lines and the header are not rows. */
  rowsRead: number;
  added: number;
  /** Rows whose id was already stored with the same content, or came earlier in the file. */
  duplicates: number;
  /** Rows whose id was already stored with other editable content (src/ingest/updates.ts). */
  updated: number;
  /** The file's records of those updates, the first MAX_KEPT_UPDATES of them. */
  updates: StatementRecord[];
  rejected: number;
  /** The issues of rejected rows, the first MAX_STORED_ISSUES of them. */
  issues: RowIssue[];
  /** All issues found, stored or not. */
  issueCount: number;
  /** Notes on rows that were kept (a dropped link), the first MAX_STORED_ISSUES of them. */
  warnings: RowIssue[];
  warningCount: number;
  /** Characters that could not be decoded (U+FFFD) in the whole file (absent: none). */
  invalidChars?: number;
  /** The first quote that is never closed; its row is rejected (absent: none). */
  openQuote?: OpenQuote;
  /** The first rejected rows' own cells, for the rejected-rows download (absent: not kept). */
  rejectedRows?: RejectedRows;
}

export interface ImportOptions {
  delimiter: string;
  /** `\r\n`, `\n` or `\r`; detected from the first whole lines when absent. */
  newline?: string;
  /** The format (native when absent) and the rule from the preview. */
  format?: FormatId | string;
  rule?: Rule;
  /** Native and wide tables: which column holds which native column. */
  mapping: ColumnMapping;
  /**
   * Ids already stored, with their content hashes when given as a map: a row with such an id
   * is a duplicate, or an update when its content differs.
   */
  knownIds?: KnownStatements;
  /**
   * The header row, when the text is a later part of a file whose first row was the header:
   * columns are then found by these names and the text's first row is data.
   */
  partHeaders?: readonly string[];
  /** Ids seen so far, filled as rows are kept (a later part of the file is checked against it). */
  seen?: IdSet;
  /** Told, at the end, the file line after the last one read (where a next part would start). */
  onEnd?: (nextLine: number) => void;
  /** Records per `sink.batch` call; 10 000 matches the store's chunk size. */
  batchSize?: number;
  signal?: AbortSignal;
  /** How long the loop runs before it lets queued messages in (YIELD_MS when absent). */
  yieldMs?: number;
  /** False: the rejected rows' cells are not kept (a dry run that only counts). */
  keepRejected?: boolean;
}

export interface ImportSink {
  batch(records: StatementRecord[]): Promise<void> | void;
  progress?(rowsRead: number, charsRead: number): void;
}

/**
 * A sink that takes each kept record as it is read (a ChunkEncoder's `add`) and is asked for
 * the batch when `size` reaches the batch size: nothing holds the records themselves, so each
 * one is garbage as soon as it is added.
 */
export interface BuildingSink<B> {
  add(record: StatementRecord): void;
  /** Records added since the last `take`. */
  readonly size: number;
  /** Ends the batch being built, synchronously: the next record starts the next batch. */
  take(): B;
  /** Stores a batch; at most one write is in flight while the next batch is read. */
  write(batch: B): Promise<void> | void;
  progress?(rowsRead: number, charsRead: number): void;
}

/** A sink of record arrays as a building sink: `batch` gets each batch's records. */
function recordBatches(sink: ImportSink): BuildingSink<StatementRecord[]> {
  let records: StatementRecord[] = [];
  return {
    add: (record) => void records.push(record),
    get size() {
      return records.length;
    },
    take: () => {
      const full = records;
      records = [];
      return full;
    },
    write: (full) => sink.batch(full),
    progress: sink.progress && ((rows, chars) => sink.progress?.(rows, chars)),
  };
}

/** Enough to show and export every problem of a bad file, bounded for a pathological one. */
export const MAX_STORED_ISSUES = 50_000;

const INVALID_MESSAGE =
  "has bytes that are not valid text in the file's encoding (shown as \uFFFD)";
export const DEFAULT_BATCH_SIZE = 10_000;
/** How long the import loop runs before it lets queued messages (Cancel, Import) in. */
const YIELD_MS = 50;

/**
 * Resolves after the tasks already queued (messages) have run. Through a MessageChannel where
 * there is one: nested `setTimeout(0)` calls are clamped to 4 ms each.
 */
function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function asNewline(text: string | undefined): Newline | undefined {
  return text === '\r\n' || text === '\n' || text === '\r' ? text : undefined;
}

/** The error an aborted import throws, recognisable by `name === 'AbortError'`. */
function abortError(): Error {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Reads a whole file (decoded text chunks), validates every row and hands new records to
 * `sink.batch` in batches. The first row is the header. A row whose id came earlier in the file,
 * or is in `knownIds` with the same content, is a duplicate; in `knownIds` with other content,
 * an update (counted, kept in the summary, not stored).
 * Always `added + duplicates + updated + rejected === rowsRead`.
 * Aborting through `signal` rejects with an error named `AbortError`; a bad row never throws.
 * ```ts
 * await importRows(decodeChunks(file.stream()), { delimiter: ',', mapping }, { batch: store });
 * // -> { rowsRead: 12, added: 11, duplicates: 1, updated: 0, rejected: 0, issues: [], ... }
 * ```
 */
export async function importRows<B>(
  chunks: AsyncIterable<string>,
  opts: ImportOptions,
  into: ImportSink | BuildingSink<B>,
): Promise<ImportSummary> {
  const sink: BuildingSink<unknown> = 'add' in into ? into : recordBatches(into);
  const yieldMs = opts.yieldMs ?? YIELD_MS;
  const format = getFormat(opts.format);
  const rule: Rule = opts.rule ?? { ...DEFAULT_RULE };
  const stream = new CsvRowStream({
    delimiter: opts.delimiter,
    newline: asNewline(opts.newline),
    quotes: !(format.rawUnquoted && !rule.header),
    textQuotes: rule.textQuotes,
  });
  // With a header, columns are found by name once it is read; without, by the codebook.
  const mapper: RowMapper | null = !rule.header
    ? format.mapper(makeContext(format.columns ?? [], false, opts.mapping), rule)
    : opts.partHeaders
      ? format.mapper(makeContext(opts.partHeaders, true, opts.mapping), rule)
      : null;
  const reader = new RowReader(sink, format, rule, opts, mapper);
  let charsRead = 0;
  let lastYield = performance.now();
  try {
    reader.checkAbort();
    for await (const chunk of chunks) {
      reader.checkAbort();
      charsRead += chunk.length;
      const invalid = countInvalid(chunk);
      if (invalid > 0) {
        reader.summary.invalidChars = (reader.summary.invalidChars ?? 0) + invalid;
        reader.invalidSeen = true;
      }
      await reader.take(stream.push(chunk));
      sink.progress?.(reader.summary.rowsRead, charsRead);
      if (performance.now() - lastYield > yieldMs) {
        // Reads of a file already in memory resolve as microtasks, so without this the loop
        // never lets a message in: a Cancel, or an Import that must stop the preview's count,
        // waited for the whole file (measured here: ~5 s at 1M rows before the import began).
        await nextMacrotask();
        lastYield = performance.now();
      }
    }
    reader.checkAbort();
    await reader.take(stream.end());
    await reader.flush();
    await reader.settle();
    reader.checkAbort();
  } catch (e) {
    // Never leave a write running behind the caller's cleanup (the importer deletes what was
    // written when this rejects).
    await reader.writing?.catch(() => undefined);
    throw e;
  }
  sink.progress?.(reader.summary.rowsRead, charsRead);
  opts.onEnd?.(stream.nextLine);
  return reader.summary;
}

/** Adds issues to a list until it holds MAX_STORED_ISSUES. */
function keep(into: RowIssue[], found: readonly RowIssue[]): void {
  for (const issue of found) if (into.length < MAX_STORED_ISSUES) into.push(issue);
}

/**
 * importRows' work on each row, as a class rather than closures made on every call, so the code
 * the warm-up compiled also reads the user's file (closures: 0.75 s of compiling again per
 * 100k-row import; docs/performance.md, "ingest/pipeline.ts").
 */
class RowReader {
  readonly summary: ImportSummary = {
    rowsRead: 0,
    added: 0,
    duplicates: 0,
    updated: 0,
    updates: [],
    rejected: 0,
    issues: [],
    issueCount: 0,
    warnings: [],
    warningCount: 0,
    invalidChars: 0,
  };
  /** Some text of the file could not be decoded: rows are checked for U+FFFD. */
  invalidSeen = false;
  /**
   * At most one batch write in flight: the next batch is parsed while the store commits the
   * previous one (IndexedDB commits off the JS thread), and memory stays bounded to two batches.
   * Chromium worker, 100k generated rows on a loaded 2-core machine, medians of 4: 4.0 s with
   * each write awaited before parsing on, 3.2 s overlapped.
   */
  writing: Promise<void> | null = null;
  private readonly known: KnownStatements;
  private readonly checkKnown: boolean;
  private readonly seen: IdSet;
  private readonly batchSize: number;
  private readonly signal: AbortSignal | undefined;
  private readonly mapping: ColumnMapping;
  private readonly dateFormat: Rule['dateFormat'];
  private readonly rejects: RejectedKeeper | null;

  constructor(
    private readonly sink: BuildingSink<unknown>,
    private readonly format: Format,
    private readonly rule: Rule,
    opts: ImportOptions,
    private mapper: RowMapper | null,
  ) {
    this.known = opts.knownIds ?? new Set<string>();
    this.checkKnown = this.known.size > 0;
    this.seen = opts.seen ?? new IdSet();
    this.batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    this.signal = opts.signal;
    this.mapping = opts.mapping;
    this.dateFormat = rule.dateFormat;
    const headers = opts.partHeaders ?? (rule.header ? [] : (format.columns ?? []));
    this.rejects = opts.keepRejected === false ? null : new RejectedKeeper(headers);
    if (this.rejects) this.summary.rejectedRows = this.rejects.kept;
  }

  checkAbort(): void {
    if (this.signal?.aborted) throw abortError();
  }

  async take(rows: CsvRow[]): Promise<void> {
    const { summary } = this;
    for (const row of rows) {
      const mapper = this.mapper;
      if (mapper === null) {
        const headers = row.fields.map((h) => h.trim());
        this.mapper = this.format.mapper(makeContext(headers, true, this.mapping), this.rule);
        this.rejects?.setHeaders(headers);
        continue;
      }
      if (row.openQuote !== undefined) {
        const { line, last, rows } = row.openQuote;
        this.unclosed({ line, last }, rows);
        this.rejects?.add(line);
        continue;
      }
      if (this.invalidSeen && row.fields.some((f) => f.includes('\uFFFD'))) {
        summary.warningCount++;
        keep(summary.warnings, [{ line: row.line, column: 'text', message: INVALID_MESSAGE }]);
      }
      const rejected = summary.rejected;
      const out = mapper(row.fields, row.line, row.clean);
      if (Array.isArray(out)) for (const values of out) this.one(values, row.line);
      else this.one(out, row.line);
      if (summary.rejected !== rejected) this.rejects?.add(row.line, row.fields);
      if (this.sink.size >= this.batchSize) await this.flush();
    }
  }

  /**
   * A row whose quote never closes: the `rows` of the file it took in are rejected (so every row
   * is still accounted for), and the first such quote is kept for the preview.
   */
  unclosed(open: OpenQuote, rows: number): void {
    const { summary } = this;
    summary.openQuote ??= open;
    summary.rowsRead += rows;
    summary.rejected += rows;
    summary.issueCount++;
    keep(summary.issues, [openQuoteIssue(open)]);
  }

  /** One statement's values. Synchronous: an await per row costs measurably on large files. */
  one(values: NativeValues, line: number): void {
    const { summary } = this;
    summary.rowsRead++;
    const result = buildRecord(values, line, this.dateFormat);
    if (!result.record) {
      summary.rejected++;
      summary.issueCount += result.issues.length;
      keep(summary.issues, result.issues);
      return;
    }
    if (result.warnings.length > 0) {
      summary.warningCount += result.warnings.length;
      keep(summary.warnings, result.warnings);
    }
    const { id } = result.record;
    // No probe of an empty `known`; one of `seen` (see IdSet for why it is not a Set).
    if (this.checkKnown && this.known.has(id)) {
      // Once per file: a stored id repeated in the file is a duplicate the second time.
      if (this.seen.add(id) && isUpdate(result.record, this.known)) {
        summary.updated++;
        keepUpdates(summary.updates, [result.record]);
      } else summary.duplicates++;
      return;
    }
    if (!this.seen.add(id)) {
      summary.duplicates++;
      return;
    }
    summary.added++;
    this.sink.add(result.record);
  }

  /** Ends the batch being built and starts writing it once the previous write is done. */
  async flush(): Promise<void> {
    if (this.sink.size === 0) return;
    this.checkAbort();
    const full = this.sink.take();
    await this.settle();
    this.checkAbort();
    const w = Promise.resolve(this.sink.write(full));
    // Observed here so a write failing while the next batch is parsed is not "unhandled"; the
    // failure itself is thrown by the next settle().
    w.catch(() => undefined);
    this.writing = w;
  }

  /** Waits for the write in flight; throws its failure. */
  async settle(): Promise<void> {
    const w = this.writing;
    this.writing = null;
    if (w) await w;
  }
}
