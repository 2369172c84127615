/**
 * One canvas frame per animation frame, whatever changed: the latest frame is kept and drawn at
 * the next animation frame, so a burst of zoom events paints once.
 */
import type { ColumnCache } from '../../query/types';
import { renderFrame, type Frame } from './render';

/** From this many rows, new data's bands in view are built in a task before its first paint. */
const PREBUILD_ROWS = 200_000;

export class Painter {
  private pending: Frame | null = null;
  private requested = false;
  private ctx: CanvasRenderingContext2D | null | undefined;
  private ctxCanvas: HTMLCanvasElement | undefined;
  /** The data whose first paint was prepared in a task of its own. */
  private prebuilt: ColumnCache | null = null;

  /**
   * Asks for `frame` on `canvas`. The first paint of new data over PREBUILD_ROWS rows runs
   * `prebuild` (building the bands in view) in a task of its own first, so neither task runs long.
   */
  schedule(canvas: HTMLCanvasElement, frame: Frame, prebuild: () => void) {
    this.pending = frame;
    if (this.requested) return;
    this.requested = true;
    const paint = () => this.paint(canvas);
    if (typeof requestAnimationFrame !== 'function') return paint();
    const c = frame.cache;
    if (c === this.prebuilt || c.n < PREBUILD_ROWS) {
      requestAnimationFrame(paint);
      return;
    }
    this.prebuilt = c;
    setTimeout(() => {
      prebuild();
      requestAnimationFrame(paint);
    });
  }

  private paint(canvas: HTMLCanvasElement) {
    this.requested = false;
    const f = this.pending;
    if (!f) return;
    if (this.ctxCanvas !== canvas) {
      // Asked once per canvas element: jsdom has no 2D context and logs each call.
      this.ctxCanvas = canvas;
      this.ctx = canvas.getContext('2d');
    }
    const ctx = this.ctx;
    if (!ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(f.width * ratio);
    const h = Math.round(f.height * ratio);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    renderFrame(ctx, f);
  }
}
