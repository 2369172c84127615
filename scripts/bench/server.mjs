/**
 * The two local servers of a benchmark run, both on 127.0.0.1 with a port the OS picks:
 * - the built app (`dist/`) through Vite's `preview()`, as the e2e tests serve it;
 * - the baseline pages (bare PapaParse worker, vis-timeline) from this folder and
 *   `node_modules`, by a tiny static server, so the baselines load nothing from the network.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');

/**
 * Serves a built app with `vite preview` (the project's config: same headers as `npm start`).
 * @param {string} outDir a copy of `dist/`, so a rebuild during the run cannot change what is measured
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} url ends in `/`
 */
export async function serveApp(outDir) {
  const server = await preview({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/**
 * PapaParse 5.7 ships as UMD only; wrapped as an ES module so the bare worker can be a module
 * worker like the app's. `this` is undefined in a module, so the UMD takes the CommonJS branch.
 * @returns {string}
 */
function papaparseModule() {
  const source = fs.readFileSync(
    path.join(ROOT, 'node_modules/papaparse/papaparse.min.js'),
    'utf8',
  );
  return `const module = { exports: {} };\nconst exports = module.exports;\n${source}\nexport default module.exports;\n`;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };

/**
 * Serves the baseline pages: `parse.html` (+ `parse-worker.js`, `papaparse.mjs`) and `vis.html`
 * (+ `vis.js`, `vis-timeline.js`, the standalone build that injects its own CSS).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} url ends in `/`
 */
export async function serveBaselines() {
  /** @type {Record<string, () => string>} */
  const routes = {
    '/parse.html': () => fs.readFileSync(path.join(HERE, 'parse.html'), 'utf8'),
    '/parse-worker.js': () => fs.readFileSync(path.join(HERE, 'parse-worker.js'), 'utf8'),
    '/papaparse.mjs': papaparseModule,
    '/vis.html': () => fs.readFileSync(path.join(HERE, 'vis.html'), 'utf8'),
    '/vis.js': () => fs.readFileSync(path.join(HERE, 'vis.js'), 'utf8'),
    '/vis-timeline.js': () =>
      fs.readFileSync(
        path.join(ROOT, 'node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js'),
        'utf8',
      ),
  };
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const body = route();
    res.writeHead(200, {
      'content-type': `${TYPES[path.extname(req.url ?? '')] ?? 'text/plain'}; charset=utf-8`,
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
