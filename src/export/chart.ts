/**
 * A chart as a standalone file: the on-screen SVG cloned with the styles it needs inlined, the
 * canvas layer (the marks past a couple of thousand) embedded beneath as a PNG, and the title,
 * the active filters and the legend written on it, so the image still says what it shows once
 * it is pasted into a report. PNG is the same SVG drawn onto a canvas.
 *
 * Needs a DOM (getComputedStyle, XMLSerializer); `describeFilters` is the pure part.
 */

export { describeFilters } from './filters';

export { stanceLegend, type LegendItem } from '../domain/stance';
import type { LegendItem } from '../domain/stance';

export interface ChartExportOptions {
  title: string;
  /** The active filters in words (describeFilters). */
  filters: string;
  legend: readonly LegendItem[];
  /** The canvas drawn under the SVG, with the same box; null when the chart has none. */
  canvas?: HTMLCanvasElement | null;
}

export interface ExportedSvg {
  text: string;
  width: number;
  height: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Computed properties copied onto each element: what draws lines, fills and text. A short list
 * keeps the file small; layout (position, cursor, ...) means nothing outside the page.
 */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** Elements that run code, load things or embed HTML: never carried into an exported file. */
const DROPPED = new Set([
  'script',
  'style',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'animate',
  'set',
  'animatemotion',
  'animatetransform',
  'discard',
]);

/** A `url(...)` reference to anything but a fragment of the same file (`url(#grad)`). */
const EXTERNAL_URL = /url\(\s*['"]?\s*(?!#)/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,/i;

/**
 * The SVG for export, as text. The chart keeps its own coordinates (it is nested as an inner
 * `<svg>` below the header), so nothing in it is re-laid out.
 * `svgForExport(timelineSvg, { title: 'Timeline', filters: 'No filters', legend })`
 * -> `'<?xml ...?>\n<svg xmlns="http://www.w3.org/2000/svg" width="900" height="412" ...>'`.
 */
export function svgForExport(svg: SVGSVGElement, opts: ChartExportOptions): string {
  return exportSvg(svg, opts).text;
}

/** `svgForExport` with the size of the result, which the PNG needs. */
export function exportSvg(svg: SVGSVGElement, opts: ChartExportOptions): ExportedSvg {
  const doc = svg.ownerDocument;
  const view = doc.defaultView;
  const box = chartBox(svg);

  const clone = svg.cloneNode(true) as SVGSVGElement;
  if (view) inlineStyles(svg, clone, view);
  sanitize(clone);

  const rootStyle = view?.getComputedStyle(svg);
  const font = rootStyle?.getPropertyValue('font-family') || 'system-ui, sans-serif';
  const textColor = colorOr(rootStyle?.getPropertyValue('color'), '#1f1f1f');
  const background = backgroundOf(svg, view) ?? '#ffffff';

  const width = Math.max(Math.ceil(box.width), 320);
  const pad = 12;
  const filterLines = wrap(opts.filters, Math.max(20, Math.floor((width - 2 * pad) / 6.6)));
  const headerH = pad + 18 + filterLines.length * 16 + 8;
  const legendRows = layoutLegend(opts.legend, width - 2 * pad);
  const legendH = legendRows.length === 0 ? 0 : legendRows.length * 18 + 10;
  const height = Math.ceil(headerH + box.height + legendH + pad / 2);

  const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string>) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };

  const root = el('svg', {
    width: String(width),
    height: String(height),
    viewBox: `0 0 ${width} ${height}`,
    'font-family': font,
    role: 'img',
  });
  const title = el('title', {});
  title.textContent = opts.title;
  const desc = el('desc', {});
  desc.textContent = opts.filters;
  root.append(title, desc, el('rect', { width: '100%', height: '100%', fill: background }));

  const heading = el('text', {
    x: String(pad),
    y: String(pad + 14),
    'font-size': '16',
    'font-weight': 'bold',
    fill: textColor,
  });
  heading.textContent = opts.title;
  root.append(heading);
  filterLines.forEach((line, i) => {
    const t = el('text', {
      x: String(pad),
      y: String(pad + 18 + 14 + i * 16),
      'font-size': '12',
      fill: textColor,
      class: 'filters',
    });
    t.textContent = line;
    root.append(t);
  });

  const layer = canvasImage(opts.canvas);
  if (layer) {
    root.append(
      el('image', {
        x: '0',
        y: String(headerH),
        width: String(box.width),
        height: String(box.height),
        preserveAspectRatio: 'none',
        href: layer,
      }),
    );
  }

  // The clone becomes an inner <svg>: its viewBox and coordinates stay as drawn on screen.
  for (const attr of ['x', 'y', 'width', 'height', 'viewBox', 'style', 'tabindex']) {
    clone.removeAttribute(attr);
  }
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(headerH));
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  clone.setAttribute('viewBox', box.viewBox);
  root.append(clone);

  if (legendRows.length > 0) {
    const legend = el('g', {
      class: 'legend',
      transform: `translate(${pad},${headerH + box.height + 8})`,
      'font-size': '12',
    });
    legendRows.forEach((row, ri) => {
      for (const item of row) {
        const cy = ri * 18 + 9;
        const swatch = el('circle', {
          cx: String(item.x + 6),
          cy: String(cy),
          r: '5',
          fill: item.hollow ? 'none' : item.color,
          stroke: item.color,
          'stroke-width': item.hollow ? '2' : '1',
        });
        const label = el('text', { x: String(item.x + 16), y: String(cy + 4), fill: textColor });
        label.textContent = item.label;
        legend.append(swatch, label);
      }
    });
    root.append(legend);
  }

  let text = new XMLSerializer().serializeToString(root);
  if (!/^<svg[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(text)) {
    text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  }
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width, height };
}

/** The chart's drawn size and viewBox, from its attributes, then its layout, then a default. */
function chartBox(svg: SVGSVGElement): { width: number; height: number; viewBox: string } {
  const vb = (svg.getAttribute('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const hasVb = vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0;
  const rect = svg.getBoundingClientRect();
  const width =
    positive(parseFloat(svg.getAttribute('width') ?? '')) ??
    positive(rect.width) ??
    (hasVb ? vb[2] : 800);
  const height =
    positive(parseFloat(svg.getAttribute('height') ?? '')) ??
    positive(rect.height) ??
    (hasVb ? vb[3] : 400);
  return { width, height, viewBox: hasVb ? vb.join(' ') : `0 0 ${width} ${height}` };
}

function positive(n: number): number | null {
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Copies the whitelisted computed styles of each live element onto its clone. Both trees are
 * walked in step, so this runs before anything is removed from the clone.
 */
function inlineStyles(live: Element, clone: Element, view: Window): void {
  const computed = view.getComputedStyle(live);
  const decls: string[] = [];
  for (const prop of STYLE_PROPS) {
    const value = computed.getPropertyValue(prop).trim();
    if (value !== '' && !EXTERNAL_URL.test(value)) decls.push(`${prop}:${value}`);
  }
  // The computed list replaces the inline style: it already includes it, resolved.
  if (decls.length > 0) clone.setAttribute('style', decls.join(';'));
  else clone.removeAttribute('style');
  const a = live.children;
  const b = clone.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineStyles(a[i], b[i], view);
}

/**
 * Removes what could run or fetch anything: script-like elements, `on*` handlers, links that are
 * not fragments of the file itself, and external `url(...)` references. Comments go too (Svelte
 * leaves anchors). Text nodes are left alone: they serialize as escaped text.
 */
function sanitize(node: Element): void {
  for (const attr of Array.from(node.attributes)) {
    const name = attr.name.toLowerCase();
    const value = attr.value.trim();
    const isLink = name === 'href' || name === 'xlink:href' || name.endsWith(':href');
    const imageData = node.localName.toLowerCase() === 'image' && SAFE_IMAGE.test(value);
    if (
      name.startsWith('on') ||
      (isLink && !value.startsWith('#') && !imageData) ||
      EXTERNAL_URL.test(value)
    ) {
      node.removeAttribute(attr.name);
    }
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 8) child.remove();
    else if (child.nodeType === 1) {
      const el = child as Element;
      const tag = el.localName.toLowerCase();
      if (DROPPED.has(tag)) el.remove();
      else {
        sanitize(el);
        // An image whose link was dropped draws nothing; leave no empty element behind.
        if (tag === 'image' && !el.getAttribute('href') && !el.getAttribute('xlink:href')) {
          el.remove();
        }
      }
    }
  }
}

/** The canvas as a PNG data URL, or null (no canvas, empty, tainted, or no 2D support). */
function canvasImage(canvas: HTMLCanvasElement | null | undefined): string | null {
  if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
  try {
    const url = canvas.toDataURL('image/png');
    return typeof url === 'string' && SAFE_IMAGE.test(url) ? url : null;
  } catch {
    return null;
  }
}

/** The first opaque background from the chart up, so a dark theme exports dark. */
function backgroundOf(el: Element, view: Window | null): string | null {
  if (!view) return null;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const bg = view.getComputedStyle(node).getPropertyValue('background-color').trim();
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return null;
}

function colorOr(value: string | undefined, fallback: string): string {
  const v = (value ?? '').trim();
  return v === '' || EXTERNAL_URL.test(v) ? fallback : v;
}

/**
 * Word-wraps a line to at most `max` characters per line (a long word gets a line of its own).
 * `wrap('From 2024-11-01 · Actors: A, B', 16)` -> `['From 2024-11-01', '· Actors: A, B']`.
 */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= max) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Legend items placed left to right, wrapping at `width`; text width estimated per character. */
function layoutLegend(
  items: readonly LegendItem[],
  width: number,
): (LegendItem & { x: number })[][] {
  const rows: (LegendItem & { x: number })[][] = [];
  let row: (LegendItem & { x: number })[] = [];
  let x = 0;
  for (const item of items) {
    const w = 16 + item.label.length * 6.6 + 14;
    if (row.length > 0 && x + w > width) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ ...item, x });
    x += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Browsers cap a canvas side (Chrome 32 767, Safari 16 384) and area; stay under both. */
const MAX_SIDE = 16_384;
const MAX_AREA = 16_384 * 16_384 * 0.6;

/**
 * Draws SVG text onto a canvas at `scale` (2 = sharp on high-density screens) and returns a PNG.
 * The SVG goes in as a `data:` URL (the CSP allows `img-src data: blob:`), so nothing is fetched.
 * The scale is lowered when the image would pass the browsers' canvas limits.
 */
export async function pngFromSvg(
  svgText: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const s = Math.max(
    0.1,
    Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height))),
  );
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * s));
  canvas.height = Math.max(1, Math.round(height * s));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the chart as an image.');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}
