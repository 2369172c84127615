/** Small helpers to write SVG as text: escaped attributes and text, rounded numbers. */

/** Escapes text for an XML attribute or text node: `esc('a<b & "c"')` -> `a&lt;b &amp; &quot;c&quot;`. */
export function esc(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters are not allowed in XML 1.0: dropped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** A number as written in a file: at most two decimals, no `-0`. `num(1.005)` -> `'1'`. */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`;
  }
  return out;
}

/** An element: `el('rect', { x: 1 })` -> `<rect x="1"/>`; children are already SVG text. */
export function el(name: string, a: Attrs = {}, children?: string): string {
  return children === undefined
    ? `<${name}${attrs(a)}/>`
    : `<${name}${attrs(a)}>${children}</${name}>`;
}

/** A text element whose content is data, escaped. */
export function text(content: string, a: Attrs): string {
  return el('text', a, esc(content));
}

/** Shortens text to about `width` px at `size` px type (an average glyph is ~0.55 em). */
export function fit(content: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.55)));
  return content.length <= max ? content : `${content.slice(0, Math.max(1, max - 1))}…`;
}
