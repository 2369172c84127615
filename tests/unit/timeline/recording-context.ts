/**
 * A fake 2D context that records every call and property set with its arguments, one line
 * each, numbers rounded to 0.01 px: what a canvas renderer drew, in a form a snapshot compares.
 */
const METHODS = [
  'arc',
  'beginPath',
  'clearRect',
  'clip',
  'closePath',
  'fill',
  'fillRect',
  'lineTo',
  'moveTo',
  'rect',
  'restore',
  'save',
  'setLineDash',
  'stroke',
  'strokeRect',
] as const;
const PROPS = ['fillStyle', 'strokeStyle', 'lineWidth', 'globalAlpha'] as const;

const show = (v: unknown): string =>
  typeof v === 'number'
    ? String(Math.round(v * 100) / 100)
    : Array.isArray(v)
      ? `[${v.map(show).join(',')}]`
      : String(v);

export interface Recording {
  ctx: CanvasRenderingContext2D;
  calls: string[];
}

export function recordingContext(): Recording {
  const calls: string[] = [];
  const values: Record<string, unknown> = {};
  const ctx: Record<string, unknown> = {};
  for (const m of METHODS) {
    ctx[m] = (...args: unknown[]) => void calls.push(`${m}(${args.map(show).join(', ')})`);
  }
  for (const p of PROPS) {
    Object.defineProperty(ctx, p, {
      get: () => values[p],
      set: (v: unknown) => {
        values[p] = v;
        calls.push(`${p} = ${show(v)}`);
      },
    });
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
