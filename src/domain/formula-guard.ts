/**
 * The spreadsheet formula guard of the CSV export, shared by the exporter (which adds it) and
 * the importer (which takes it off the app's own exports, so a re-import adds nothing).
 */

/** A cell a spreadsheet would run as a formula, behind any apostrophes a guard put there. */
export const FORMULA = /^'*[=+\-@\t\r]/;

/**
 * The cell as it was before the export guarded it: one leading apostrophe off a cell that
 * starts like a formula behind it. `unguardCell("'=1+2")` -> `'=1+2'`; `unguardCell("'ok")` -> same.
 */
export function unguardCell(cell: string): string {
  return cell.charCodeAt(0) === 39 && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;
}
