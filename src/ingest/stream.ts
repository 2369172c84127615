/**
 * Decoded text in chunks cut anywhere -> complete CSV rows with the file line each starts on.
 *
 * Why not PapaParse's own streaming: in 5.7 it decodes bytes per chunk, so a multi-byte UTF-8
 * character cut between chunks turns into U+FFFD, and it guesses the line ending from the first
 * chunk and keeps the guess. So we decode ourselves (`decodeChunks`), detect delimiter and line
 * ending from whole lines, cut the text only at a line ending outside quotes, and give Papa whole
 * records with both settings explicit.
 */
import {
  detectDelimiter,
  detectNewline,
  LineWait,
  SNIFF_CHARS,
  stripBom,
  type Newline,
} from './detect';
import { sized } from '../columnar/sized';
import { LiteralQuotes, openQuoteOf } from './open-quotes';
import { markUnclean, papaParse, parseSpans, type CsvRow, type Span } from './papa-rows';

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

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Space Papa allows between a closing quote and the delimiter (what `trim` drops). */
function isSpace(c: number, delim: number): boolean {
  if (c === delim || c === CR || c === LF) return false;
  return c === 32 || c === 9 || (c > 127 && /\s/.test(String.fromCharCode(c)));
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
  /** Counts whole lines before detection, to know when enough have arrived. */
  private readonly wait = new LineWait();
  // Record scanning after detection.
  private pos = 0;
  private recStart = 0;
  private recLine = 1;
  private line = 1;
  private inQuotes = false;
  private pending: Span[] = [];
  // The one-line-per-record shortcut: on, pushes to skip after it last failed, and how many
  // to skip after the next failure.
  private readonly shortcut: boolean;
  private skip = 0;
  private backoff = 1;
  private readonly literal: LiteralQuotes | null = null;
  /** Cells in the first row (the header), once read; 0 before. */
  private width = 0;
  /** Rows of the last parse that span lines (see `flagWide`). */
  private readonly suspects = new Set<CsvRow>();
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
    const rows = literal ? literal.restore(this.read(literal.apply(text))) : this.read(text);
    return this.flagWide(rows);
  }

  /**
   * A quote Papa closed only at a later row's quote: the rows between were read into one cell
   * with no error. Told by that cell's later lines looking like rows (as many delimiters as the
   * header, less one), or by the row being wider than the header. Flagged like a quote never
   * closed; a multi-line cell of ordinary text is kept.
   */
  private flagWide(rows: CsvRow[]): CsvRow[] {
    if (this.width === 0 && rows.length > 0) this.width = rows[0].fields.length;
    const delim = this.delimiter!;
    for (const row of rows) {
      const wide = row.fields.length > this.width;
      if (row.openQuote !== undefined || !(wide || this.suspects.has(row))) continue;
      const need = wide ? 1 : Math.max(2, this.width - 1);
      const cell = row.fields.findIndex((f) =>
        f
          .split(/\r\n|\r|\n/)
          .slice(1)
          .some((l) => l.split(delim).length > need),
      );
      if (cell >= 0) row.openQuote = openQuoteOf(row.fields, row.line, cell);
    }
    this.suspects.clear();
    return rows;
  }

  private read(text: string): CsvRow[] {
    if (this.ended) throw new Error('CsvRowStream: push after end');
    if (!this.started && text.length > 0) {
      text = stripBom(text);
      this.started = true;
    }
    this.buf += text;
    if (!this.ready && !this.wait.enough(this.buf)) return [];
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
   * no scan for quotes (the scan's cost after Papa's own; 100k rows in node: 308 -> 294 ms).
   * Returns null, with nothing changed, when that is not so (a quoted line break, a lone CR, a malformed quote, a `\r` line ending):
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
    const batch = papaParse(text, this.delimiter!, this.newline!);
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
    const held = this.literal ? this.read(this.literal.finish()) : [];
    this.ended = true;
    this.prepare(true);
    this.scan(true);
    this.endRecord(this.buf.length, this.buf.length);
    const rows = held.concat(this.flush());
    return this.flagWide(this.literal ? this.literal.restore(rows) : rows);
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
      this.pending.push({ start: this.recStart, end, line: this.recLine });
    }
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
      if (c === CR && j + 1 === len && !final) {
        i = j;
        break;
      }
      if (c === QUOTE) {
        // Quotes as Papa reads them, so rows end where it ends them: a quote opens a quoted
        // field only at the field's start (elsewhere it is text), and closes it only before a
        // delimiter, a line ending or the end, spaces allowed between (elsewhere it is text).
        if (!inQuotes) {
          inQuotes = j === this.recStart || buf.charCodeAt(j - 1) === delim;
        } else {
          let k = j + 1;
          while (k < len && isSpace(buf.charCodeAt(k), delim)) k++;
          if (k === len && !final) {
            i = j;
            break;
          }
          const next = k < len ? buf.charCodeAt(k) : -1;
          if (next === QUOTE && k === j + 1) {
            i = j + 2; // an escaped quote
            continue;
          }
          if (next === -1 || next === delim || next === CR || next === LF) inQuotes = false;
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
    const rows =
      spans.length === 0
        ? []
        : parseSpans(this.buf, spans, this.delimiter!, this.newline!, this.quotes, this.suspects);
    this.pending = [];
    if (this.recStart > 0) {
      this.buf = this.buf.slice(this.recStart);
      this.pos -= this.recStart;
      this.recStart = 0;
    }
    return rows;
  }
}
