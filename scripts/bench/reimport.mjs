/**
 * Issue 18: re-import of a 100k file with 1% changed rows -> report ready, against the fresh
 * import of the same file in the same profile just before. Both are timed from the file chosen
 * to the report on screen; the re-import also until its review of the changes is drawn.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { freshProfile } from './browser.mjs';
import { importFile } from './app.mjs';

/**
 * `input` with the stance of every 100th row changed (1%), written beside it. A few of those
 * rows are rejected or repeated ids in the generated file, so slightly fewer updates are reported.
 * @param {{ file: string, rows: number }} input
 * @returns {{ file: string, rows: number, changed: number }}
 */
export function changedCopy(input) {
  const parsed = Papa.parse(fs.readFileSync(input.file, 'utf8'), { skipEmptyLines: true });
  /** @type {string[][]} */
  const rows = parsed.data;
  const stance = rows[0].indexOf('stance');
  let changed = 0;
  for (let i = 1; i < rows.length; i += 100) {
    rows[i][stance] = rows[i][stance] === '2' ? '1' : '2';
    changed++;
  }
  const file = path.join(path.dirname(input.file), `changed-1pct-${path.basename(input.file)}`);
  fs.writeFileSync(file, Papa.unparse(rows) + '\n');
  return { file, rows: input.rows, changed };
}

/**
 * One run: a fresh profile imports `input`, then `changed`; the times of both, in ms.
 * @param {string} appUrl
 * @param {{ file: string, rows: number }} input
 * @param {{ file: string, rows: number, changed: number }} changed
 */
export async function reimportOnce(appUrl, input, changed) {
  const profile = await freshProfile();
  try {
    const { page } = profile;
    await page.goto(appUrl);
    const fresh = await importFile(page, input);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    const again = await importFile(page, changed);
    // The review compares each update with the app's current value once the report is shown:
    // ready when its table is drawn, timed from the file chosen.
    const { readyMs, updated } = await page.evaluate(async () => {
      const b = window.__bench;
      /** The report's `N statements updated in the file` line, its N. */
      const updatedLine = () => {
        for (const li of document.querySelectorAll('li')) {
          const m = /^([\d,]+) statements? updated in the file$/.exec(
            li.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          );
          if (m) return Number(m[1].replace(/,/g, ''));
        }
        return null;
      };
      const at = await b.until(
        () =>
          updatedLine() !== null &&
          [...document.querySelectorAll('caption')].some((c) =>
            c.textContent?.includes('Changes field by field'),
          ),
        120_000,
      );
      return { readyMs: at - b.fileChosenAt, updated: updatedLine() };
    });
    return {
      freshReportMs: fresh.previewMs + fresh.storeMs,
      reportMs: again.previewMs + again.storeMs,
      readyMs,
      updated,
      longestTask: Math.max(0, ...again.longTasks.map((t) => t.duration)),
    };
  } finally {
    await profile.close();
  }
}
