/**
 * Vitest globalSetup for the e2e project: serves the built app (`dist/`) with `vite preview` on
 * 127.0.0.1 and a free port, finds a Chromium, and hands both to the tests through `provide`.
 *
 * `npm test` builds before it runs Vitest; when `dist/` is missing or older than the sources (a
 * plain `npx vitest run --project e2e` after an edit), this builds it first, so a test never
 * drives yesterday's bundle. `STANCE_E2E_DIST` points the server at another folder (used to
 * check the harness itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The preview server's root URL, ending in `/`: `http://127.0.0.1:41234/`. */
    baseURL: string;
    /** Path of the Chromium executable, or null when none was found outside CI. */
    chromium: string | null;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG_FILE = path.join(ROOT, 'vite.config.ts');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to drive: `CHROMIUM_PATH`, else the Debian/Ubuntu paths, else a browser that
 * `npx playwright install chromium` put in Playwright's cache; null when there is none.
 */
async function findChromium(): Promise<string | null> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
  }
  for (const file of CANDIDATES) if (isExecutable(file)) return file;
  try {
    const { chromium } = await import('playwright-core');
    const cached = chromium.executablePath();
    if (cached && isExecutable(cached)) return cached;
  } catch {
    // No Playwright-managed browser either; fall through.
  }
  return null;
}

/** Newest modification time under `dir` (files only), in ms; 0 when it does not exist. */
function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Build `dist/` unless it exists and is newer than everything it is built from. */
async function ensureBuilt(outDir: string): Promise<void> {
  const index = path.join(outDir, 'index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const inputs = ['src', 'index.html', 'public', 'vite.config.ts', 'package.json'];
  const sourcesAt = Math.max(...inputs.map((p) => newestMtime(path.join(ROOT, p))));
  if (builtAt > 0 && builtAt >= sourcesAt) return;
  process.stderr.write(
    builtAt === 0 ? 'e2e: no dist/, building the app...\n' : 'e2e: dist/ is stale, rebuilding...\n',
  );
  await build({ root: ROOT, configFile: CONFIG_FILE, logLevel: 'warn' });
}

const LOUD_WARNING = [
  '',
  '################################################################################',
  '#                                                                              #',
  '#   BROWSER TESTS SKIPPED: no Chromium found.                                  #',
  '#   Install it with: apt-get update && apt-get install -y chromium             #',
  '#   (or set CHROMIUM_PATH to a Chromium/Chrome executable).                    #',
  '#   In CI (CI=true) a missing browser is an error, not a skip.                 #',
  '#                                                                              #',
  '################################################################################',
  '',
  '',
].join('\n');

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const chromium = await findChromium();
  if (chromium === null) {
    if (process.env.CI === 'true') {
      throw new Error(
        'No Chromium found, and browser tests are required in CI. Install it with: ' +
          'apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).',
      );
    }
    process.stderr.write(LOUD_WARNING);
  }

  const override = process.env.STANCE_E2E_DIST;
  const outDir = override ? path.resolve(override) : path.join(ROOT, 'dist');
  if (override) {
    if (!fs.existsSync(path.join(outDir, 'index.html'))) {
      throw new Error(`STANCE_E2E_DIST=${override} has no index.html.`);
    }
  } else {
    await ensureBuilt(outDir);
  }

  const server = await preview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    build: { outDir },
    // Port 0: the OS picks a free port, so parallel runs and a running `npm start` never clash.
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${address.port}/`;

  provide('baseURL', baseURL);
  provide('chromium', chromium);

  return async () => {
    await server.close();
  };
}
