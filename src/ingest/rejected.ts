/**
 * The rejected rows' own cells, kept while a file is read so the rejected-rows download can
 * carry them (fixed in a spreadsheet, the rows import again). Bounded: a file of bad rows keeps
 * the first MAX_REJECTED_ROWS of them, and no more than MAX_REJECTED_CHARS characters of cells.
 */

/** One rejected row of the file: its line and its cells as read (untrimmed). */
export interface RejectedRow {
  line: number;
  cells: string[];
}

export interface RejectedRows {
  /** The file's header names (the format's codebook names for a file without a header). */
  headers: string[];
  /** The first rejected rows, in file order, within the bounds above. */
  rows: RejectedRow[];
  /** Rejected rows of the file (lines), kept or not. */
  lines: number;
  /** True once a row was left out for the bounds (rows after it are not kept either). */
  cut: boolean;
}

/** As many rows as the report lists issues (MAX_STORED_ISSUES). */
export const MAX_REJECTED_ROWS = 50_000;
/** ~16 MB of cells: a file of huge bad rows stops keeping them well before the row cap. */
export const MAX_REJECTED_CHARS = 8 * 1024 * 1024;

/** Collects rejected rows as they are found, up to the bounds. */
export class RejectedKeeper {
  readonly kept: RejectedRows;
  private chars = 0;

  constructor(headers: readonly string[] = []) {
    this.kept = { headers: [...headers], rows: [], lines: 0, cut: false };
  }

  setHeaders(headers: readonly string[]): void {
    this.kept.headers = [...headers];
  }

  /** A rejected row; `cells` absent when they cannot be kept (a quote that swallowed lines). */
  add(line: number, cells?: readonly string[]): void {
    const kept = this.kept;
    kept.lines++;
    if (kept.cut || !cells) return;
    let size = 0;
    for (const c of cells) size += c.length;
    if (kept.rows.length >= MAX_REJECTED_ROWS || this.chars + size > MAX_REJECTED_CHARS) {
      // Only ever the first rows: a later, smaller row is not kept after a gap.
      kept.cut = true;
      return;
    }
    this.chars += size;
    this.kept.rows.push({ line, cells: [...cells] });
  }
}

/**
 * Both halves of a file read by two workers as one: the second half's rows after the first's,
 * lines moved on by `lineOffset`, cut to the same bounds.
 */
export function mergeRejected(
  first: RejectedRows | undefined,
  second: RejectedRows | undefined,
  lineOffset: number,
): RejectedRows | undefined {
  if (!first || !second) return first ?? second;
  const keeper = new RejectedKeeper(first.headers.length > 0 ? first.headers : second.headers);
  for (const r of first.rows) keeper.add(r.line, r.cells);
  if (!first.cut) for (const r of second.rows) keeper.add(r.line + lineOffset, r.cells);
  const kept = keeper.kept;
  kept.lines = first.lines + second.lines;
  kept.cut ||= first.cut || second.cut;
  return kept;
}
