import type { RowIssue } from '../domain/types';
import type { RejectedRows } from '../ingest/rejected';
import { csvCell, csvLine } from './csv';

/**
 * A plain number, which no spreadsheet runs as a formula: written as it is, so `-2` in a stance
 * or wide-table cell imports again as `-2`, not as the guarded `'-2`.
 */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const dataCell = (cell: string) => (PLAIN_NUMBER.test(cell) ? cell : csvCell(cell));

/**
 * The rejected rows of an import as CSV: `line, column, reason`, then the row's own cells under
 * the file's header names (cells past the header under `extra_1`, `extra_2`, ...), one line per
 * row of the file, its columns and reasons joined with `; `. Without the first three columns the
 * file imports again with the same mapping. Cells go through the exports' formula guard (but
 * for plain numbers).
 * `rejectedRowsCsv([{ line: 3, column: 'date', message: 'date "x" ...' }],
 *   { headers: ['date', 'actor'], rows: [{ line: 3, cells: ['x', 'Lavrov'] }], lines: 1, cut: false })`
 * -> `line,column,reason,date,actor\n3,date,"date ""x"" ...",x,Lavrov\n`.
 */
export function rejectedRowsCsv(issues: readonly RowIssue[], rejected?: RejectedRows): string {
  const headers = rejected?.headers ?? [];
  const rows = rejected?.rows ?? [];
  const byLine = new Map<number, { columns: Set<string>; reasons: Set<string> }>();
  for (const i of issues) {
    let at = byLine.get(i.line);
    if (!at) byLine.set(i.line, (at = { columns: new Set(), reasons: new Set() }));
    at.columns.add(i.column);
    at.reasons.add(i.message);
  }
  const cells = new Map(rows.map((r) => [r.line, r.cells]));
  let width = headers.length;
  for (const r of rows) width = Math.max(width, r.cells.length);
  const extra = Array.from({ length: width - headers.length }, (_, k) => `extra_${k + 1}`);
  const out = [csvLine(['line', 'column', 'reason', ...headers, ...extra])];
  const lines = [...new Set([...byLine.keys(), ...cells.keys()])].sort((a, b) => a - b);
  for (const line of lines) {
    const at = byLine.get(line);
    const column = at ? [...at.columns].join('; ') : '';
    const reason = at ? [...at.reasons].join('; ') : '';
    const own = (cells.get(line) ?? []).map(dataCell);
    out.push([csvLine([String(line), column, reason]), ...own].join(','));
  }
  if (rejected?.cut) {
    const n = (x: number) => x.toLocaleString('en');
    const note = `Only the first ${n(rows.length)} of ${n(rejected.lines)} rejected rows carry their cells: the report keeps a bounded number.`;
    out.push(csvLine(['', '', note]));
  }
  return out.join('\n') + '\n';
}
