/**
 * The baselines the app is held against, measured in the same Chromium in the same run:
 * PapaParse alone in a bare module worker (the parse ceiling) and vis-timeline (the peer).
 */
import { launchBrowser, newPage } from './browser.mjs';

/**
 * Parse-only time of a file in a bare worker: fresh page (and worker) per run, timed in the page
 * from the file input's `change` to the worker's row count.
 * @param {string} baseUrl the baseline server, ending in `/`
 * @param {{ file: string, rows: number }} input
 * @param {number} runs after one warm-up
 * @returns {Promise<{ ms: number[], rows: number }>}
 */
export async function parseCeiling(baseUrl, input, runs) {
  const browser = await launchBrowser();
  try {
    const ms = [];
    let rows = 0;
    for (let i = 0; i <= runs; i++) {
      const page = await newPage(browser);
      await page.goto(`${baseUrl}parse.html`);
      await page.locator('#file').setInputFiles(input.file);
      const handle = await page.waitForFunction(() => window.__parse, null, {
        timeout: 300_000,
        polling: 50,
      });
      const r = await handle.jsonValue();
      rows = r.rows - 1; // the header
      if (rows !== input.rows) {
        throw new Error(`bare parse counted ${rows} rows, the file has ${input.rows}`);
      }
      if (i > 0) ms.push(r.pageMs);
      await page.context().close();
    }
    return { ms, rows };
  } finally {
    await browser.close();
  }
}

/**
 * vis-timeline building a timeline of `items` until they are on screen, in a fresh page per
 * run. A run over `limitMs` stops everything (the browser is closed, since vis blocks the page)
 * and returns what was measured with `overLimit` set.
 * @param {string} baseUrl
 * @param {{ items: object[], actors: string[] }} data
 * @param {number} runs after one warm-up
 * @param {number} limitMs
 * @param {number} budgetMs no new run starts after this long (at least one run is measured)
 * @returns {Promise<{ ms: number[], overLimit: boolean, drawnItems: number }>}
 */
export async function visTimeline(baseUrl, data, runs, limitMs = 60_000, budgetMs = 120_000) {
  const ms = [];
  let drawnItems = 0;
  const start = Date.now();
  for (let i = 0; i <= runs; i++) {
    if (ms.length > 0 && Date.now() - start > budgetMs) break;
    // A browser per run: if vis hangs the page, closing the browser is the only way out.
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await page.goto(`${baseUrl}vis.html`);
      let timer;
      const limit = new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), limitMs);
      });
      const run = page.evaluate(({ items, actors }) => window.drawVis(items, actors), data);
      const r = await Promise.race([run, limit]);
      clearTimeout(timer);
      if (r === null) {
        run.catch(() => undefined);
        return { ms, overLimit: true, drawnItems };
      }
      drawnItems = r.drawnItems;
      if (i > 0) ms.push(r.ms);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }
  return { ms, overLimit: false, drawnItems };
}
