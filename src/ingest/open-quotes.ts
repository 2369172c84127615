/**
 * A quote that never closes, reported at its line, and reading the `"` of chosen file lines as
 * text: the way to import a file where one cell opens a
 * quote and never closes it (which otherwise swallows every line after it into that cell). The
 * quotes of those lines are swapped for a private-use character before the CSV reader sees the
 * text, and swapped back in the cells it gives.
 */
import type { RowIssue } from '../domain/types';
import type { CsvRow } from './stream';

/** Stands for a `"` read as text: Papa and the row scanner take it as an ordinary character. */
const STAND_IN = '\uE000';
const CR = 13;
const LF = 10;

/**
 * Counts lines as the row stream does (`\r\n`, `\n` and `\r` are one line break each) across
 * text cut anywhere, and replaces `"` on the chosen lines.
 * `new LiteralQuotes([2]).apply('a,"b"\nc,"d\n')` -> `'a,"b"\nc,\uE000d\n'`.
 */
export class LiteralQuotes {
  private line = 1;
  private prevCR = false;
  private readonly lines: ReadonlySet<number>;

  constructor(lines: readonly number[]) {
    this.lines = new Set(lines);
  }

  /** The text with the quotes of the chosen lines replaced. */
  apply(text: string): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CR) this.line++;
      else if (c === LF && !this.prevCR) this.line++;
      else if (c === 34 && this.lines.has(this.line)) {
        out += text.slice(from, i) + STAND_IN;
        from = i + 1;
      }
      this.prevCR = c === CR;
    }
    return from === 0 ? text : out + text.slice(from);
  }

  /** Puts the quotes back into the cells of rows read from replaced text. */
  restore(rows: CsvRow[]): CsvRow[] {
    for (const row of rows) {
      if (!row.fields.some((f) => f.includes(STAND_IN))) continue;
      row.fields = row.fields.map((f) => f.replaceAll(STAND_IN, '"'));
    }
    return rows;
  }
}

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

/**
 * The rows a cell that took in the rest of the file stands for: its non-blank lines, each a row
 * the file holds. `swallowedRows(['5', 'said\nr6,x\n\nr7,y\n'])` -> 3.
 */
export function swallowedRows(fields: readonly string[]): number {
  return fields
    .join(',')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '').length;
}
