import type { RowIssue } from '../domain/types';

/**
 * One CSV cell, quoted when needed, and neutralized against spreadsheet formula injection:
 * a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe.
 *   csvCell('=1+2') -> `'=1+2`;  csvCell('a,"b"') -> `"a,""b"""`
 */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** The rejected rows of an import as CSV: line, column, reason. */
export function issuesCsv(issues: readonly RowIssue[]): string {
  const lines = [csvLine(['line', 'column', 'reason'])];
  for (const i of issues) lines.push(csvLine([String(i.line), i.column, i.message]));
  return lines.join('\n') + '\n';
}
