/** CSV rows from the records the row stream found: PapaParse, its shared parsers, clean marks. */
import Papa, { type ParseResult } from 'papaparse';
import type { Newline } from './detect';
import { needsCleaning, uncleanAt as unclean } from './normalize';
import { openQuoteOf, type OpenQuoteRow } from './open-quotes';

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
   * Set when a quote opened in this row is never closed (by Papa's reading): where it opened,
   * the last line read into its cell, and the rows of the file that cell took in.
   */
  openQuote?: OpenQuoteRow;
}

/** A record's text in the buffer, without its line ending, and the file line it starts on. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

const CR = 13;
const LF = 10;

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

/**
 * Marks the rows whose own text (a span, without its line ending) has a character cleanText
 * changes: one scan of the text read together (`text` starts at buffer position `base`), not
 * one per cell. A row's mark depends only on its own text, however the file was cut.
 * Row k's text is `starts[k]..ends[k]` (buffer positions, ascending, not overlapping).
 */
export function markUnclean(
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
 * A PapaParse parser for this delimiter and line ending, shared by every stream of the worker:
 * `Papa.parse` builds one per call, and V8 recompiled its parse loop every 150-300 ms of an import
 * (docs/performance.md, "ingest/papa-rows.ts"). Safe to share: each `parse` call runs to the end
 * synchronously from a clean state, and with header rows, typing and empty-line skipping off it
 * returns exactly what `Papa.parse` would.
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

/** Papa's rows and errors for `text`. */
export function papaParse(
  text: string,
  delimiter: string,
  newline: Newline,
): ParseResult<string[]> {
  return parserFor(delimiter, newline).parse(text, 0, false) as ParseResult<string[]>;
}

/**
 * One Papa call for all records (fast); if Papa disagrees about where rows end or reports
 * malformed quotes, each record is parsed alone so every row keeps its own line number.
 */
export function parseSpans(
  buf: string,
  spans: Span[],
  delimiter: string,
  newline: Newline,
  quotes: boolean,
  /** Gets the rows that span lines, for the stream's check of quotes closed too late. */
  suspects: Set<CsvRow>,
): CsvRow[] {
  if (!quotes) {
    return spans.map((s) => ({
      fields: buf.slice(s.start, s.end).split(delimiter),
      line: s.line,
    }));
  }
  let contiguous = true;
  for (let k = 1; k < spans.length && contiguous; k++) {
    const gap = spans[k - 1].end;
    contiguous = spans[k].start === gap + newline.length && buf.startsWith(newline, gap);
  }
  const text = contiguous
    ? buf.slice(spans[0].start, spans[spans.length - 1].end)
    : spans.map((s) => buf.slice(s.start, s.end)).join(newline);
  const batch = papaParse(text, delimiter, newline);
  if (batch.errors.length === 0 && batch.data.length === spans.length) {
    const rows = batch.data.map((fields, k) => ({ fields, line: spans[k].line, clean: true }));
    for (let k = 0; k < rows.length; k++) {
      const next = k + 1 < spans.length ? spans[k + 1].line : Infinity;
      if (next - spans[k].line > 1) suspects.add(rows[k]);
    }
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
    // Every line ending as `\n`, so Papa ends a row at any kind, as the scan does (a span
    // the scan misread may hold several rows); inside cells it is what cleanText makes of them.
    const text = buf.slice(span.start, span.end).replace(/\r\n?/g, '\n');
    const { data, errors } = papaParse(text, delimiter, '\n');
    const unclosed = new Set(errors.filter((e) => e.type === 'Quotes').map((e) => e.row));
    for (const [k, fields] of data.entries()) {
      const blank = fields.length === 1 && fields[0].trim() === '';
      const breaks = lineBreaks(fields);
      const row: CsvRow = { fields, line, clean };
      // A quoted cell Papa could not close (the last) that took in line breaks: the lines
      // after its opening quote were read into it (one on its own line loses nothing).
      if (unclosed.has(k)) row.openQuote = openQuoteOf(fields, line, fields.length - 1);
      if (breaks > 0) suspects.add(row);
      if (!blank) rows.push(row);
      line += 1 + breaks;
    }
  }
  return rows;
}
