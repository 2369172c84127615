#!/usr/bin/env node
/**
 * `npm run bench`: drives the built app (`dist/`) in headless Chromium through its real code
 * paths and prints the figures of the performance targets (README "Performance"), each the
 * median / min / max of several runs after a warm-up, next to the baselines measured in the same
 * run: PapaParse alone in a bare worker (the parse ceiling) and vis-timeline (the peer).
 *
 *   npm run bench                      build, then everything (about 7 minutes on 2 cores)
 *   node scripts/bench.mjs --quick     100k rows only, 3 runs: a few minutes
 *   node scripts/bench.mjs --runs 7    more runs per figure
 *   node scripts/bench.mjs --profile   also CPU-profile the main thread (saved next to the JSON)
 *   node scripts/bench.mjs --only matrix   the two wide-matrix cases only (issue 20), 3 runs each
 *
 * Results go to bench-results/bench-<date>.json (git-ignored). Times are read from the page's own
 * clock; "painted" means two animation frames after the DOM showed the change, so figures move in
 * steps of a frame (16.7 ms). Nothing here asserts a time: it prints figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import {
  facetCountChanges,
  editSaves,
  facetSearchKeystrokes,
  filterChanges,
  firstDrawn,
  firstVisit,
  gestureFrames,
  importInFreshProfile,
  THINK_MS,
  reloadDrawn,
  switchTab,
  tabHasChart,
  timelineFirstRender,
} from './bench/app.mjs';
import { parseCeiling, visTimeline } from './bench/baselines.mjs';
import { launchBrowser } from './bench/browser.mjs';
import { initialJs } from './bench/initial-js.mjs';
import { tempDir, visItems, writeCsv } from './bench/inputs.mjs';
import { matrixOpenLongTask, writeWideCsv } from './bench/wide.mjs';
import { previewLongTask, writeColumnsCsv } from './bench/columns.mjs';
import { changedCopy, reimportOnce } from './bench/reimport.mjs';
import { selfTimes, startProfile } from './bench/profile.mjs';
import { ROOT, serveApp, serveBaselines } from './bench/server.mjs';
import { figureRow, formatValue, markdownTable, quantile, summarize } from './bench/stats.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    profile: { type: 'boolean', default: false },
    at: { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    'usage: node scripts/bench.mjs [--quick] [--runs N] [--profile] [--at 100k|1M] [--only matrix]',
  );
  console.log('  --at: only the figures measured with that many statements stored');
  console.log(
    '  --only matrix: only ?view=matrix on 300 x 20,000 and 111,000 x 5,000 (longest task)',
  );
  process.exit(0);
}
if (args.only !== undefined && args.only !== 'matrix') {
  console.error(`--only: "matrix" is the one choice, not "${args.only}"`);
  process.exit(2);
}
/** `--only matrix`: the wide-matrix cases alone, each run RUNS times. */
const ONLY_MATRIX = args.only === 'matrix';

const QUICK = args.quick;
/** `--at 1M`: only the figures taken with that many statements stored. */
const AT = args.at === undefined ? null : args.at.toUpperCase() === '1M' ? 1_000_000 : 100_000;
const RUNS = Math.max(1, Number(args.runs ?? (QUICK || ONLY_MATRIX ? 3 : 5)));
const FILTER_CHANGES = 20;
const K = 1000;
const M = 1_000_000;

const started = Date.now();
/** A progress line: `[  12s] import 100k: run 2/5`. */
function log(message) {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(`[${String(s).padStart(4)}s] ${message}`);
}

/** @type {{ id: string, name: string, unit: string, values: number[], target?: string,
 *   limit?: number, higherIsBetter?: boolean, note?: string, display?: string, extra?: object }[]} */
const figures = [];
function record(figure) {
  figures.push(figure);
  const s = summarize(figure.values);
  log(
    `  = ${figure.name}: ${figure.display ?? formatValue(s.median, figure.unit)}` +
      (s.runs > 1
        ? ` (min ${formatValue(s.min, figure.unit)}, max ${formatValue(s.max, figure.unit)})`
        : '') +
      (figure.note ? `; ${figure.note}` : ''),
  );
}

/** Does the median meet the figure's numeric limit? 'yes' / 'NO' / '' (no limit or no value). */
function verdict(figure) {
  const { median, runs } = summarize(figure.values);
  if (figure.limit === undefined || runs === 0) return '';
  return (figure.higherIsBetter ? median >= figure.limit : median <= figure.limit) ? 'yes' : 'NO';
}

/**
 * Runs one part of the benchmark; if it fails (the app changed, a step timed out), the failure
 * is a row of the table and the other parts still run.
 */
async function section(name, fn) {
  try {
    await fn();
  } catch (err) {
    const message = String(err?.message ?? err).split('\n')[0];
    log(`! ${name} failed: ${message}`);
    record({ id: `error-${name}`, name, unit: 'ms', values: [], display: 'error', note: message });
  }
}

const label = (rows) => (rows >= M ? `${rows / M}M` : `${rows / K}k`);

/**
 * Runs `fn` once to warm up, then RUNS times, and returns the measured runs. With a budget, stops
 * early (after at least one measured run) once the figure has taken `budgetMs`, so a slow build
 * of the app still finishes in reasonable time; the runs column then shows fewer runs.
 * @template T
 * @param {string} what
 * @param {(i: number) => Promise<T>} fn
 * @param {{ budgetMs?: number }} [opts]
 * @returns {Promise<T[]>}
 */
async function repeat(what, fn, { budgetMs = Infinity } = {}) {
  const out = [];
  const start = Date.now();
  for (let i = 0; i <= RUNS; i++) {
    log(`${what}: ${i === 0 ? 'warm-up' : `run ${i}/${RUNS}`}`);
    const r = await fn(i);
    if (i > 0) out.push(r);
    if (i > 0 && i < RUNS && Date.now() - start > budgetMs) {
      log(`${what}: stopping after ${i} runs (time budget of ${budgetMs / 1000} s)`);
      break;
    }
  }
  return out;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.html'))) {
    log('no dist/: building the app');
    await build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  // A snapshot of the build: someone rebuilding dist/ mid-run must not change what is measured.
  const tmp = tempDir();
  const dist = path.join(tmp.dir, 'dist');
  fs.cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const app = await serveApp(dist);
  const baselines = await serveBaselines();
  const browserVersion = await launchBrowser().then(async (b) => {
    const v = b.version();
    await b.close();
    return v;
  });
  log(`app at ${app.url}, baselines at ${baselines.url}, Chromium ${browserVersion}`);
  log(`${RUNS} runs per figure after a warm-up${QUICK ? ' (quick: 100k only)' : ''}`);

  try {
    if (ONLY_MATRIX) {
      await measureWideMatrices(app.url, tmp.dir);
      report(browserVersion);
      return;
    }
    // Inputs: the generator's default shape, ~200 bytes a row.
    const sizes = AT ? [AT] : QUICK ? [1 * K, 10 * K, 100 * K] : [1 * K, 10 * K, 100 * K, 1 * M];
    /** @type {Record<number, { file: string, rows: number, bytes: number }>} */
    const inputs = {};
    for (const rows of sizes) {
      inputs[rows] = await writeCsv(path.join(tmp.dir, `synthetic-${label(rows)}.csv`), rows);
      log(`generated ${label(rows)} rows (${formatValue(inputs[rows].bytes, 'B')})`);
    }

    if (AT) {
      await section(`${label(AT)} statements`, () =>
        measureAtSize(app.url, baselines.url, inputs[AT]),
      );
      report(browserVersion);
      return;
    }
    await section('initial JS', async () => measureInitialJs(dist));
    await section('first visit', () => measureFirstVisit(app.url));
    for (const rows of QUICK ? [100 * K] : [100 * K, 1 * M]) {
      await section(`${label(rows)} statements`, () =>
        measureAtSize(app.url, baselines.url, inputs[rows]),
      );
      if (args.profile) {
        await section(`profiles at ${label(rows)}`, () => profileRun(inputs[rows], tmp.dir));
      }
    }
    await section('facet search with 10,000 actors', async () =>
      measureFacetSearch(
        app.url,
        await writeCsv(path.join(tmp.dir, 'many-actors.csv'), 100 * K, { actors: 12_000 }),
      ),
    );
    for (const rows of [1 * K, 10 * K]) {
      await section(`first timeline render ${label(rows)}`, () =>
        measureFirstRenderSmall(app.url, inputs[rows]),
      );
    }
    await measureWideMatrices(app.url, tmp.dir, { tall: false });
    for (const columns of [10_000, 20_000, 50_000]) {
      await section(`preview of ${columns.toLocaleString('en')} columns`, () =>
        measureWidePreview(app.url, tmp.dir, columns),
      );
    }
    if (!QUICK) await measureWideMatrices(app.url, tmp.dir, { wide: false });
    await section('vis-timeline', () =>
      measureVis(
        baselines.url,
        (QUICK ? [1 * K] : [1 * K, 10 * K, 100 * K]).map((rows) => inputs[rows]),
      ),
    );
    report(browserVersion);
  } finally {
    await app.close();
    await baselines.close();
    tmp.remove();
  }
}

/**
 * Issue 18: a re-import of the file with 1% of its rows changed, in the profile that has just
 * imported it fresh; both timed from the file chosen to the report (the re-import to its review
 * of the changes drawn), at most 2x.
 */
async function measureReimport(appUrl, input) {
  const changed = changedCopy(input);
  const runs = await repeat(`re-import ${label(input.rows)}, 1% changed`, async () => {
    const r = await reimportOnce(appUrl, input, changed);
    log(
      `  fresh -> report ${formatValue(r.freshReportMs, 'ms')}, re-import -> report ` +
        `${formatValue(r.reportMs, 'ms')}, -> review drawn ${formatValue(r.readyMs, 'ms')}`,
    );
    return r;
  });
  const median = (key) => formatValue(summarize(runs.map((r) => r[key])).median, 'ms');
  record({
    id: `reimport-${label(input.rows)}`,
    name: `re-import of a ${label(input.rows)} file with 1% changed rows -> report ready (review drawn)`,
    unit: 'ms',
    values: runs.map((r) => r.readyMs),
    note: `${runs[0]?.updated?.toLocaleString('en')} updates; the fresh import of the same file in the same profile, file chosen -> report: ${median('freshReportMs')}; re-import -> report: ${median('reportMs')}; longest main-thread task ${median('longestTask')}`,
    extra: runs,
  });
  record({
    id: `reimport-ratio-${label(input.rows)}`,
    name: `re-import ${label(input.rows)} (1% changed) -> report ready, over the fresh import -> report`,
    unit: 'x',
    values: runs.map((r) => r.readyMs / r.freshReportMs),
    target: '≤ 2x',
    limit: 2,
  });
}

/** Issue 20 item 6: the wide (300 x 20,000) and the tall (111,000 x 5,000) matrix, or one. */
async function measureWideMatrices(appUrl, dir, { wide = true, tall = true } = {}) {
  if (wide) {
    await section('matrix with 20,000 topics', () =>
      measureWideMatrix(appUrl, dir, '20k-topics', { rows: 20_000, actors: 300, topics: 20_000 }),
    );
  }
  if (tall) {
    await section('matrix with 111,000 actors x 5,000 topics', () =>
      measureWideMatrix(appUrl, dir, '111k-actors', {
        rows: 111_000,
        actors: 111_000,
        topics: 5_000,
      }),
    );
  }
}

/** Issue 20 item 6: `?view=matrix` on a very wide or very tall grid, longest main-thread task. */
async function measureWideMatrix(appUrl, dir, name, shape) {
  const input = writeWideCsv(`${dir}/${name}.csv`, shape);
  log(
    `matrix ${name}: ${formatValue(input.bytes, 'B')}, ${shape.actors} actors x ${shape.topics} topics`,
  );
  const runs = [];
  for (let i = 0; i < (ONLY_MATRIX ? RUNS : Math.min(RUNS, 2)); i++) {
    log(`matrix ${name}: run ${i + 1}`);
    runs.push(await matrixOpenLongTask(appUrl, input));
  }
  record({
    id: `longtask-matrix-${name}`,
    name: `longest main-thread task opening ?view=matrix, ${shape.actors.toLocaleString('en')} actors x ${shape.topics.toLocaleString('en')} topics`,
    unit: 'ms',
    values: runs.map((r) => r.longest),
    target: '≤ 200 ms',
    limit: 200,
    note: `grid drawn ${runs.map((r) => formatValue(r.drawnAt, 'ms')).join(', ')} after navigation`,
  });
}

/** Issue 20 item 6: choosing a file of thousands of columns -> preview settled, longest task. */
async function measureWidePreview(appUrl, dir, columns) {
  const input = writeColumnsCsv(`${dir}/columns-${columns}.csv`, columns);
  const runs = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) runs.push(await previewLongTask(appUrl, input));
  record({
    id: `longtask-preview-${columns}-columns`,
    name: `longest main-thread task previewing a file of ${columns.toLocaleString('en')} columns`,
    unit: 'ms',
    values: runs.map((r) => r.longest),
    target: '≤ 200 ms',
    limit: 200,
    note: `header ${input.headerChars.toLocaleString('en')} characters; settled in ${runs.map((r) => formatValue(r.ms, 'ms')).join(', ')}: ${runs[0].what}`,
  });
}

/** 8. Initial JS, gzip. */
function measureInitialJs(dist) {
  const js = initialJs(dist);
  record({
    id: 'initial-js-gzip',
    name: 'initial JS, gzip',
    unit: 'B',
    values: [js.gzip],
    target: '≤ 120 KB',
    limit: 120 * 1024,
    note: js.files.map((f) => `${f.file} ${formatValue(f.gzip, 'B')}`).join(', '),
    extra: js,
  });
}

/** 6. First visit -> bundled dataset drawn. */
async function measureFirstVisit(appUrl) {
  const visits = await repeat('first visit', () => firstVisit(appUrl));
  record({
    id: 'first-visit',
    name: 'first visit -> bundled dataset drawn',
    unit: 'ms',
    values: visits.map((v) => v.ms),
    target: '≤ 1 s',
    limit: 1000,
    note: `${visits[0]?.shown} statements; JS loaded: ${[...new Set(visits[0]?.scripts)].join(', ')}`,
  });
}

/**
 * 1 and 2 (import against the parse ceiling, long tasks) at one size; then, in the profile of
 * the last import, 5 and 9 (reload, heap) at 1M, 7 at 100k, 3 (filters) and 4 (gestures).
 */
async function measureAtSize(appUrl, baseUrl, input) {
  const rows = input.rows;
  log(`bare parse ${label(rows)}: ${RUNS} runs after a warm-up`);
  const ceiling = (await parseCeiling(baseUrl, input, RUNS)).ms;
  const ceilingRate = summarize(ceiling.map((ms) => rows / (ms / 1000))).median;
  record({
    id: `parse-ceiling-${label(rows)}`,
    name: `bare parse ${label(rows)} (PapaParse in a worker)`,
    unit: 'ms',
    values: ceiling,
    note: `${formatValue(ceilingRate, 'rows/s')}, ${formatValue(input.bytes / (summarize(ceiling).median / 1000), 'B')}/s`,
  });

  // Each run's profile stays open until the next run has finished: the last one serves the
  // figures that need the data stored.
  let kept = null;
  const imports = await repeat(
    `import ${label(rows)}`,
    async () => {
      const { result, profile } = await importInFreshProfile(appUrl, input, { keep: true });
      await kept?.close();
      kept = profile;
      if (result.added !== rows) log(`  warning: ${result.added} statements added of ${rows} rows`);
      log(
        `  ${formatValue(result.totalMs, 'ms')} (preview ${formatValue(result.previewMs, 'ms')}, ` +
          `store ${formatValue(result.storeMs, 'ms')}, show ${formatValue(result.showMs, 'ms')}), ` +
          `longest task ${formatValue(Math.max(0, ...result.longTasks.map((t) => t.duration)), 'ms')}`,
      );
      return result;
    },
    { budgetMs: rows >= M ? 360_000 : 120_000 },
  );
  const rates = imports.map((r) => rows / (r.totalMs / 1000));
  const part = (key) => formatValue(summarize(imports.map((r) => r[key])).median, 'ms');
  record({
    id: `import-${label(rows)}`,
    name: `import ${label(rows)} rows: file chosen -> Import -> visible`,
    unit: 'ms',
    values: imports.map((r) => r.totalMs),
    target: rows === M ? '≤ 8 s' : undefined,
    limit: rows === M ? 8000 : undefined,
    note: `file chosen ${THINK_MS / 1000} s after the page is drawn; median parts: preview until Import enabled ${part('previewMs')}, worker parse+store ${part('storeMs')}, report -> drawn ${part('showMs')}`,
    extra: imports,
  });
  if (rows === 100 * K) {
    await section(`re-import ${label(rows)}`, () => measureReimport(appUrl, input));
  }
  record({
    id: `import-rate-${label(rows)}`,
    name: `import ${label(rows)} rows, share of bare parse throughput`,
    unit: '%',
    values: rates.map((r) => r / ceilingRate),
    target: '≥ 50%',
    limit: 0.5,
    higherIsBetter: true,
    note: `${formatValue(summarize(rates).median, 'rows/s')} vs ${formatValue(ceilingRate, 'rows/s')} bare parse`,
  });
  const longest = (r, phase) =>
    Math.max(0, ...r.longTasks.filter((t) => !phase || t.phase === phase).map((t) => t.duration));
  const byPhase = (phase) =>
    formatValue(summarize(imports.map((r) => longest(r, phase))).median, 'ms');
  record({
    id: `longtask-import-${label(rows)}`,
    name: `longest main-thread task during a ${label(rows)} import`,
    unit: 'ms',
    values: imports.map((r) => longest(r)),
    target: rows === M ? '≤ 50 ms' : undefined,
    limit: rows === M ? 50 : undefined,
    note: `median of the longest per phase: preview ${byPhase('preview')}, parse+store ${byPhase('store')}, report -> drawn ${byPhase('show')} (0 = none over 50 ms)`,
  });

  const { page, close } = kept;
  const total = imports[imports.length - 1].total;
  try {
    if (rows === M) {
      await section('reload with 1M stored', () => measureReload(page, appUrl, total));
    } else {
      await section(`first timeline render ${label(rows)}`, async () => {
        log(`first timeline render ${label(rows)}`);
        recordFirstRender(rows, await timelineFirstRender(page, RUNS));
      });
    }
    for (const tab of ['Timeline', 'Shifts', 'Matrix']) {
      await section(`filter changes on ${tab}, ${label(rows)}`, () =>
        measureFilters(page, tab, rows),
      );
    }
    await section(`facet counts ${label(rows)}`, () => measureFacetCounts(page, rows));
    await section(`edit saves ${label(rows)}`, () => measureEditSaves(page, rows));
    if (rows === 100 * K) {
      await switchTab(page, 'Timeline');
      for (const kind of ['zoom', 'pan', 'brush']) {
        await section(`${kind} frames`, () => measureGesture(page, kind, rows));
      }
    }
  } finally {
    await close();
  }
}

/** 5 and 9: reload with 1M stored -> first chart drawn; the heap after GC. */
async function measureReload(page, appUrl, total) {
  const reloads = await repeat(`reload with 1M stored`, () => reloadDrawn(page, appUrl, total), {
    budgetMs: 120_000,
  });
  record({
    id: 'reload-1M',
    name: 'reload with 1M stored -> first chart drawn',
    unit: 'ms',
    values: reloads.map((r) => r.ms),
    target: '≤ 1.5 s',
    limit: 1500,
    note: 'from navigation start',
  });
  record({
    id: 'heap-1M',
    name: 'JS heap with 1M statements loaded (after GC)',
    unit: 'B',
    values: reloads.map((r) => r.heap),
    target: '≤ 300 MB',
    limit: 300 * 1024 * 1024,
    note: 'main thread, Runtime.getHeapUsage after two forced GCs',
  });
}

/** 3: filter change -> painted, on one tab. */
async function measureFilters(page, tab, rows) {
  const id = `filter-${tab.toLowerCase()}-${label(rows)}`;
  const name = `filter change -> painted ${tab.toLowerCase()}, p95, ${label(rows)}`;
  const limit = rows >= M ? 100 : 50;
  // A tab without a chart yet never counts as drawn: a short wait, then n/a.
  await switchTab(page, tab, 15_000).catch(() => NaN);
  if (!(await tabHasChart(page))) {
    log(`filter changes on ${tab}: no chart on that tab yet`);
    record({
      id,
      name,
      unit: 'ms',
      values: [],
      target: `≤ ${limit} ms`,
      display: 'n/a',
      note: `the ${tab} tab shows no chart yet`,
    });
    return;
  }
  const runs = await repeat(
    `filter changes on ${tab}, ${label(rows)}`,
    async (i) => {
      const ms = await filterChanges(page, i === 0 ? 4 : FILTER_CHANGES);
      return { p95: quantile(ms, 0.95), ms };
    },
    { budgetMs: 120_000 },
  );
  record({
    id,
    name,
    unit: 'ms',
    values: runs.map((r) => r.p95),
    target: `≤ ${limit} ms`,
    limit,
    note: `p95 of ${FILTER_CHANGES} changes per run (topic alone / all topics / search word / no search); median change ${formatValue(summarize(runs.flatMap((r) => r.ms)).median, 'ms')}`,
    extra: runs,
  });
}

/** Filter change -> the Actors facet's counts painted (issue 16). */
async function measureFacetCounts(page, rows) {
  const limit = rows >= M ? 100 : 50;
  await switchTab(page, 'Statements', 15_000).catch(() => NaN);
  const runs = await repeat(
    `facet counts after a filter change, ${label(rows)}`,
    async (i) => {
      const ms = await facetCountChanges(page, i === 0 ? 4 : FILTER_CHANGES);
      return { p95: quantile(ms, 0.95), ms };
    },
    { budgetMs: 120_000 },
  );
  record({
    id: `facet-counts-${label(rows)}`,
    name: `filter change -> facet counts painted, p95, ${label(rows)}`,
    unit: 'ms',
    values: runs.map((r) => r.p95),
    target: `≤ ${limit} ms`,
    limit,
    note: `p95 of ${FILTER_CHANGES} topic choices per run, read off the Actors facet`,
  });
}

/** Issue 18: saving one edit -> every view repainted (the Timeline showing). */
async function measureEditSaves(page, rows) {
  const runs = await repeat(
    `edit saves, ${label(rows)}`,
    async (i) => {
      const ms = await editSaves(page, i === 0 ? 3 : 10);
      return { p95: quantile(ms, 0.95), ms };
    },
    { budgetMs: 120_000 },
  );
  record({
    id: `edit-save-${label(rows)}`,
    name: `saving one edit -> views repainted, p95, ${label(rows)}`,
    unit: 'ms',
    values: runs.map((r) => r.p95),
    target: '≤ 100 ms',
    limit: 100,
    note: `p95 of 10 stance changes saved from the evidence panel's editor with the Timeline showing; median save ${formatValue(summarize(runs.flatMap((r) => r.ms)).median, 'ms')}`,
  });
}

/** Keystroke in the Actors facet's search -> matching list painted, 10,000 actors (issue 16). */
async function measureFacetSearch(appUrl, input) {
  log('import 100k rows with 12,000 actors for the facet search');
  const { profile } = await importInFreshProfile(appUrl, input, { keep: true });
  try {
    const actors = await profile.page.evaluate(
      () => window.__bench.control('Actors').querySelector('.summary').textContent,
    );
    const runs = await repeat('facet search keystrokes', async () => {
      const ms = await facetSearchKeystrokes(profile.page, 'lavr');
      return { p95: quantile(ms, 0.95), ms };
    });
    record({
      id: 'facet-search-10k-actors',
      name: `facet search keystroke -> list painted, p95, ${actors.trim()} actors`,
      unit: 'ms',
      values: runs.map((r) => r.p95),
      target: '≤ 50 ms',
      limit: 50,
      note: 'typing and erasing "lavr" in the Actors facet',
    });
  } finally {
    await profile.close();
  }
}

/** 4: frames of a gesture over the timeline; n/a when the timeline does not do it yet. */
async function measureGesture(page, kind, rows) {
  const id = `${kind}-frames-${label(rows)}`;
  const name = `${kind} frames at ${label(rows)}, p95`;
  log(`${kind} frames ${label(rows)}: warm-up`);
  const warm = await gestureFrames(page, kind);
  if (warm === null) {
    record({
      id,
      name,
      unit: 'ms',
      values: [],
      target: '≤ 33 ms',
      display: 'n/a',
      note: `the timeline does not ${kind} yet (synthetic ${kind === 'zoom' ? 'wheel' : 'drag'} events changed nothing)`,
    });
    return;
  }
  const frames = [];
  for (let i = 1; i <= RUNS; i++) {
    log(`${kind} frames ${label(rows)}: run ${i}/${RUNS}`);
    const r = await gestureFrames(page, kind);
    if (r) frames.push(r);
  }
  record({
    id,
    name,
    unit: 'ms',
    values: frames.map((f) => f.p95),
    target: '≤ 33 ms',
    limit: 33,
    note: `p95 of ${frames[0]?.frames ?? 0} frames per run, one input event per frame; worst frame ${formatValue(Math.max(...frames.map((f) => f.max)), 'ms')}`,
  });
}

/** 7 (app side): the first timeline render of `rows` statements. */
function recordFirstRender(rows, values) {
  const limit = rows <= K ? 50 : rows <= 10 * K ? 100 : 1000;
  record({
    id: `timeline-first-${label(rows)}`,
    name: `first timeline render, ${label(rows)} statements (Statements -> Timeline)`,
    unit: 'ms',
    values,
    target: `≤ ${formatValue(limit, 'ms')}`,
    limit,
    note: 'plus the 19 bundled statements',
  });
}

/** 7 at 1k and 10k: import into a fresh profile, then time the first timeline render. */
async function measureFirstRenderSmall(appUrl, input) {
  log(`import ${label(input.rows)} for the first timeline render`);
  const { profile } = await importInFreshProfile(appUrl, input, { keep: true });
  try {
    log(`first timeline render ${label(input.rows)}`);
    recordFirstRender(input.rows, await timelineFirstRender(profile.page, RUNS));
  } finally {
    await profile.close();
  }
}

/** 7 (peer side): vis-timeline on the same statements, each run stopped at 60 s. */
async function measureVis(baseUrl, inputs) {
  let over = false;
  for (const input of inputs) {
    const id = `vis-timeline-${label(input.rows)}`;
    const name = `vis-timeline first render, ${label(input.rows)} statements (peer)`;
    if (over) {
      record({
        id,
        name,
        unit: 'ms',
        values: [],
        display: '> 60 s',
        note: 'not run: a smaller size already took over 60 s',
      });
      continue;
    }
    log(`vis-timeline ${label(input.rows)}: ${RUNS} runs after a warm-up, each stopped at 60 s`);
    const r = await visTimeline(baseUrl, visItems(input.file), RUNS);
    over = r.overLimit;
    record({
      id,
      name,
      unit: 'ms',
      values: r.overLimit ? [] : r.ms,
      display: r.overLimit ? '> 60 s' : undefined,
      note: r.overLimit
        ? `stopped at 60 s${r.ms.length ? ` (earlier runs: ${r.ms.map((v) => formatValue(v, 'ms')).join(', ')})` : ''}`
        : `${r.drawnItems} items in the DOM after the first draw`,
      extra: r,
    });
  }
}

/**
 * `--profile`: CPU profiles of the main thread during an import, a reload, filter changes on
 * the Timeline and Matrix tabs and first timeline renders, saved as .cpuprofile (open them in
 * DevTools) with the top self times printed. They run on an unminified build of the current
 * sources (served on its own port, so with its own fresh storage), so the functions have names.
 */
async function profileRun(input, tmpDir) {
  const rows = input.rows;
  const outDir = path.join(tmpDir, 'dist-unminified');
  if (!fs.existsSync(outDir)) {
    log('building an unminified copy of the app for the profiles');
    await build({
      root: ROOT,
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, minify: false },
    });
  }
  const server = await serveApp(outDir);
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const save = (name, profile) => {
    const file = path.join(dir, `profile-${name}-${label(rows)}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    log(`profile ${name}: ${path.relative(ROOT, file)}; top self time:`);
    for (const f of selfTimes(profile)) {
      log(`    ${formatValue(f.ms, 'ms').padStart(9)}  ${f.name}`);
    }
  };
  /** Profiles `fn` on `page` and saves the profile as `name`. */
  const profiled = async (page, name, fn) => {
    log(`profiling: ${name}, ${label(rows)}`);
    const p = await startProfile(page);
    await fn();
    save(name, await p.stop());
  };
  let p = null;
  const { result, profile } = await importInFreshProfile(server.url, input, {
    keep: true,
    onPage: async (fresh) => {
      await firstDrawn(fresh);
      log(`profiling: import, ${label(rows)}`);
      p = await startProfile(fresh);
    },
  });
  try {
    save('import', await p.stop());
    const { page } = profile;
    await profiled(page, 'reload', () => reloadDrawn(page, server.url, result.total));
    for (const tab of ['Timeline', 'Shifts', 'Matrix']) {
      await switchTab(page, tab, 15_000).catch(() => NaN);
      if (!(await tabHasChart(page))) continue;
      await profiled(page, `filter-${tab.toLowerCase()}`, () => filterChanges(page, 8));
    }
    if (rows < M) {
      await profiled(page, 'timeline-render', () => timelineFirstRender(page, 2));
    }
  } finally {
    await profile.close();
    await server.close();
  }
}

function report(browserVersion) {
  const header = ['figure', 'median', 'min', 'max', 'runs', 'target', 'met', 'note'];
  const rows = figures.map((f) => {
    const [name, median, min, max, runs, target, note] = figureRow(f);
    return [name, median, min, max, runs, target, verdict(f), note];
  });
  console.log('');
  console.log(markdownTable(header, rows));
  console.log('');
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\..*/, '');
  const file = path.join(dir, `bench-${stamp}${QUICK ? '-quick' : ''}.json`);
  const json = {
    date: new Date().toISOString(),
    options: { quick: QUICK, runs: RUNS, filterChanges: FILTER_CHANGES },
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memory: os.totalmem(),
      // Other work on the machine moves the figures: the 1-minute load average at the end.
      loadAverage: os.loadavg()[0],
      node: process.version,
      chromium: browserVersion,
    },
    figures: figures.map((f) => ({
      id: f.id,
      name: f.name,
      unit: f.unit,
      ...summarize(f.values),
      values: f.values,
      display: f.display,
      target: f.target,
      met: verdict(f) || null,
      note: f.note,
      extra: f.extra,
    })),
  };
  fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  log(`results written to ${path.relative(ROOT, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
