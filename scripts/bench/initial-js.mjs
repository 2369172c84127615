/**
 * "Initial JS, gzip": the JavaScript a first visit must download before the app can run, i.e.
 * the entry scripts and module preloads of `dist/index.html` and everything they import
 * statically, gzipped one file at a time. Dynamic `import()` and the worker (started with
 * `new Worker(new URL(...))`) are not followed: they load later or off the main thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * The scripts an HTML page loads up front: module entries and module preloads.
 * `htmlScripts('<script type="module" src="./assets/a.js"></script>')` -> `['./assets/a.js']`.
 * @param {string} html
 * @returns {string[]}
 */
export function htmlScripts(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.m?js)"/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) {
    out.push(m[1]);
  }
  return [...new Set(out)];
}

/**
 * The static imports of a bundled ES module (`import ... from`, `import "..."`, `export ... from`);
 * dynamic `import("...")` is left out.
 * `staticImports('import{t as e}from"./x.js";import("./lazy.js")')` -> `['./x.js']`.
 * @param {string} code
 * @returns {string[]}
 */
export function staticImports(code) {
  const out = [];
  for (const m of code.matchAll(
    /\b(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["']([^"']+\.m?js)["']/g,
  )) {
    out.push(m[1]);
  }
  return [...new Set(out)];
}

/**
 * Sizes of the initial JS of a built app.
 * @param {string} distDir
 * @returns {{ files: { file: string, bytes: number, gzip: number }[], bytes: number, gzip: number }}
 */
export function initialJs(distDir) {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const seen = new Set();
  const queue = htmlScripts(html).map((src) => path.resolve(distDir, src));
  const files = [];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file);
    files.push({
      file: path.relative(distDir, file),
      bytes: code.length,
      gzip: zlib.gzipSync(code, { level: 9 }).length,
    });
    for (const spec of staticImports(code.toString('utf8'))) {
      queue.push(path.resolve(path.dirname(file), spec));
    }
  }
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
  };
}
