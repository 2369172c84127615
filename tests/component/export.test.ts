import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ExportMenu from '../../src/views/common/ExportMenu.svelte';
import { stanceLegend, svgForExport, type LegendItem } from '../../src/export/chart';
import { dayNumber } from '../../src/domain/dates';
import { cacheFromRecords } from '../../src/query/cache';
import { DEFAULT_VIEW } from '../../src/url/view-state';
import { NATIVE_COLUMNS } from '../../src/domain/types';
import { rec } from '../unit/query/helpers';

const SVG_NS = 'http://www.w3.org/2000/svg';

const LEGEND: LegendItem[] = [
  { label: 'strongly oppose', color: '#b35806' },
  { label: 'conditional', color: '#998ec3', hollow: true },
];

/** A small chart with everything an export must not carry: a script, handlers, bad links. */
function drawChart(): SVGSVGElement {
  document.body.innerHTML = `
    <style>.lane-label { fill: rgb(10, 20, 30); font-size: 12px; }</style>
    <div style="background-color: rgb(22, 23, 27)">
      <svg width="300" height="120" role="img" aria-label="Timeline of 2 statements">
        <script>window.ran = true</script>
        <g class="axis" onclick="window.ran = true">
          <line x1="0" x2="300" y1="10" y2="10" style="stroke: rgb(1, 2, 3)"></line>
          <text class="lane-label" x="8" y="30" onmouseover="window.ran = true">&lt;b&gt;Lavrov&lt;/b&gt;</text>
        </g>
        <a href="javascript:window.ran=true"><text x="8" y="60">a link</text></a>
        <foreignObject width="10" height="10"><div>html</div></foreignObject>
        <image href="https://evil.example/x.png" width="10" height="10"></image>
        <rect width="10" height="10" fill="url(https://evil.example/#x)"></rect>
      </svg>
    </div>`;
  return document.querySelector('svg')!;
}

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

const texts = (doc: Document) => Array.from(doc.querySelectorAll('text'), (t) => t.textContent);

describe('svgForExport', () => {
  const opts = {
    title: 'Timeline',
    filters: 'From 2024-11-01 · Actors: Sergey Lavrov, Vladimir Putin · Search: truce',
    legend: LEGEND,
  };

  it('is a standalone SVG file with its namespace, size and viewBox', () => {
    const text = svgForExport(drawChart(), opts);
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const root = parse(text).documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(root.querySelector('parsererror')).toBeNull();
    const width = Number(root.getAttribute('width'));
    const height = Number(root.getAttribute('height'));
    expect(width).toBeGreaterThanOrEqual(300);
    expect(height).toBeGreaterThan(120);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
  });

  it('writes the title, the active filters and the legend on the image', () => {
    const doc = parse(svgForExport(drawChart(), opts));
    expect(doc.querySelector('title')?.textContent).toBe('Timeline');
    const all = texts(doc);
    expect(all).toContain('Timeline');
    expect(all.join(' ')).toContain(opts.filters);
    expect(all).toEqual(expect.arrayContaining(['strongly oppose', 'conditional']));
  });

  it('draws a hollow legend swatch as a ring', () => {
    const doc = parse(svgForExport(drawChart(), opts));
    const swatches = Array.from(doc.querySelectorAll('.legend circle'));
    expect(swatches.map((c) => c.getAttribute('fill'))).toEqual(['#b35806', 'none']);
    expect(swatches[1].getAttribute('stroke')).toBe('#998ec3');
  });

  it('carries no script, handler, HTML island or outside link', () => {
    const text = svgForExport(drawChart(), opts);
    const doc = parse(text);
    expect(doc.querySelector('script, foreignObject')).toBeNull();
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name).not.toMatch(/^on/i);
        expect(attr.value).not.toMatch(/javascript:|evil\.example/);
      }
    }
    expect(text).not.toContain('window.ran');
    expect(doc.querySelector('image')).toBeNull();
  });

  it('keeps data text as text, never markup', () => {
    const doc = parse(svgForExport(drawChart(), opts));
    expect(texts(doc)).toContain('<b>Lavrov</b>');
    expect(doc.getElementsByTagName('b')).toHaveLength(0);
    expect(texts(doc)).toContain('a link');
  });

  it('inlines the styles the page gave the chart', () => {
    const doc = parse(svgForExport(drawChart(), opts));
    const line = doc.querySelector('line')!;
    expect(line.getAttribute('style')).toMatch(/stroke:\s*rgb\(1, 2, 3\)/);
    const label = doc.querySelector('.lane-label')!;
    expect(label.getAttribute('style')).toMatch(/fill:\s*rgb\(10, 20, 30\)/);
    expect(label.getAttribute('style')).toMatch(/font-size:\s*12px/);
  });

  it('puts the background of the page behind the chart', () => {
    const doc = parse(svgForExport(drawChart(), opts));
    expect(doc.querySelector('rect')?.getAttribute('fill')).toBe('rgb(22, 23, 27)');
  });

  it('embeds the canvas layer as a PNG beneath the chart', () => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 120;
    vi.spyOn(canvas, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=');
    const doc = parse(svgForExport(drawChart(), { ...opts, canvas }));
    const image = doc.querySelector('image')!;
    expect(image.getAttribute('href')).toBe('data:image/png;base64,iVBORw0KGgo=');
    const inner = doc.documentElement.querySelector('svg')!;
    expect(image.compareDocumentPosition(inner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('leaves the canvas out when it cannot be read', () => {
    const canvas = document.createElement('canvas');
    vi.spyOn(canvas, 'toDataURL').mockImplementation(() => {
      throw new DOMException('tainted', 'SecurityError');
    });
    const doc = parse(svgForExport(drawChart(), { ...opts, canvas }));
    expect(doc.querySelector('image')).toBeNull();
  });
});

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
