/**
 * A stand-in for a canvas 2D context that writes SVG: the timeline's canvas renderer
 * (renderFrame) draws onto it unchanged, so the exported picture has the very geometry of the
 * screen, as vector shapes. Covers the calls renderFrame makes; patterns are not offered, so a
 * conditional band is drawn as its outline (the renderer's fallback).
 */
import { el, num } from './doc';

interface State {
  fill: string;
  stroke: string;
  lineWidth: number;
  alpha: number;
  dash: number[];
  /** Open `<g clip-path>` groups at this level. */
  clips: number;
}

export class SvgContext {
  private out: string[] = [];
  private d: string[] = [];
  private state: State = {
    fill: '#000',
    stroke: '#000',
    lineWidth: 1,
    alpha: 1,
    dash: [],
    clips: 0,
  };
  private stack: State[] = [];
  private clipCount = 0;

  constructor(private readonly idPrefix = 'clip') {}

  set fillStyle(v: string) {
    this.state.fill = String(v);
  }
  get fillStyle(): string {
    return this.state.fill;
  }
  set strokeStyle(v: string) {
    this.state.stroke = String(v);
  }
  get strokeStyle(): string {
    return this.state.stroke;
  }
  set lineWidth(v: number) {
    this.state.lineWidth = v;
  }
  get lineWidth(): number {
    return this.state.lineWidth;
  }
  set globalAlpha(v: number) {
    this.state.alpha = v;
  }
  get globalAlpha(): number {
    return this.state.alpha;
  }
  setLineDash(dash: number[]): void {
    this.state.dash = [...dash];
  }

  save(): void {
    this.stack.push({ ...this.state, dash: [...this.state.dash] });
    this.state = { ...this.state, clips: 0 };
  }
  restore(): void {
    for (let i = 0; i < this.state.clips; i++) this.out.push('</g>');
    const prev = this.stack.pop();
    if (prev) this.state = prev;
  }

  clearRect(): void {
    // The picture's background is drawn once beneath; nothing to clear.
  }

  beginPath(): void {
    this.d = [];
  }
  closePath(): void {
    this.d.push('Z');
  }
  moveTo(x: number, y: number): void {
    this.d.push(`M${num(x)} ${num(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.d.push(`L${num(x)} ${num(y)}`);
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.d.push(`M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`);
  }
  /** Full circles only (all the renderer draws): two half arcs. */
  arc(x: number, y: number, r: number): void {
    this.d.push(
      `M${num(x - r)} ${num(y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0` +
        `a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0`,
    );
  }

  clip(): void {
    const id = `${this.idPrefix}${++this.clipCount}`;
    this.out.push(el('clipPath', { id }, el('path', { d: this.d.join('') })));
    this.out.push(`<g clip-path="url(#${id})">`);
    this.state.clips++;
  }

  private alpha(): Record<string, number | undefined> {
    return { opacity: this.state.alpha < 1 ? this.state.alpha : undefined };
  }

  private strokeAttrs() {
    const s = this.state;
    return {
      fill: 'none',
      stroke: s.stroke,
      'stroke-width': s.lineWidth,
      'stroke-dasharray': s.dash.length > 0 ? s.dash.join(' ') : undefined,
      ...this.alpha(),
    };
  }

  fill(): void {
    if (this.d.length === 0) return;
    this.out.push(el('path', { d: this.d.join(''), fill: this.state.fill, ...this.alpha() }));
  }
  stroke(): void {
    if (this.d.length === 0) return;
    this.out.push(el('path', { d: this.d.join(''), ...this.strokeAttrs() }));
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(
      el('rect', { x, y, width: w, height: h, fill: this.state.fill, ...this.alpha() }),
    );
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(el('rect', { x, y, width: w, height: h, ...this.strokeAttrs() }));
  }

  /** What was drawn, as SVG elements (clip groups left open are closed). */
  toSvg(): string {
    let tail = '';
    for (let i = 0; i < this.state.clips; i++) tail += '</g>';
    for (const s of this.stack) for (let i = 0; i < s.clips; i++) tail += '</g>';
    return this.out.join('') + tail;
  }
}
