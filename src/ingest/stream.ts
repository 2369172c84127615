/**
 * Decoded text in chunks cut anywhere -> complete CSV rows with the file line each starts on.
 *
 * Why not PapaParse's own streaming: in 5.7 it decodes bytes per chunk, so a multi-byte UTF-8
 * character cut between chunks turns into U+FFFD, and it guesses the line ending from the first
 * chunk and keeps the guess. So we decode ourselves (`decodeChunks`), detect delimiter and line
 * ending from whole lines, cut the text only at a line ending outside quotes, and give Papa whole
 * records with both settings explicit.
 */
import Papa, { type ParseResult } from 'papaparse';
import { detectDelimiter, detectNewline, MAX_LINES, stripBom, type Newline } from './detect';
import type { TextEncoding } from './formats/encoding';
import { needsCleaning, uncleanAt as unclean } from './normalize';
import { sized } from '../domain/sized';
import { LiteralQuotes } from './open-quotes';

/** One CSV row and the 1-based file line it starts on (the header is line 1). */
export interface CsvRow {
  fields: string[];
  line: number;
  /**
   * True when the row's own text has no character `cleanText` removes or changes: its cells
   * need only a trim. Absent: not known.
   */
  clean?: boolean;
  /**
   * Set when a quote opened in this row is never closed (by Papa's reading): the last file line
   * read into the row's cell. Lines `line`..`openQuote` were read as one cell.
   */
  openQuote?: number;
}

export interface CsvStreamOptions {
  /** Detected from the first whole lines when not given. */
  delimiter?: string;
  /** Detected from the first whole lines when not given. */
  newline?: Newline;
  /**
   * False for files that never quote (raw GDELT and Phoenix): a `"` is then plain text, so a
   * stray one in a name or link cannot swallow the lines after it. Default true.
   */
  quotes?: boolean;
  /**
   * File lines whose `"` are text, not quotes (the user's choice for a quote never closed).
   */
  textQuotes?: readonly number[];
  /**
   * Try the one-line-per-record shortcut before scanning for record ends (see `lineRows`).
   * Default true; tests turn it off to compare the two.
   */
  shortcut?: boolean;
}

/** Detection waits for this much text when the first lines are very long. */
const SNIFF_CHARS = 64 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface Span {
  start: number;
  end: number;
  line: number;
  /** A quote in it may be read by Papa otherwise than by the scan (see `scan`). */
  odd?: boolean;
}

/**
 * Line breaks in a row's text as an editor counts them: `\r\n`, `\n` and `\r` are one each.
 * `lineBreaks(['a\r\nb', 'c\n'])` -> 2.
 */
function lineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === CR) n++;
      else if (c === LF && (i === 0 || field.charCodeAt(i - 1) !== CR)) n++;
    }
  }
  return n;
}

/** 1 when the last cell ends with a line break (the file's last line ending), else 0. */
function trailingBreaks(fields: readonly string[]): number {
  const last = fields[fields.length - 1] ?? '';
  const c = last.charCodeAt(last.length - 1);
  return c === CR || c === LF ? 1 : 0;
}

/**
 * Marks the rows whose own text (a span, without its line ending) has a character cleanText
 * changes: one scan of the text read together (`text` starts at buffer position `base`), not
 * one per cell. A row's mark depends only on its own text, however the file was cut.
 * Row k's text is `starts[k]..ends[k]` (buffer positions, ascending, not overlapping).
 */
function markUnclean(
  rows: CsvRow[],
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  text: string,
  base: number,
): void {
  let k = 0;
  const n = rows.length;
  for (let at = unclean(text, 0); at >= 0; at = unclean(text, at - base + 1)) {
    at += base;
    while (k < n && ends[k] <= at) k++;
    if (k === n) return;
    if (at >= starts[k]) {
      rows[k].clean = false;
      at = ends[k] - 1; // the rest of this row need not be looked at
    }
  }
}

/** Papa parsers by delimiter and line ending, made once for the whole worker. */
const PARSERS = new Map<string, Papa.Parser>();

/**
 * A PapaParse parser for this delimiter and line ending, shared by every stream of the worker.
 * `Papa.parse(text, config)` builds a new parser, with new closures, for every call: in a
 * Chromium worker the optimized code of Papa's parse loop was thrown away and compiled again
 * every 150-300 ms of a 1M-row import (TurboFan log: 29 compiles of parse, 0.68 s of compiling,
 * on the core the other worker needs). Sharing one parser also keeps what the warm-up compiled.
 * Safe to share: each `parse` call runs to the end synchronously and starts from a clean state,
 * and nothing here aborts or pauses it. With header rows, typing and empty-line skipping off,
 * `Papa.parse` returns exactly what its parser returns.
 */
function parserFor(delimiter: string, newline: Newline): Papa.Parser {
  const key = delimiter + newline;
  let parser = PARSERS.get(key);
  if (parser === undefined) {
    parser = new Papa.Parser({
      delimiter,
      newline,
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
    });
    PARSERS.set(key, parser);
  }
  return parser;
}

/**
 * Splits a stream of text chunks into CSV rows. Blank lines are skipped but counted, so line
 * numbers stay those of the file, including line breaks inside quoted fields. Without a given
 * delimiter and line ending, rows come out once 50 whole lines (or 64 KiB) have arrived to
 * detect them from, or at `end()`.
 *
 * ```ts
 * const stream = new CsvRowStream({ delimiter: ',', newline: '\n' });
 * stream.push('date,actor\n2024-12-18,"Sergey\nLav'); // -> [{ fields: ['date', 'actor'], line: 1 }]
 * stream.push('rov"\n\n2024,Kellogg');                 // -> [{ fields: ['2024-12-18', 'Sergey\nLavrov'], line: 2 }]
 * stream.end();                                          // -> [{ fields: ['2024', 'Kellogg'], line: 5 }]
 * ```
 */
export class CsvRowStream {
  private buf = '';
  private started = false;
  private ended = false;
  /** Delimiter and line ending are known (given, or detected from enough text). */
  private ready = false;
  private delimiter: string | undefined;
  private newline: Newline | undefined;
  private readonly quotes: boolean;
  // Line counting before detection, to know when enough whole lines have arrived.
  private sniffPos = 0;
  private sniffQuotes = false;
  private sniffLines = 0;
  // Record scanning after detection.
  private pos = 0;
  private recStart = 0;
  private recLine = 1;
  private line = 1;
  private inQuotes = false;
  /** The record being scanned has a quote Papa may read otherwise (see `scan`). */
  private odd = false;
  private pending: Span[] = [];
  // The one-line-per-record shortcut: on, pushes to skip after it last failed, and how many
  // to skip after the next failure.
  private readonly shortcut: boolean;
  private skip = 0;
  private backoff = 1;
  private readonly literal: LiteralQuotes | null = null;
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);

  constructor(options: CsvStreamOptions = {}) {
    this.delimiter = options.delimiter;
    this.newline = options.newline;
    this.quotes = options.quotes ?? true;
    this.shortcut = options.shortcut ?? true;
    this.ready = this.delimiter !== undefined && this.newline !== undefined;
    if (options.textQuotes?.length) this.literal = new LiteralQuotes(options.textQuotes);
  }

  /** The file line the next text starts on (after `end()`: one past the last line read). */
  get nextLine(): number {
    return this.line;
  }

  /** The delimiter in use (undefined until enough text has arrived to detect it). */
  get detectedDelimiter(): string | undefined {
    return this.ready ? this.delimiter : undefined;
  }

  /** The line ending in use (undefined until enough text has arrived to detect it). */
  get detectedNewline(): Newline | undefined {
    return this.ready ? this.newline : undefined;
  }

  /** Adds text; returns the rows completed by it (none of them blank). */
  push(text: string): CsvRow[] {
    const literal = this.literal;
    return literal ? literal.restore(this.read(literal.apply(text))) : this.read(text);
  }

  private read(text: string): CsvRow[] {
    if (this.ended) throw new Error('CsvRowStream: push after end');
    if (!this.started && text.length > 0) {
      text = stripBom(text);
      this.started = true;
    }
    this.buf += text;
    if (!this.ready && !this.sniffEnough()) return [];
    this.prepare(false);
    if (this.shortcut && this.quotes && this.atRecordStart()) {
      if (this.skip > 0) this.skip--;
      else {
        const rows = this.lineRows();
        if (rows !== null) {
          this.backoff = 1;
          return rows;
        }
        // Records span lines here (or the text is odd): scan, and try again a little later.
        this.skip = this.backoff;
        this.backoff = Math.min(64, this.backoff * 2);
      }
    }
    this.scan();
    return this.flush();
  }

  /**
   * True when the buffer starts a record and nothing of it has been scanned that a rescan would
   * count differently (no line break, no open quote), so the shortcut can read it from 0.
   */
  private atRecordStart(): boolean {
    if (this.recStart !== 0 || this.pending.length > 0 || this.inQuotes) return false;
    if (this.line !== this.recLine) return false;
    // Scanned so far: part of one record on one line, outside quotes; read again from 0.
    this.pos = 0;
    return true;
  }

  /**
   * The shortcut for the usual file, where every record is one line: cut the buffer at its last
   * line ending, let Papa read the records before it, and if Papa finds as many records as there
   * are line endings, with no error, each record is one line and its line number is known, with
   * no scan for quotes (in a Chromium worker's profile the scan was the largest cost after
   * Papa's own; in node, 100k generated rows in 32 KiB pieces, the shortcut reads them ~5%
   * faster: 308 -> 294 ms, medians of 7). Returns null, with nothing changed,
   * when that is not so (a quoted line break, a lone CR, a malformed quote, a `\r` line ending):
   * the caller scans instead. Both give the same rows; a property test compares them.
   */
  private lineRows(): CsvRow[] | null {
    const nl = this.newline;
    if (nl !== '\n' && nl !== '\r\n') return null;
    const crlf = nl === '\r\n';
    const buf = this.buf;
    const last = buf.lastIndexOf('\n');
    if (last < 0) return [];
    if (crlf && buf.charCodeAt(last - 1) !== CR) return null;
    const text = buf.slice(0, crlf ? last - 1 : last);
    // Each record's text, without its line ending.
    let starts = this.starts;
    let ends = this.ends;
    let n = 0;
    let start = 0;
    for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
      if (n === ends.length) {
        starts = this.starts = sized(starts, n * 2);
        ends = this.ends = sized(ends, n * 2);
      }
      starts[n] = start;
      if (i < 0) {
        ends[n++] = text.length;
        break;
      }
      if (crlf && text.charCodeAt(i - 1) !== CR) return null;
      ends[n++] = crlf ? i - 1 : i;
      start = i + 1;
    }
    // A CR that is not part of a line ending is a line break of its own.
    let crs = 0;
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
      if (++crs >= n) return null;
    }
    if (crlf ? crs !== n - 1 : crs !== 0) return null;
    const batch = this.papa(text);
    if (batch.errors.length > 0 || batch.data.length !== n) return null;
    const data = batch.data;
    const rows: CsvRow[] = [];
    const line = this.recLine;
    for (let k = 0; k < n; k++) {
      const fields = data[k];
      if (fields.length === 1 && this.isBlank(starts[k], ends[k])) continue;
      starts[rows.length] = starts[k];
      ends[rows.length] = ends[k];
      rows.push({ fields, line: line + k, clean: true });
    }
    markUnclean(rows, starts, ends, text, 0);
    this.line = this.recLine = line + n;
    this.buf = buf.slice(last + 1);
    return rows;
  }

  /** Ends the stream; returns the remaining rows (the last line needs no line ending). */
  end(): CsvRow[] {
    if (this.ended) return [];
    this.ended = true;
    this.prepare(true);
    this.scan(true);
    this.endRecord(this.buf.length, this.buf.length);
    const rows = this.flush();
    return this.literal ? this.literal.restore(rows) : rows;
  }

  /** True once more than MAX_LINES whole lines or SNIFF_CHARS characters have arrived. */
  private sniffEnough(): boolean {
    const buf = this.buf;
    if (buf.length > SNIFF_CHARS) return true;
    let i = this.sniffPos;
    for (; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c === QUOTE) this.sniffQuotes = !this.sniffQuotes;
      else if (this.sniffQuotes) continue;
      else if (c === LF) this.sniffLines++;
      else if (c === CR) {
        // Whether this is `\r` or the start of `\r\n` shows only with the next character.
        if (i + 1 >= buf.length) break;
        if (buf.charCodeAt(i + 1) !== LF) this.sniffLines++;
      }
    }
    this.sniffPos = i;
    return this.sniffLines > MAX_LINES;
  }

  /**
   * Detects what was not given. The sample is always the first SNIFF_CHARS characters (or all
   * of a shorter file) and detection reads only its first MAX_LINES whole lines, so the result
   * is the same however the text was cut into chunks.
   */
  private prepare(complete: boolean): void {
    if (this.ready) return;
    const sample = this.buf.slice(0, SNIFF_CHARS);
    const whole = complete && this.buf.length <= SNIFF_CHARS;
    this.delimiter ??= detectDelimiter(sample);
    this.newline ??= detectNewline(sample, whole);
    this.ready = true;
  }

  private isBlank(start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = this.buf.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== CR && c !== LF) return false;
    }
    return true;
  }

  private endRecord(end: number, next: number): void {
    if (!this.isBlank(this.recStart, end)) {
      const span: Span = { start: this.recStart, end, line: this.recLine };
      if (this.odd) span.odd = true;
      this.pending.push(span);
    }
    this.odd = false;
    this.recStart = next;
    this.recLine = this.line;
  }

  /**
   * Finds record ends: a line ending of any kind (`\r\n`, `\n`, `\r`) outside quotes, whatever
   * the detected one, so a CRLF file with LF rows appended loses no row (Papa reads only the
   * detected ending: records are handed to it joined by that one). Quote parity is enough to
   * know "inside quotes", since an escaped `""` flips it twice. Line breaks of every kind are
   * counted, inside quotes too, as an editor numbers lines. Only `"`, `\r` and `\n` matter, so
   * it jumps between them with indexOf (memchr-fast) instead of looking at every character:
   * about twice as fast as a charCodeAt loop on ordinary rows. A `\r` that ends the text waits
   * for the next text (it may start a `\r\n`) unless `final`.
   */
  private scan(final = false): void {
    const buf = this.buf;
    const len = buf.length;
    let { line, inQuotes } = this;
    const delim = this.delimiter!.charCodeAt(0);
    // Next position of each special character at or after i; -1 when there is none left.
    let nextQuote = this.quotes ? -2 : -1;
    let nextLf = -2;
    let nextCr = -2;
    let i = this.pos;
    for (;;) {
      if (nextQuote !== -1 && nextQuote < i) nextQuote = buf.indexOf('"', i);
      if (nextLf !== -1 && nextLf < i) nextLf = buf.indexOf('\n', i);
      if (nextCr !== -1 && nextCr < i) nextCr = buf.indexOf('\r', i);
      let j = len;
      if (nextQuote !== -1 && nextQuote < j) j = nextQuote;
      if (nextLf !== -1 && nextLf < j) j = nextLf;
      if (nextCr !== -1 && nextCr < j) j = nextCr;
      if (j === len) {
        i = len;
        break;
      }
      const c = buf.charCodeAt(j);
      if ((c === QUOTE || c === CR) && j + 1 === len && !final) {
        i = j;
        break;
      }
      if (c === QUOTE) {
        if (!inQuotes) {
          inQuotes = true;
          // Papa opens a quoted field only at the field's start; elsewhere `"` is text to it.
          if (j > this.recStart && buf.charCodeAt(j - 1) !== delim) this.odd = true;
        } else {
          const next = j + 1 < len ? buf.charCodeAt(j + 1) : -1;
          if (next === QUOTE) {
            i = j + 2;
            continue;
          }
          inQuotes = false;
          // Papa closes one only before a delimiter, a line ending or the end.
          if (next !== -1 && next !== delim && next !== CR && next !== LF) this.odd = true;
        }
      } else if (c === CR) {
        // A `\r\n` is counted and ended at its `\n`.
        if (buf.charCodeAt(j + 1) !== LF) {
          line++;
          if (!inQuotes) {
            this.line = line;
            this.endRecord(j, j + 1);
          }
        }
      } else {
        // The text before 0 (dropped) ended a record, so it was no `\r` of this `\n`.
        const prevCR = j > 0 && buf.charCodeAt(j - 1) === CR;
        line++;
        if (!inQuotes) {
          this.line = line;
          this.endRecord(prevCR ? j - 1 : j, j + 1);
        }
      }
      i = j + 1;
    }
    this.pos = i;
    this.line = line;
    this.inQuotes = inQuotes;
  }

  /** Parses the complete records found so far and drops their text from the buffer. */
  private flush(): CsvRow[] {
    const spans = this.pending;
    const rows = spans.length === 0 ? [] : this.parse(spans);
    this.pending = [];
    if (this.recStart > 0) {
      this.buf = this.buf.slice(this.recStart);
      this.pos -= this.recStart;
      this.recStart = 0;
    }
    return rows;
  }

  private papa(text: string): ParseResult<string[]> {
    return parserFor(this.delimiter!, this.newline!).parse(text, 0, false) as ParseResult<string[]>;
  }

  /**
   * One Papa call for all records (fast); if Papa disagrees about where rows end or reports
   * malformed quotes, each record is parsed alone so every row keeps its own line number.
   */
  private parse(spans: Span[]): CsvRow[] {
    const buf = this.buf;
    if (!this.quotes) {
      const delimiter = this.delimiter!;
      return spans.map((s) => ({
        fields: buf.slice(s.start, s.end).split(delimiter),
        line: s.line,
      }));
    }
    const nl = this.newline!;
    let contiguous = true;
    for (let k = 1; k < spans.length && contiguous; k++) {
      const gap = spans[k - 1].end;
      contiguous = spans[k].start === gap + nl.length && buf.startsWith(nl, gap);
    }
    const odd = spans.some((s) => s.odd === true);
    const text = odd
      ? ''
      : contiguous
        ? buf.slice(spans[0].start, spans[spans.length - 1].end)
        : spans.map((s) => buf.slice(s.start, s.end)).join(nl);
    const batch = odd ? null : this.papa(text);
    if (batch !== null && batch.errors.length === 0 && batch.data.length === spans.length) {
      const rows = batch.data.map((fields, k) => ({ fields, line: spans[k].line, clean: true }));
      if (contiguous)
        markUnclean(
          rows,
          spans.map((sp) => sp.start),
          spans.map((sp) => sp.end),
          text,
          spans[0].start,
        );
      else
        for (const [k, s] of spans.entries())
          rows[k].clean = !needsCleaning(buf.slice(s.start, s.end));
      return rows;
    }
    const rows: CsvRow[] = [];
    for (const span of spans) {
      let line = span.line;
      const clean = !needsCleaning(buf.slice(span.start, span.end));
      const { data, errors } = this.papa(buf.slice(span.start, span.end));
      const unclosed = new Set(errors.filter((e) => e.type === 'Quotes').map((e) => e.row));
      for (const [k, fields] of data.entries()) {
        const blank = fields.length === 1 && fields[0].trim() === '';
        const breaks = lineBreaks(fields);
        const row: CsvRow = { fields, line, clean };
        // A quoted cell Papa could not close that took in line breaks: the lines after its
        // opening quote were read into it (a row that stays on its line loses nothing).
        const last = line + breaks - trailingBreaks(fields);
        if (unclosed.has(k) && last > line) row.openQuote = last;
        if (!blank) rows.push(row);
        line += 1 + breaks;
      }
    }
    return rows;
  }
}

/**
 * Bytes -> text chunks in the given encoding (UTF-8 unless told; see `detectEncoding`), with
 * characters cut between byte chunks put back together (`stream: true`) and a leading byte
 * order mark dropped. Invalid bytes become U+FFFD rather than failing the import (the pipeline
 * reports the rows they are in). Works wherever TextDecoder does: node, a page, a worker.
 * `decodeChunks(file.stream(), 'utf-16le')` -> `'date,actor\n'`, ... from UTF-16 LE bytes.
 */
/** Bytes decoded at a time (see decodeChunks). */
const DECODE_PIECE = 32 * 1024;

export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf-8',
  /** False for a later part of a file, where U+FEFF is a character, not a byte order mark. */
  fileStart = true,
): AsyncIterable<string> {
  // ignoreBOM: keep the mark in the output so that exactly one is removed, here.
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  let first = fileStart;
  for await (const chunk of bytes) {
    // Decoded a piece at a time: a 64 KiB read of mostly-ASCII text with some Cyrillic is a
    // 128 KiB two-byte string, past V8's largest young-generation object, so it and every string
    // joined from it are allocated one by one in large-object pages. Node, 100k generated rows:
    // the row stream's first look at each such string (which copies it flat) took 42 ms in all,
    // 6.5 ms with 32 KiB pieces; Chromium, 100k-row imports: 746 -> 680 ms (medians of 10).
    for (let at = 0; at < chunk.length; at += DECODE_PIECE) {
      const piece =
        at === 0 && chunk.length <= DECODE_PIECE ? chunk : chunk.subarray(at, at + DECODE_PIECE);
      let text = decoder.decode(piece, { stream: true });
      if (first && text.length > 0) {
        text = stripBom(text);
        first = false;
      }
      if (text.length > 0) yield text;
    }
  }
  let rest = decoder.decode();
  if (first) rest = stripBom(rest);
  if (rest.length > 0) yield rest;
}
