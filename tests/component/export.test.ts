import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ExportMenu from '../../src/views/common/ExportMenu.svelte';
import { stanceLegend } from '../../src/domain/stance';
import { dayNumber } from '../../src/domain/dates';
import { cacheFromRecords } from '../../src/query/cache';
import { DEFAULT_VIEW } from '../../src/url/view-state';
import { NATIVE_COLUMNS } from '../../src/domain/types';
import { rec } from '../unit/query/helpers';

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

const texts = (doc: Document) => Array.from(doc.querySelectorAll('text'), (t) => t.textContent);

describe('stanceLegend', () => {
  it('lists the five stances from oppose to support, then conditional support as a ring', () => {
    expect(stanceLegend().map((i) => `${i.label}${i.hollow ? ' (ring)' : ''}`)).toEqual([
      'strongly oppose',
      'oppose',
      'neutral',
      'support',
      'strongly support',
      'conditional support (ring)',
    ]);
  });
});

describe('ExportMenu', () => {
  const records = [
    rec({
      id: 's1',
      date: '2024-12-26',
      actor: 'Sergey Lavrov',
      topic: 'ceasefire',
      stance: -2,
      quote: 'A truce leads to nowhere',
    }),
    rec({ id: 's2', date: '2024-11', actor: 'Vladimir Putin', topic: 'ceasefire', stance: 'c' }),
    rec({ id: 's3', date: '2025-01-05', actor: 'Сергей Лавров', topic: 'dialogue', stance: 0 }),
  ];
  const cache = cacheFromRecords(records);
  const allRows = Uint32Array.from([0, 1, 2]);
  let blobs: Blob[];
  let names: string[];

  beforeEach(() => {
    document.body.innerHTML = '';
    blobs = [];
    names = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:test/${blobs.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  function setup(props: Record<string, unknown> = {}) {
    const user = userEvent.setup();
    render(ExportMenu, { cache, rows: allRows, view: DEFAULT_VIEW, ...props });
    return user;
  }

  it('shows its items only once opened', async () => {
    const user = setup();
    const toggle = screen.getByRole('button', { name: 'Export' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Statements as CSV' })).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'Statements as CSV' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Statements as JSON' })).toBeVisible();
  });

  it('downloads the filtered statements as CSV', async () => {
    const at = (id: string) => cache.text.find('id', id);
    const user = setup({ rows: Uint32Array.from([at('s1'), at('s3')]) });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('button', { name: 'Statements as CSV' }));

    // The export code loads on first use, so the download follows a moment later.
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names[0]).toMatch(/^statements-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await blobs[0].arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\n');
    expect(lines[0]).toBe(NATIVE_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain('Сергей Лавров');
    expect(lines.join('\n')).not.toContain('Vladimir Putin');
    expect(screen.queryByRole('button', { name: 'Statements as CSV' })).toBeNull();
  });

  it('downloads the statements as JSON', async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('button', { name: 'Statements as JSON' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names[0]).toMatch(/^statements-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(await blobs[0].text());
    expect(parsed.map((s: { id: string }) => s.id)).toEqual(
      [...allRows].map((r) => cache.text.get('id', r)),
    );
  });

  it('offers no picture on the Statements view, and SVG and PNG on the four charts', async () => {
    const user = setup({ view: { ...DEFAULT_VIEW, view: 'statements' } });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.queryByRole('button', { name: 'Picture as SVG' })).toBeNull();
    for (const view of ['timeline', 'shifts', 'matrix', 'agreement'] as const) {
      document.body.innerHTML = '';
      const u = setup({ view: { ...DEFAULT_VIEW, view } });
      await u.click(screen.getByRole('button', { name: 'Export' }));
      expect(screen.getByRole('button', { name: 'Picture as SVG' })).toBeVisible();
      expect(screen.getByRole('button', { name: 'Picture as PNG (2x)' })).toBeVisible();
    }
  });

  it('downloads the view as an SVG page with its title, filters, source and chosen size', async () => {
    const view = { ...DEFAULT_VIEW, from: dayNumber(2024, 11, 1), search: 'truce' };
    const user = setup({ view, source: 'Data: test.csv (3 statements)' });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Picture size' }), 'a4');
    await user.click(screen.getByRole('button', { name: 'Picture as SVG' }));

    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names[0]).toMatch(/^timeline-a4-\d{4}-\d{2}-\d{2}\.svg$/);
    expect(blobs[0].type).toBe('image/svg+xml');
    const doc = parse(await blobs[0].text());
    const root = doc.documentElement;
    expect(root.querySelector('parsererror')).toBeNull();
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['794', '1123']);
    const words = texts(doc);
    expect(words).toContain('Timeline by actor');
    expect(words).toContain('Filters: From 2024-11-01 · Search: truce');
    expect(words).toContain('Data: test.csv (3 statements)');
    expect(words).toContain('strongly oppose');
    expect(words).toContain('Sergey Lavrov');
  });

  it('downloads the Matrix cells and the Agreement pairs as CSV', async () => {
    const user = setup({ view: { ...DEFAULT_VIEW, view: 'matrix' } });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('button', { name: 'Matrix as CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(names[0]).toMatch(/^matrix-\d{4}-\d{2}-\d{2}\.csv$/);
    const matrix = (await blobs[0].text()).replace(/^\uFEFF/, '').split('\n');
    expect(matrix[0]).toMatch(/^row,kind,affiliation,topic,stance,date,statements/);
    expect(
      matrix.some((l) =>
        l.startsWith('Sergey Lavrov,actor,,ceasefire,strongly oppose,2024-12-26,1,'),
      ),
    ).toBe(true);

    document.body.innerHTML = '';
    const u = setup({ view: { ...DEFAULT_VIEW, view: 'agreement' } });
    await u.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.queryByRole('button', { name: 'Matrix as CSV' })).toBeNull();
    await u.click(screen.getByRole('button', { name: 'Agreement as CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(2));
    expect(names[1]).toMatch(/^agreement-\d{4}-\d{2}-\d{2}\.csv$/);
    const pairs = (await blobs[1].text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(pairs[0]).toBe('actor_a,actor_b,score,shared_topics,topics');
    expect(pairs.some((l) => /Vladimir Putin/.test(l) && /Sergey Lavrov,/.test(l))).toBe(true);
  });

  it('is operated from the keyboard, and Escape closes it', async () => {
    const user = setup();
    const toggle = screen.getByRole('button', { name: 'Export' });
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Statements as CSV' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();

    await user.keyboard('{Enter}');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/\.csv$/);
  });
});
