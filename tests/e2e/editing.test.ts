/**
 * Editing a statement in real Chromium (issue 18): seed-017 (Lavrov on the ceasefire, strongly
 * oppose) recoded as oppose from the keyboard; the Matrix follows, another open tab follows
 * without a reload, a reload keeps the edit, and Undo brings strongly oppose back.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, hasBrowser, launchFresh, type PageErrors } from './browser';
import { openView } from './views-helpers';

const MATRIX = 'view=matrix&asOf=2024-12-31';
const lavrovCell = (page: Page) =>
  page.getByRole('gridcell', { name: /^Sergey Lavrov on ceasefire:/ });
const evidence = (page: Page) => page.getByRole('complementary', { name: 'Evidence' });

describe.runIf(hasBrowser)('editing a statement', () => {
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

  it('recodes seed-017 from the keyboard; the Matrix, another tab and a reload show it; Undo restores it', async () => {
    const other = await context.newPage();
    const otherErrors = collectPageErrors(other);
    await openView(other, MATRIX);
    await expect
      .poll(() => lavrovCell(other).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: strongly oppose,/);

    await openView(page, 'view=statements&sel=seed-017');
    const panel = evidence(page);
    await panel.getByRole('button', { name: 'Edit statement', exact: true }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Edit statement seed-017' });
    const stance = form.getByLabel('Stance', { exact: true });
    await expect.poll(() => stance.evaluate((el) => el === document.activeElement)).toBe(true);
    await stance.selectOption('oppose');
    await form.getByLabel('Note').focus();
    await page.keyboard.type('recoded after the full interview');
    await page.keyboard.press('Enter');

    await page.getByRole('status').filter({ hasText: 'Saved version 1 of seed-017.' }).waitFor();
    await panel.getByRole('heading', { name: 'History (1 version)' }).waitFor();
    expect(await panel.locator('.stance').textContent()).toMatch(/^\s*oppose\s*$/);

    // The other tab follows without a reload.
    await expect
      .poll(() => lavrovCell(other).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: oppose,/);
    expect(otherErrors.all()).toEqual([]);

    // A reload keeps it, on the Matrix too.
    await openView(page, MATRIX);
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: oppose,/);

    await lavrovCell(page).click();
    await panel.getByRole('heading', { name: 'History (1 version)' }).waitFor();
    expect(await panel.textContent()).toContain('Note: recoded after the full interview');
    await panel.getByRole('button', { name: 'Undo last change' }).click();
    await panel.getByRole('heading', { name: 'History (2 versions)' }).waitFor();
    await expect
      .poll(() => lavrovCell(page).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: strongly oppose,/);
    await expect
      .poll(() => lavrovCell(other).getAttribute('aria-label'))
      .toMatch(/^Sergey Lavrov on ceasefire: strongly oppose,/);
  });

  it('refuses a date that is not a real day, at the field, and keeps the statement as it was', async () => {
    await openView(page, 'view=statements&sel=seed-017');
    const panel = evidence(page);
    await panel.getByRole('button', { name: 'Edit statement', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit statement seed-017' });
    const date = form.getByLabel('Date', { exact: true });
    await date.fill('2024-02-30');
    await date.press('Enter');

    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    const described = await date.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('Write a real date as YYYY-MM-DD');

    await date.press('Escape');
    await panel.getByRole('button', { name: 'Edit statement', exact: true }).waitFor();
    expect(await panel.getByRole('heading', { name: /History/ }).count()).toBe(0);
    expect(await panel.textContent()).toContain('day precision: 2024-12-26');
  });
});
