/**
 * Shared steps for the end-to-end tests that walk the views (accessibility, keyboard, offline,
 * screenshots, and every test that reads the status line): open the app on a view, wait for the
 * data, switch the theme, run axe-core. Importing and reading IndexedDB: app-helpers.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Rows of the bundled dataset, counted from the file without the app's reader: its lines that
 * start with a statement id (`seed-001,2024,...`), one per statement.
 */
export const SEED_ROWS = fs
  .readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => /^seed-\d+,/.test(line)).length;

export const TABS = ['Timeline', 'Shifts', 'Matrix', 'Agreement', 'Statements'] as const;
export type TabName = (typeof TABS)[number];

export type Theme = 'light' | 'dark';

/**
 * A small CSV of three statements that share no actor or topic with the bundled dataset, so a
 * test that imports it can still read the seed's cells and counts unchanged. Written to a
 * temporary folder; the name is what the import preview shows (`Import envoys.csv`).
 */
export function writeSmallCsv(): { file: string; rows: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-csv-'));
  const file = path.join(dir, 'envoys.csv');
  fs.writeFileSync(
    file,
    [
      'date,actor,affiliation,topic,stance,quote,source',
      '2024-10-02,Test Envoy,Testland,prisoner-exchange,support,We are ready to swap,Wire',
      '2024-11-14,Test Envoy,Testland,prisoner-exchange,conditional,Only all for all,Wire',
      '2024-12-01,Other Envoy,Otherland,prisoner-exchange,-1,Not now,Wire',
      '',
    ].join('\n'),
  );
  return { file, rows: 3 };
}

/** The `Showing N of M statements` live region (Copy link has a status of its own). */
export const statusLine = (page: Page) =>
  page.getByRole('status').filter({ hasText: /Showing|Loading/ });

/**
 * Waits until the status line reads `Showing shown of total statements`, for up to 30 s: the
 * longest any test file waited, as a recount after a big import can take that long on a busy
 * machine. `expectShowing(page, 1, 19)` waits for `Showing 1 of 19 statements`.
 */
export async function expectShowing(page: Page, shown: number, total = shown): Promise<void> {
  const text = `Showing ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} statements`;
  await statusLine(page)
    .filter({ hasText: text })
    .waitFor({ timeout: 30_000 })
    .catch(async () => {
      throw new Error(
        `Expected "${text}", the status reads "${await statusLine(page).textContent()}"`,
      );
    });
}

/**
 * Picks a theme the way a user does (the `Theme` select), with the system set to the other
 * scheme: the harder case, where everything (the canvas included) must follow the user's choice
 * rather than `prefers-color-scheme`.
 */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
  await page.getByLabel('Theme').selectOption(theme);
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** Opens the app with a query string (`view=matrix&asOf=2024-12-31`) and waits for the seed. */
export async function openView(page: Page, query = ''): Promise<void> {
  await page.goto(query ? `./?${query}` : './');
  await expectShowing(page, SEED_ROWS);
}

const AXE_SOURCE = fs.readFileSync(
  path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'),
  'utf8',
);

/** One axe finding, trimmed to what a reader of the test output needs. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules plus best practices) on the page as it is now. The
 * source is evaluated through the DevTools protocol, which the page's CSP (`script-src 'self'`)
 * does not govern, so the app's own policy stays on while it is checked.
 */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  });
}

/** Findings as readable lines: `color-contrast (serious) on .legend li: Fix any of ...`. */
export function describeFindings(findings: AxeFinding[]): string[] {
  return findings.flatMap((f) =>
    f.nodes.map((n) => `${f.id} (${f.impact}) on ${n.target}: ${n.summary}`),
  );
}

/** Findings that block: the serious and critical ones. */
export const blocking = (findings: AxeFinding[]) =>
  findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

/** What has the keyboard focus, as a user (and a screen reader) would name it. */
export interface Focused {
  tag: string;
  role: string;
  /** `aria-label`, else the text of its first `<label>`, else its own text; trimmed. */
  name: string;
  /** The focus ring as computed: `solid 2px`, or `none 0px` when there is none. */
  outline: string;
  /** Whether it sits inside an open modal `<dialog>`. */
  inDialog: boolean;
}

/** The element with the keyboard focus, described (`body` when nothing has it). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) {
      return { tag: 'body', role: '', name: '', outline: 'none 0px', inDialog: false };
    }
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '';
    // A wrapped file input shows its ring on the label (`:focus-within`), not on itself.
    const ringed =
      el instanceof HTMLInputElement && el.type === 'file' && el.parentElement
        ? el.parentElement
        : el;
    const style = getComputedStyle(ringed);
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role') ?? '',
      name: name.replace(/\s+/g, ' ').trim(),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      inDialog: el.closest('dialog[open]') !== null,
    };
  });
}

/** True when the focus ring can be seen: an outline style other than `none`, wider than 0. */
export const hasVisibleRing = (f: Focused) =>
  !f.outline.startsWith('none') && !f.outline.endsWith(' 0px');

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking at every stop on the
 * way that the focus ring is visible. Throws with the stops seen when it is not reached.
 */
export async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  { backwards = false, max = 80 }: { backwards?: boolean; max?: number } = {},
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    seen.push(`${f.tag}[${f.role}] "${f.name.slice(0, 40)}" ${f.outline}`);
    if (f.tag !== 'body' && !hasVisibleRing(f)) {
      throw new Error(`No visible focus ring on ${seen.at(-1)}; stops so far:\n${seen.join('\n')}`);
    }
    if (matches(f)) return f;
  }
  throw new Error(`Not reached in ${max} presses of Tab; stops:\n${seen.join('\n')}`);
}
