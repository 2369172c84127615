/** The diagonal stripes a conditional stance's band is drawn with, one pattern per colour. */

/** Hatch patterns per colour, made once per canvas context. */
const hatches = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | null>>();

/** Diagonal stripes of `color`: a conditional stance's band. Null where patterns are missing. */
export function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
  let byColor = hatches.get(ctx);
  if (!byColor) hatches.set(ctx, (byColor = new Map()));
  if (byColor.has(color)) return byColor.get(color)!;
  let pattern: CanvasPattern | null = null;
  if (typeof document !== 'undefined' && typeof ctx.createPattern === 'function') {
    const tile = document.createElement('canvas');
    tile.width = tile.height = 6;
    const t = tile.getContext('2d');
    if (t) {
      t.strokeStyle = color;
      t.lineWidth = 2;
      t.beginPath();
      t.moveTo(-1, 7);
      t.lineTo(7, -1);
      t.moveTo(5, 7);
      t.lineTo(7, 5);
      t.moveTo(-1, 1);
      t.lineTo(1, -1);
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
    }
  }
  byColor.set(color, pattern);
  return pattern;
}
