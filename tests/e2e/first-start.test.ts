import { afterEach, describe, expect, it } from 'vitest';
import { storedDatasets } from './app-helpers';
import { baseURL, collectPageErrors, hasBrowser, launchFresh } from './browser';
import { SEED_ROWS, statusLine } from './views-helpers';

describe.runIf(hasBrowser)('the first visit', () => {
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('shows the bundled dataset on the timeline and in the table, and keeps it on reload', async () => {
    const fresh = await launchFresh();
    close = fresh.close;
    const page = await fresh.context.newPage();
    const errors = collectPageErrors(page);
    const showingAll = `Showing ${SEED_ROWS} of ${SEED_ROWS} statements`;

    await page.goto(baseURL());

    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 20_000 })
      .toContain(showingAll);
    const timelineTab = page.getByRole('tab', { name: 'Timeline' });
    expect(await timelineTab.getAttribute('aria-selected')).toBe('true');
    const panel = page.getByRole('tabpanel');
    await expect.poll(() => panel.textContent()).toContain('Sergey Lavrov');

    await page.getByRole('tab', { name: 'Statements' }).click();
    expect(await page.getByRole('tab', { name: 'Statements' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.getByRole('tabpanel').getByText('A truce leads to nowhere').first().waitFor();

    await page.reload();

    await expect
      .poll(() => statusLine(page).textContent(), { timeout: 20_000 })
      .toContain(showingAll);
    const datasets = await storedDatasets(page);
    expect(datasets.map((d) => d.status)).toEqual(['ready']);
    expect(datasets[0].name).toMatch(/example/);
    // The tab the user chose is in the URL, so the reload opens it again.
    expect(await page.getByRole('tab', { name: 'Statements' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.waitForLoadState('networkidle');
    expect(errors.all()).toEqual([]);
  });
});
