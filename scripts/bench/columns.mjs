/**
 * Very wide files (issue 20, item 6): a preview of a file with thousands of columns must not
 * block the page. The file is chosen in a fresh profile, and the longest main-thread task from
 * the choice until the preview settles (Import enabled, or an alert saying why not) is read.
 */
import fs from 'node:fs';
import { freshProfile } from './browser.mjs';

/**
 * Writes a CSV with `columns` columns named `c0`, `c1`, ... (base 36) and 20 rows, the first
 * four columns a native statement file's.
 * @param {string} file
 * @param {number} columns
 */
export function writeColumnsCsv(file, columns) {
  const names = ['date', 'actor', 'topic', 'stance'];
  for (let i = 4; i < columns; i++) names.push(`c${i.toString(36)}`);
  const lines = [names.join(',')];
  for (let r = 0; r < 20; r++) {
    const cells = [`2024-01-${String(1 + r).padStart(2, '0')}`, `Actor ${r % 3}`, 'talks', '1'];
    for (let i = 4; i < columns; i++) cells.push(String((r + i) % 10));
    lines.push(cells.join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, columns, bytes: fs.statSync(file).size, headerChars: lines[0].length };
}

/**
 * Chooses `input` in the app and returns the longest main-thread task until the preview
 * settled, how long it took and what it showed.
 * @param {string} appUrl
 * @param {{ file: string }} input
 */
export async function previewLongTask(appUrl, input) {
  const profile = await freshProfile();
  try {
    const page = profile.page;
    await page.goto(appUrl);
    await page
      .getByText(/Showing [\d,]+ of [\d,]+ statements/)
      .first()
      .waitFor({ timeout: 60_000 });
    const before = await page.evaluate(() => window.__bench.longTasks.length);
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('input[type="file"]').first().setInputFiles(input.file);
    const shown = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const start = performance.now();
          const check = () => {
            const panel = document.querySelector('.import-panel');
            const alert = panel?.querySelector('[role="alert"]');
            const button = [...(panel?.querySelectorAll('button') ?? [])].find(
              (b) => b.textContent?.trim() === 'Import',
            );
            if (alert?.textContent?.trim())
              resolve({ at: performance.now(), what: alert.textContent.trim() });
            else if (button && !button.disabled)
              resolve({ at: performance.now(), what: 'Import enabled' });
            else if (performance.now() - start > 120_000)
              reject(new Error('preview never settled'));
            else setTimeout(check, 20);
          };
          check();
        }),
    );
    await page.waitForTimeout(500);
    const tasks = await page.evaluate((n) => window.__bench.longTasks.slice(n), before);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return { longest, ms: shown.at - t0, what: shown.what.slice(0, 80) };
  } finally {
    await profile.close();
  }
}
