/**
 * The Shifts view in Chromium on the bundled dataset (issue 15, item 1): it lists Russia's
 * ceasefire hardening with both statements, opens either statement's evidence (by mouse and by
 * keyboard), keeps its filters in the URL and exports the list as CSV.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { openView } from './views-helpers';

const russiaRow = (page: Page) =>
  page.getByRole('row').filter({ hasText: 'Russia' }).filter({ hasText: 'ceasefire' });

describe.runIf(hasBrowser)('the Shifts view', () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  let errors: PageErrors;

  beforeEach(async () => {
    ({ context, close } = await launchFresh());
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    expect(errors.all()).toEqual([]);
    await close();
  });

  it("lists Russia's ceasefire move and opens either statement's evidence", async () => {
    await openView(page, 'view=shifts');
    const row = russiaRow(page);
    await row.waitFor();
    const text = (await row.textContent())!.replace(/\s+/g, ' ');
    expect(text).toMatch(/conditional support 2024-11 · Vladimir Putin · via Reuters report/);
    expect(text).toMatch(/strongly oppose 2024-12-26 · Sergey Lavrov/);
    expect(text).toContain('hardened 3');

    await row.getByRole('button', { name: /conditional support, Vladimir Putin/ }).click();
    const evidence = page.getByRole('complementary', { name: 'Evidence' });
    await expect.poll(() => evidence.textContent()).toContain('Vladimir Putin');
    await expect.poll(() => page.url()).toContain('sel=seed-009');
  });

  it('is usable by keyboard: a direction filter into the URL, Enter on a stance opens it', async () => {
    await openView(page, 'view=shifts');
    await russiaRow(page).waitFor();
    await page.getByRole('checkbox', { name: /Softened/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toContain('shDir=hardened,conditional');
    const lavrov = russiaRow(page).getByRole('button', { name: /strongly oppose, Sergey Lavrov/ });
    await lavrov.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('sel=seed-017');
  });

  it('exports the listed shifts as CSV', async () => {
    await openView(page, 'view=shifts&shWho=affiliation');
    await russiaRow(page).waitFor();
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Shifts as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shifts-.*\.csv$/);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^\uFEFF?who,kind,topic,direction,size,from_id/);
    expect(
      lines.some((l) => l.startsWith('Russia,affiliation,ceasefire,hardened,3,seed-009')),
    ).toBe(true);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'affiliation')).toBe(true);
  });
});
