/**
 * The page every exported picture is laid on: a title, the active filters and the date window,
 * a legend, the view's drawing, a note of what did not fit, the data's source line and the date
 * made, sized for a slide (16:9) or a page (A4 portrait). Pure: returns SVG text.
 */
import { el, esc, fit, text } from './doc';

export type PageSize = 'slide' | 'a4';

/** In CSS pixels: a 16:9 slide, and A4 portrait at 96 dpi (210 x 297 mm). */
export const PAGE_SIZES: Record<PageSize, { width: number; height: number }> = {
  slide: { width: 1600, height: 900 },
  a4: { width: 794, height: 1123 },
};

export interface LegendEntry {
  label: string;
  color: string;
  /** How the swatch is drawn: a filled box, an outlined box, a dot, a ring, or a shift arrow. */
  shape: 'box' | 'outline' | 'dot' | 'ring' | 'shift' | 'dotted';
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageText {
  title: string;
  /** The active filters in words (describeFilters). */
  filters: string;
  /** The date window shown, in words: `Window 2024-11-01 to 2024-12-31`. */
  window: string;
  /** Where the data comes from: `Data: seed-statements.csv (20 statements)`. */
  source: string;
  /** `2026-12-07`. */
  made: string;
}

export interface Drawing {
  /** SVG elements in the body box's coordinates. */
  svg: string;
  /** What was left out to fit, in words; '' when everything is shown. */
  note: string;
}

export const INK = '#1d1d1f';
export const MUTED = '#5c5c66';
const PAD = 28;

/** Wraps words to lines of at most `max` characters. */
export function wrapWords(content: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(/\s+/).filter(Boolean)) {
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

function swatch(e: LegendEntry, x: number, cy: number): string {
  switch (e.shape) {
    case 'box':
      return el('rect', { x, y: cy - 5, width: 16, height: 10, fill: e.color });
    case 'outline':
      return el('rect', {
        x: x + 0.5,
        y: cy - 4.5,
        width: 15,
        height: 9,
        fill: 'none',
        stroke: e.color,
      });
    case 'dot':
      return el('circle', { cx: x + 8, cy, r: 4.5, fill: e.color });
    case 'ring':
      return el('circle', {
        cx: x + 8,
        cy,
        r: 4,
        fill: '#fff',
        stroke: e.color,
        'stroke-width': 1.5,
      });
    case 'dotted':
      return el('line', {
        x1: x,
        x2: x + 16,
        y1: cy,
        y2: cy,
        stroke: e.color,
        'stroke-dasharray': '2 2',
      });
    case 'shift':
      return (
        el('rect', { x: x + 2, y: cy - 7, width: 2, height: 14, fill: INK }) +
        el('path', { d: `M${x + 10} ${cy - 4}l4 8h-8Z`, fill: e.color, stroke: INK })
      );
  }
}

/** Legend entries left to right, wrapping at `width`; returns the SVG and its height. */
function legend(entries: readonly LegendEntry[], x0: number, y0: number, width: number) {
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  for (const e of entries) {
    const w = 22 + e.label.length * 6.6 + 18;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const cy = y0 + row * 20 + 8;
    parts.push(swatch(e, x0 + x, cy), text(e.label, { x: x0 + x + 22, y: cy + 4, fill: INK }));
    x += w;
  }
  return {
    svg: el('g', { class: 'legend', 'font-size': 12 }, parts.join('')),
    height: entries.length ? (row + 1) * 20 : 0,
  };
}

/**
 * Lays out the page and asks `draw` for the body in the box left over.
 * `page('slide', { title: 'Timeline by actor', ... }, legend, (box) => ({ svg, note: '' }))`
 * -> `{ text: '<?xml ...?><svg ... width="1600" height="900">...', width: 1600, height: 900 }`.
 */
export function page(
  size: PageSize,
  words: PageText,
  entries: readonly LegendEntry[],
  draw: (box: Box) => Drawing,
): { text: string; width: number; height: number } {
  const { width, height } = PAGE_SIZES[size];
  const inner = width - 2 * PAD;
  const chars = Math.floor(inner / 7);
  const sub = [
    ...wrapWords(
      words.filters === 'No filters' ? 'Filters: none' : `Filters: ${words.filters}`,
      chars,
    ),
    words.window,
  ];
  const parts: string[] = [];
  let y = PAD + 22;
  parts.push(
    text(fit(words.title, inner, 22), {
      x: PAD,
      y,
      'font-size': 22,
      'font-weight': 'bold',
      fill: INK,
      class: 'title',
    }),
  );
  y += 8;
  for (const line of sub) {
    y += 18;
    parts.push(text(line, { x: PAD, y, 'font-size': 13, fill: INK, class: 'filters' }));
  }
  y += 12;
  const lg = legend(entries, PAD, y, inner);
  parts.push(lg.svg);
  y += lg.height + 12;

  const footLines = 2;
  const footH = footLines * 16 + 8;
  const box: Box = { x: PAD, y, width: inner, height: height - PAD - footH - y - 16 };
  const body = draw(box);
  parts.push(el('g', { class: 'body', transform: `translate(${box.x},${box.y})` }, body.svg));

  let fy = height - PAD - footH + 16;
  if (body.note) {
    parts.push(
      text(fit(body.note, inner, 12), {
        x: PAD,
        y: fy - 4,
        'font-size': 12,
        fill: INK,
        'font-style': 'italic',
        class: 'note',
      }),
    );
  }
  fy += 16;
  parts.push(
    text(fit(words.source, inner, 11), {
      x: PAD,
      y: fy,
      'font-size': 11,
      fill: MUTED,
      class: 'source',
    }),
  );
  parts.push(
    text(`Made ${words.made} with Stance timeline`, {
      x: PAD,
      y: fy + 16,
      'font-size': 11,
      fill: MUTED,
      class: 'made',
    }),
  );

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" role="img">` +
    el('title', {}, esc(words.title)) +
    el('desc', {}, esc(`${sub.join(' ')} ${body.note}`.trim())) +
    el('rect', { width, height, fill: '#ffffff' }) +
    parts.join('') +
    '</svg>';
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, width, height };
}
