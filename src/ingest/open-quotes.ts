/**
 * A quote that never closes, reported at its line, and reading the `"` of chosen file lines as
 * text: the way to import a file where one cell opens a
 * quote and never closes it (which otherwise swallows every line after it into that cell). The
 * quotes of those lines are swapped for a private-use character before the CSV reader sees the
 * text, and swapped back in the cells it gives.
 */
import type { RowIssue } from '../domain/types';

/** Stands for a `"` read as text: Papa and the row scanner take it as an ordinary character. */
const STAND_IN = '\uE000';
const CR = 13;
const LF = 10;

/**
 * Counts lines as the row stream does (`\r\n`, `\n` and `\r` are one line break each) across
 * text cut anywhere, and on each chosen line replaces the last quote that opens a cell (at the
 * line's start or after a delimiter): the one that, never closed, took in the lines after it.
 * A chosen line is held back until it ends (`finish` gives the last one).
 * `new LiteralQuotes([2]).apply('a,"b"\nc,"d\n')` -> `'a,"b"\nc,\uE000d\n'`.
 */
export class LiteralQuotes {
  private line = 1;
  private prevCR = false;
  private readonly lines: ReadonlySet<number>;
  /** The text of a chosen line read so far; null when the current line is not chosen. */
  private held: string | null;

  constructor(lines: readonly number[]) {
    this.lines = new Set(lines);
    this.held = this.lines.has(1) ? '' : null;
  }

  /** The text with the opening quote of each chosen line replaced (chosen lines once whole). */
  apply(text: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const ends = c === CR || (c === LF && !this.prevCR);
      this.prevCR = c === CR;
      if (!ends) continue;
      if (this.held !== null) {
        out += replaceOpening(this.held + text.slice(from, i));
        this.held = null;
        from = i;
      }
      this.line++;
      if (this.lines.has(this.line)) {
        out += text.slice(from, i + 1);
        from = i + 1;
        this.held = '';
      }
    }
    if (this.held !== null) this.held += text.slice(from);
    else out += text.slice(from);
    return out;
  }

  /** The rest of a chosen line the text ended in. */
  finish(): string {
    const rest = this.held === null ? '' : replaceOpening(this.held);
    this.held = null;
    return rest;
  }

  /** Puts the quotes back into the cells of rows (CsvRow) read from replaced text. */
  restore<Row extends { fields: string[] }>(rows: Row[]): Row[] {
    for (const row of rows) {
      if (!row.fields.some((f) => f.includes(STAND_IN))) continue;
      row.fields = row.fields.map((f) => f.replaceAll(STAND_IN, '"'));
    }
    return rows;
  }
}

/** The line with its last cell-opening quote replaced by the stand-in. */
function replaceOpening(line: string): string {
  for (let i = line.lastIndexOf('"'); i >= 0; i = line.lastIndexOf('"', i - 1)) {
    if (i === 0 || OPENS_AFTER.includes(line[i - 1])) {
      return line.slice(0, i) + STAND_IN + line.slice(i + 1);
    }
    if (i === 0) break;
  }
  return line;
}

/** A quote after one of these (or at a line's start) opens a cell. */
const OPENS_AFTER = ',;\t|\n\r';

/** A quote opened at `line` and never closed: lines `line`..`last` were read as one cell. */
export interface OpenQuote {
  line: number;
  last: number;
}

/** The rejection of a row whose quote never closes, naming the lines it swallowed. */
export function openQuoteIssue({ line, last }: OpenQuote): RowIssue {
  const n = (x: number) => x.toLocaleString('en');
  return {
    line,
    column: 'text',
    message: `an opening quote at line ${n(line)} is never closed: lines ${n(line)}-${n(last)} were read as one cell`,
  };
}

/** An open quote found in a row, with the rows of the file its cell took in (itself included). */
export interface OpenQuoteRow extends OpenQuote {
  rows: number;
}

const BREAK = /\r\n|\r|\n/;

/**
 * The open quote of cell `cell` of a row read from file line `line`, or undefined when that
 * cell holds no line break (it took in no other line). Its rows are its non-blank lines: each
 * line after the first was a row of the file. The file's last line ending is not a line.
 * `openQuoteOf(['5', 'said\nr6,x\n\nr7,y\n'], 6, 1)` -> `{ line: 6, last: 9, rows: 3 }`.
 */
export function openQuoteOf(
  fields: readonly string[],
  line: number,
  cell: number,
): OpenQuoteRow | undefined {
  let at = line;
  for (let i = 0; i < cell; i++) at += fields[i].split(BREAK).length - 1;
  const lines = fields[cell].split(BREAK);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) return undefined;
  const rows = 1 + lines.slice(1).filter((l) => l.trim() !== '').length;
  return { line: at, last: at + lines.length - 1, rows };
}
