import { FORMULA } from '../domain/formula-guard';

/**
 * One CSV cell, neutralized against spreadsheet formula injection and quoted when it holds a
 * quote, a line break or the delimiter of any common locale (`,` `;` tab), so a spreadsheet
 * reading it with `;` cannot start a formula mid-line. A cell starting with `=`, `+`, `-`, `@`,
 * tab or CR (after any apostrophes) gets a leading apostrophe, which the importer takes off
 * again for the app's own exports (`unguardCell`), so a re-import gives back the same text.
 *   csvCell('=1+2') -> `'=1+2`;  csvCell('a,"b"') -> `"a,""b"""`;  csvCell('x;=1') -> `"x;=1"`
 */
export function csvCell(value: string): string {
  let v = value;
  if (FORMULA.test(v)) v = `'${v}`;
  return /[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}
