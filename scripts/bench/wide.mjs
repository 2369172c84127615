/**
 * Pathological matrix inputs (issue 20, item 6): a file with 20,000 distinct topics, and one with
 * 111,000 actors over 5,000 topics. Each is imported, then `?view=matrix` is opened and the
 * longest main-thread task from navigation to the grid drawn is read (no task may pass 200 ms).
 */
import fs from 'node:fs';
import { importInFreshProfile } from './app.mjs';
import { HEADER } from '../gen-lib.mjs';

/**
 * Writes a CSV of `rows` statements where row i speaks as actor `i % actors` on topic
 * `i % topics`, on days spread over 2024, with a few stances: every actor and topic appears.
 * @param {string} file
 * @param {{ rows: number, actors: number, topics: number }} shape
 */
export function writeWideCsv(file, { rows, actors, topics }) {
  const lines = [HEADER];
  const pad = (n, w) => String(n).padStart(w, '0');
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const a = i % actors;
    lines.push(
      `wide-${i},2024-${pad(month, 2)}-${pad(day, 2)},Actor ${pad(a, 6)},Bloc ${a % 7},` +
        `topic-${pad(i % topics, 5)},${(i % 5) - 2},,,,,Wire,,,`,
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, rows, bytes: fs.statSync(file).size };
}

/**
 * Imports `input` in a fresh profile, then opens `?view=matrix` and returns the longest
 * main-thread task (ms) between navigation and the grid's first cell being drawn, and how long
 * that took.
 * @param {string} appUrl
 * @param {{ file: string, rows: number }} input
 */
export async function matrixOpenLongTask(appUrl, input) {
  const { profile } = await importInFreshProfile(appUrl, input, { keep: true });
  try {
    const page = profile.page;
    const url = new URL(appUrl);
    url.searchParams.set('view', process.env.BENCH_VIEW ?? 'matrix');
    await page.goto(url.href);
    const drawnAt = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          const check = () => {
            if (document.querySelector('[role="grid"] [role="gridcell"], table tbody tr')) {
              resolve(performance.now());
            } else if (performance.now() - t0 > 180_000) reject(new Error('grid never drawn'));
            else setTimeout(check, 20);
          };
          check();
        }),
    );
    // Long tasks are reported after they end: give the last one a moment to arrive.
    await page.waitForTimeout(500);
    const tasks = await page.evaluate(() => window.__bench.longTasks.slice());
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return { longest, drawnAt };
  } finally {
    await profile.close();
  }
}
