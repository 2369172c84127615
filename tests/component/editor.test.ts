import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/App.svelte';
import { DB_NAME, resetDbForTests, StanceDB } from '../../src/db/db';
import { InProcessImportService } from '../../src/ingest/client';
import { AppState } from '../../src/state/app.svelte';
import './harness/jsdom-gaps';

const seedText = readFileSync(path.resolve(__dirname, '../../data/seed-statements.csv'), 'utf8');

/** The app on the bundled data with `query` as its link, and the evidence panel it opens. */
async function openApp(query: string) {
  history.replaceState(null, '', `/?${query}`);
  const state = new AppState(() => new InProcessImportService(() => new StanceDB()));
  render(App, { props: { state } });
  const user = userEvent.setup();
  // The first open compiles the lazily loaded panel: slow on a busy machine.
  const panel = await screen.findByRole('complementary', { name: 'Evidence' }, { timeout: 15_000 });
  return { state, user, panel, p: within(panel) };
}

const flat = (el: HTMLElement) => el.textContent!.replace(/\s+/g, ' ');
const notice = () =>
  screen.getAllByRole('status').find((el) => /Saved|Undid|Nothing/.test(el.textContent ?? ''));

beforeEach(async () => {
  resetDbForTests();
  await Dexie.delete(DB_NAME);
  localStorage.clear();
  vi.stubGlobal('fetch', async () => ({ ok: true, blob: async () => new Blob([seedText]) }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  resetDbForTests();
});

describe('Statement editor', () => {
  it('saves a new stance: the panel shows it, the history lists the change, the notice says so', async () => {
    const { state, user, panel, p } = await openApp('sel=seed-017');
    expect(p.queryByRole('heading', { name: /History/ })).toBeNull();

    await user.click(p.getByRole('button', { name: 'Edit statement' }));
    const form = p.getByRole('form', { name: 'Edit statement seed-017' });
    expect(within(form).getByLabelText('Stance')).toHaveFocus();
    expect(within(form).getByLabelText('Quote')).toHaveAttribute('readonly');
    await user.selectOptions(within(form).getByLabelText('Stance'), 'oppose');
    await user.type(within(form).getByLabelText('Note'), 'checked the transcript');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await p.findByRole('heading', { name: 'History (1 version)' });
    expect(p.queryByRole('form')).toBeNull();
    expect(panel.querySelector('.stance')).toHaveTextContent(/^oppose$/);
    const history = flat(p.getByRole('heading', { name: /History/ }).parentElement!);
    expect(history).toContain('Version 1');
    expect(history).toContain('edited in the app');
    expect(history).toContain('Note: checked the transcript');
    expect(history).toContain('Stance: strongly oppose → oppose');
    expect(history).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(notice()).toHaveTextContent('Saved version 1 of seed-017.');
    expect(p.getByRole('button', { name: 'Edit statement' })).toHaveFocus();
    expect(state.edits.fields('seed-017')?.stance).toBe(-1);
  });

  it('shows a bad date and a confidence of 2 at their fields and saves nothing', async () => {
    const { state, user, p } = await openApp('sel=seed-017');
    await user.click(p.getByRole('button', { name: 'Edit statement' }));
    const form = within(p.getByRole('form', { name: 'Edit statement seed-017' }));

    const date = form.getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2024-02-30');
    const confidence = form.getByLabelText('Confidence');
    await user.clear(confidence);
    await user.type(confidence, '2');
    await user.selectOptions(form.getByLabelText('Stance'), 'oppose');
    await user.click(form.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(date).toHaveAccessibleDescription(/Write a real date as YYYY-MM-DD/);
    expect(date).toHaveFocus();
    expect(confidence).toHaveAttribute('aria-invalid', 'true');
    expect(confidence).toHaveAccessibleDescription(/Confidence is 0\.\.1, or empty/);
    expect(form.getByLabelText('Stance')).not.toHaveAttribute('aria-invalid');
    expect(await state.edits.history('seed-017')).toEqual([]);
    expect(state.edits.fields('seed-017')?.stance).toBe(-2);

    // Enter in a text field saves once the values are good.
    await user.clear(date);
    await user.clear(confidence);
    await user.type(date, '2024-12{Enter}');
    await p.findByRole('heading', { name: 'History (1 version)' });
    expect(flat(p.getByRole('heading', { name: /History/ }).parentElement!)).toContain(
      'Date: 2024-12-26 → 2024-12',
    );
    expect(state.edits.fields('seed-017')).toMatchObject({ precision: 'month', stance: -1 });
    expect(Number.isNaN(state.edits.fields('seed-017')!.confidence)).toBe(true);
  });

  it('undoes the last change: strongly oppose again, and the history keeps both versions', async () => {
    const { state, user, panel, p } = await openApp('sel=seed-017');
    await user.click(p.getByRole('button', { name: 'Edit statement' }));
    await user.selectOptions(p.getByLabelText('Stance'), 'oppose');
    await user.click(p.getByRole('button', { name: 'Save' }));
    await p.findByRole('heading', { name: 'History (1 version)' });

    await user.click(p.getByRole('button', { name: 'Undo last change' }));

    await p.findByRole('heading', { name: 'History (2 versions)' });
    expect(panel.querySelector('.stance')).toHaveTextContent(/^strongly oppose$/);
    const items = p
      .getByRole('heading', { name: /History/ })
      .parentElement!.querySelectorAll('ol > li');
    expect(flat(items[0] as HTMLElement)).toMatch(
      /Version 2, .* UTC, undo Stance: oppose → strongly oppose/,
    );
    expect(flat(items[1] as HTMLElement)).toMatch(/Version 1, .* edited in the app/);
    expect(notice()).toHaveTextContent('Undid the last change of seed-017 (saved as version 2).');
    expect(state.edits.fields('seed-017')?.stance).toBe(-2);
  });

  it('opens from the Statements table, cancels on Escape, and labels a corrected quote', async () => {
    history.replaceState(null, '', '/?view=statements&actors=Sergey%20Lavrov');
    const state = new AppState(() => new InProcessImportService(() => new StanceDB()));
    render(App, { props: { state } });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit seed-017' }, { timeout: 15_000 }),
    );

    const panel = await screen.findByRole('complementary', { name: 'Evidence' });
    const p = within(panel);
    const form = await p.findByRole('form', { name: 'Edit statement seed-017' });
    expect(state.view.selected).toBe('seed-017');
    expect(within(form).getByLabelText('Stance')).toHaveFocus();
    await user.selectOptions(within(form).getByLabelText('Stance'), 'support');
    await user.keyboard('{Escape}');
    expect(p.queryByRole('form')).toBeNull();
    expect(screen.getByRole('complementary', { name: 'Evidence' })).toBeInTheDocument();
    expect(panel.querySelector('.stance')).toHaveTextContent(/^strongly oppose$/);
    expect(p.getByRole('button', { name: 'Edit statement' })).toHaveFocus();

    await user.click(p.getByRole('button', { name: 'Edit statement' }));
    const quote = p.getByLabelText('Quote');
    await user.type(quote, ' at all');
    expect(quote).toHaveValue('A truce leads to nowhere');
    await user.click(p.getByLabelText('Correct the transcription'));
    await user.type(quote, ' at all');
    await user.selectOptions(p.getByLabelText('Stance'), 'support');
    await user.click(p.getByLabelText('Conditional'));
    await user.type(p.getByLabelText('Conditions'), 'a full withdrawal');
    await user.click(p.getByRole('button', { name: 'Save' }));

    await p.findByRole('heading', { name: 'History (1 version)' });
    const log = flat(p.getByRole('heading', { name: /History/ }).parentElement!);
    expect(log).toContain(
      'Quote (transcription corrected): A truce leads to nowhere → A truce leads to nowhere at all',
    );
    expect(log).toContain('Stance: strongly oppose → conditional support');
    expect(panel.querySelector('blockquote')).toHaveTextContent(
      /^A truce leads to nowhere at all$/,
    );
    expect(flat(panel)).toContain('Conditions a full withdrawal');

    // Closing the panel gives focus back to the row's Edit that opened it.
    await user.click(p.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Edit seed-017' })).toHaveFocus();
  });
});
