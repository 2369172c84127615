/**
 * The app's figures, driven through its real UI in a page that has the probe (`probe.js`). Every
 * time is read from the page's clock; node only starts things and collects the numbers.
 */
import { freshProfile, heapAfterGc } from './browser.mjs';
import { quantile } from './stats.mjs';

/**
 * The counts in a status line: `parseStatus('Showing 5 of 1,019 statements')` ->
 * `{ shown: 5, total: 1019 }`; null for anything else (`Loading…`).
 * @param {string} text
 * @returns {{ shown: number, total: number } | null}
 */
export function parseStatus(text) {
  const m = /Showing ([\d,]+) of ([\d,]+) statements/.exec(text);
  if (!m) return null;
  return { shown: Number(m[1].replace(/,/g, '')), total: Number(m[2].replace(/,/g, '')) };
}

/**
 * Waits until the page says `Showing N of N` (everything shown) with a chart drawn, and returns
 * the page time (ms since navigation) when that was first painted, and N. With `total`, waits
 * for exactly that many statements.
 * @param {import('playwright-core').Page} page
 * @param {{ total?: number, timeout?: number }} [opts]
 * @returns {Promise<{ at: number, total: number }>}
 */
export async function firstDrawn(page, { total, timeout = 60_000 } = {}) {
  return page.evaluate(
    async ({ total, timeout }) => {
      const b = window.__bench;
      const full = (text) => {
        const m = /Showing ([\d,]+) of ([\d,]+) statements/.exec(text);
        if (!m || m[1] !== m[2]) return null;
        const n = Number(m[1].replace(/,/g, ''));
        return n > 0 && (total === null || n === total) ? n : null;
      };
      // The log has when each status was painted and whether a chart was there by then.
      const logged = () => b.status.find((e) => full(e.text) !== null && e.painted !== null);
      const at = await b.until(() => {
        const e = logged();
        return e !== undefined && (e.charts > 0 || b.charts() > 0);
      }, timeout);
      const e = logged();
      return { at: e.charts > 0 ? e.painted : at, total: full(e.text) };
    },
    { total: total ?? null, timeout },
  );
}

/**
 * How long after the page is drawn the file is chosen. A person needs at least this long to
 * open the file dialog and pick a file, and the app uses such idle time: it starts its import
 * workers and lets them compile their reading code on a generated file. Choosing the file in
 * the same moment the page is drawn (0) measures an import no person can start: at 100k rows,
 * measured here, 0.78 s with this pause against 0.93 s without (medians of 5).
 */
export const THINK_MS = 1000;

/**
 * Chooses `input.file` in `Import CSV` `THINK_MS` after the page is drawn, clicks `Import` as
 * soon as it is enabled, and waits for the report ("N statements added") and the status line
 * showing everything with a chart drawn.
 * @param {import('playwright-core').Page} page
 * @param {{ file: string, rows: number }} input
 * @returns {Promise<{ totalMs: number, previewMs: number, storeMs: number, showMs: number,
 *   added: number, total: number, longTasks: { start: number, duration: number, phase: string }[] }>}
 */
export async function importFile(page, input, timeout = 600_000) {
  await firstDrawn(page);
  await new Promise((resolve) => setTimeout(resolve, THINK_MS));
  const prior = await page.evaluate(() => {
    const b = window.__bench;
    b.longTasks.length = 0;
    b.armAutoImport();
    return b.statusText();
  });
  const priorTotal = parseStatus(prior)?.total ?? 0;
  await page.locator('input[type="file"]').first().setInputFiles(input.file);
  const r = await page.evaluate(
    async ({ priorTotal, timeout }) => {
      const b = window.__bench;
      let reportAt = null;
      let added = null;
      const visibleAt = await b.until(
        () => {
          if (added === null && b.importClickedAt !== null) {
            const m = /([\d,]+) statements added/.exec(document.body.textContent ?? '');
            if (m) {
              reportAt = performance.now();
              added = Number(m[1].replace(/,/g, ''));
            }
          }
          if (added === null) return false;
          const want = (priorTotal + added).toLocaleString('en');
          return b.statusText() === `Showing ${want} of ${want} statements` && b.charts() > 0;
          // Until the report is there, mutations (progress, report) and a slow timer check:
          // frames only from then on, where painting is what is timed.
        },
        timeout,
        { framesWhen: () => added !== null },
      );
      return {
        chosen: b.fileChosenAt,
        clicked: b.importClickedAt,
        reportAt,
        visibleAt,
        added,
        longTasks: b.longTasks.slice(),
      };
    },
    { priorTotal, timeout },
  );
  const phase = (t) => (t < r.clicked ? 'preview' : t < r.reportAt ? 'store' : 'show');
  return {
    totalMs: r.visibleAt - r.chosen,
    previewMs: r.clicked - r.chosen,
    storeMs: r.reportAt - r.clicked,
    showMs: r.visibleAt - r.reportAt,
    added: r.added,
    total: priorTotal + r.added,
    longTasks: r.longTasks
      .filter((t) => t.start >= r.chosen - 1 && t.start <= r.visibleAt)
      .map((t) => ({ ...t, phase: phase(t.start) })),
  };
}

/**
 * One import into a brand-new profile (first visit, bundled data drawn, then the file).
 * With `keep`, the profile stays open and is returned for the figures that need data stored.
 * @param {string} appUrl
 * @param {{ file: string, rows: number }} input
 * @param {{ keep?: boolean, onPage?: (page: import('playwright-core').Page) => Promise<void> }} [opts]
 */
export async function importInFreshProfile(appUrl, input, { keep = false, onPage } = {}) {
  const profile = await freshProfile();
  try {
    await profile.page.goto(appUrl);
    await onPage?.(profile.page);
    const result = await importFile(profile.page, input);
    if (!keep) await profile.close();
    return { result, profile: keep ? profile : null };
  } catch (err) {
    await profile.close();
    throw err;
  }
}

/**
 * First visit in a brand-new profile -> the bundled dataset drawn, in ms from navigation start;
 * also the same-origin JS responses the page received, for the record.
 * @param {string} appUrl
 */
export async function firstVisit(appUrl) {
  const profile = await freshProfile();
  try {
    const scripts = [];
    profile.context.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.endsWith('.js')) scripts.push(url.pathname.split('/').pop());
    });
    await profile.page.goto(appUrl);
    const drawn = await firstDrawn(profile.page);
    return { ms: drawn.at, shown: drawn.total, scripts };
  } finally {
    await profile.close();
  }
}

/**
 * Opens the app again in a profile that has data stored -> first chart drawn (ms from
 * navigation start), then the main thread's heap after GC.
 * @param {import('playwright-core').Page} page
 * @param {string} appUrl
 * @param {number} total statements expected
 */
export async function reloadDrawn(page, appUrl, total) {
  await page.goto(appUrl);
  const drawn = await firstDrawn(page, { total });
  const heap = await heapAfterGc(page);
  return { ms: drawn.at, heap };
}

/**
 * Clicks a tab and waits for it to be drawn.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @returns {Promise<number>} ms from the click to painted
 */
export function switchTab(page, name, timeout = 120_000) {
  return page.evaluate(
    ({ name, timeout }) => {
      const b = window.__bench;
      const tab = b.tab(name);
      if (!tab) throw new Error(`no tab named ${name}`);
      return b.measure(
        () => tab.click(),
        () => b.tabDrawn(name),
        timeout,
      );
    },
    { name, timeout },
  );
}

/**
 * First timeline render: from the Statements tab, click Timeline -> painted.
 * @param {import('playwright-core').Page} page
 * @param {number} runs after one warm-up
 * @returns {Promise<number[]>}
 */
export async function timelineFirstRender(page, runs) {
  const out = [];
  for (let i = 0; i <= runs; i++) {
    await switchTab(page, 'Statements');
    const ms = await switchTab(page, 'Timeline');
    if (i > 0) out.push(ms);
  }
  return out;
}

const SEARCH_WORDS = ['ceasefire', 'dialogue', 'sanctions', 'grain', 'nuclear', 'corridor'];

/**
 * Filter changes on the current tab, each timed from the change to the status line showing the
 * new count and the chart painted. In fours: a topic alone, all topics again, a search word, no
 * search (each changes the count, so "the new state is drawn" is observable).
 * @param {import('playwright-core').Page} page
 * @param {number} changes
 * @returns {Promise<number[]>}
 */
export async function filterChanges(page, changes, timeout = 120_000) {
  const out = [];
  for (let i = 0; i < changes; i++) {
    const ms = await page.evaluate(
      ({ i, words, timeout }) => {
        const b = window.__bench;
        // The Topics facet: its "only" buttons pick one topic, "All Topics" clears the choice.
        const topics = b.control('Topics');
        const search = b.control('Search');
        if (!topics || !search) throw new Error('no Topics or Search filter');
        const only = [...topics.querySelectorAll('button.only')];
        const all = topics.querySelector('button[aria-label="All Topics"]');
        const before = b.statusText();
        const k = Math.floor(i / 4);
        const action = () => {
          switch (i % 4) {
            case 0:
              only[k % only.length].click();
              break;
            case 1:
              all.click();
              break;
            case 2:
              search.value = words[k % words.length];
              search.dispatchEvent(new Event('input', { bubbles: true }));
              break;
            default:
              search.value = '';
              search.dispatchEvent(new Event('input', { bubbles: true }));
          }
        };
        return b.measure(
          action,
          () => {
            const now = b.statusText();
            return now !== before && now.startsWith('Showing');
          },
          timeout,
        );
      },
      { i, words: SEARCH_WORDS, timeout },
    );
    out.push(ms);
  }
  return out;
}

/**
 * True when the current tab shows a chart (not a placeholder such as "This view is coming").
 * @param {import('playwright-core').Page} page
 */
export function tabHasChart(page) {
  return page.evaluate(() => window.__bench.charts() > 0);
}

/**
 * p95 frame time of a gesture over the timeline, or null when the gesture changed nothing (the
 * timeline does not support it yet) or there is nothing to do it on.
 * @param {import('playwright-core').Page} page
 * @param {'zoom' | 'pan' | 'brush'} kind
 * @param {number} steps input events, one per frame
 * @returns {Promise<{ p95: number, max: number, frames: number } | null>}
 */
export async function gestureFrames(page, kind, steps = 60) {
  const zoomed = kind === 'pan';
  // Pan needs room to move: zoom in first (not timed), out again afterwards.
  if (zoomed) await page.evaluate(() => window.__bench.gesture('zoomin', 12));
  const r = await page.evaluate(({ kind, steps }) => window.__bench.gesture(kind, steps), {
    kind,
    steps,
  });
  if (zoomed) await page.evaluate(() => window.__bench.gesture('zoomout', 12));
  if (kind === 'brush') {
    // A brush may set the date range; clear it for the next run.
    await page.evaluate(() => {
      const clear = [...document.querySelectorAll('button')].find((b) =>
        b.textContent.trim().startsWith('Clear filters'),
      );
      if (clear && !clear.disabled) clear.click();
    });
  }
  if (r === null || !r.changed) return null;
  return { p95: quantile(r.deltas, 0.95), max: Math.max(...r.deltas), frames: r.deltas.length };
}

/**
 * Milliseconds from a filter change to the Actors facet showing its new counts, per change:
 * the Topics facet's "only" buttons and "All Topics" in turn.
 * @param {import('playwright-core').Page} page
 * @param {number} changes
 */
export async function facetCountChanges(page, changes, timeout = 120_000) {
  const out = [];
  for (let i = 0; i < changes; i++) {
    const ms = await page.evaluate(
      ({ i, timeout }) => {
        const b = window.__bench;
        const topics = b.control('Topics');
        const actors = b.control('Actors');
        const counts = () =>
          [...actors.querySelectorAll('input[type="checkbox"]')]
            .map((x) => x.getAttribute('aria-label'))
            .join('|');
        const before = counts();
        const only = [...topics.querySelectorAll('button.only')];
        const action = () =>
          i % 2 === 0
            ? only[Math.floor(i / 2) % only.length].click()
            : topics.querySelector('button[aria-label="All Topics"]').click();
        return b.measure(action, () => counts() !== before, timeout);
      },
      { i, timeout },
    );
    out.push(ms);
  }
  return out;
}

/**
 * Milliseconds from a keystroke in the Actors facet's search box to the list showing its
 * matches, for each prefix of `word`, typed then erased.
 * @param {import('playwright-core').Page} page
 * @param {string} word
 */
export async function facetSearchKeystrokes(page, word, timeout = 60_000) {
  const out = [];
  const steps = [...word].map((_, i) => word.slice(0, i + 1));
  for (const text of [...steps, ...steps.slice(0, -1).reverse(), '']) {
    const ms = await page.evaluate(
      ({ text, timeout }) => {
        const b = window.__bench;
        const find = b.control('Find actor');
        const actors = b.control('Actors');
        // The facet marks the search its list was drawn for: two searches may list the same.
        return b.measure(
          () => {
            find.value = text;
            find.dispatchEvent(new Event('input', { bubbles: true }));
          },
          () => actors.dataset.query === text,
          timeout,
        );
      },
      { text, timeout },
    );
    out.push(ms);
  }
  return out;
}

/**
 * Issue 18: saving one edit -> the views repainted, `changes` times, with the Timeline showing
 * and the statement's editor open in the evidence panel (opened here, from the Statements
 * table's first Edit button). Each save recodes the statement's stance to the next value; the
 * time runs from the Save click to the notice "Saved version N" painted, which is set once the
 * cache holds the new version and every view read it.
 * @param {import('playwright-core').Page} page
 * @param {number} changes
 * @param {{ timeout?: number, tab?: string }} [opts] the view showing while saving
 */
export async function editSaves(page, changes, { timeout = 120_000, tab = 'Timeline' } = {}) {
  await switchTab(page, 'Statements');
  await page
    .getByRole('button', { name: /^Edit / })
    .first()
    .click();
  await switchTab(page, tab);
  const evidence = page.getByRole('complementary', { name: 'Evidence' });
  const out = [];
  for (let i = 0; i < changes; i++) {
    const save = evidence.getByRole('button', { name: 'Save', exact: true });
    const open = evidence.getByRole('button', { name: 'Edit statement', exact: true });
    // The panel's code loads on first use: wait for the editor or its button, whichever shows.
    await save.or(open).first().waitFor();
    if (!(await save.isVisible())) {
      await open.click();
      await save.waitFor();
    }
    const stance = evidence.getByLabel('Stance', { exact: true });
    const current = await stance.inputValue();
    const values = ['-2', '-1', '0', '1', '2'];
    await stance.selectOption(values[(values.indexOf(current) + 1) % values.length]);
    const ms = await page.evaluate((timeout) => {
      const b = window.__bench;
      const aside = [...document.querySelectorAll('aside')].find((a) =>
        a.textContent?.includes('Evidence'),
      );
      const button = [...(aside?.querySelectorAll('button') ?? [])].find(
        (x) => x.textContent?.trim() === 'Save',
      );
      const line = document.querySelector('.notice-line');
      const before = line?.textContent ?? '';
      return b.measure(
        () => button.click(),
        () => {
          const now = line?.textContent ?? '';
          return now !== before && now.startsWith('Saved version');
        },
        timeout,
      );
    }, timeout);
    out.push(ms);
  }
  return out;
}
