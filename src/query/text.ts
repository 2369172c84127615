import { textAt, type PackedText } from '../domain/packed';
import type { TextColumn } from '../domain/types';

/**
 * The text columns of the column cache, kept as the store packed them (one string per column
 * per chunk, src/domain/packed.ts) and cut into values only when read. Rows are cache rows
 * (sorted by day, actor, topic); `src` maps each to its place in the chunks.
 *
 * Why not one string per row: at 1M statements the eight text columns were 8M strings read from
 * IndexedDB, about half the page's heap, and their garbage collection dominated reload and
 * filter profiles. Only the rows on screen, in a tooltip or in an export are ever read, so each
 * value is sliced on demand (a slice shares the packed string's characters).
 *
 * ```ts
 * const t = new TextTable([{ quote: packText(['b', 'a']), ... }], [0, 2], Uint32Array.of(1, 0));
 * t.get('quote', 0) // -> 'a' (cache row 0 is the chunk's second value)
 * ```
 */
export class TextTable {
  /** Lowercased packed characters per column and part, made by the first search (null: the
   * lowercase form changes lengths, so that part is searched value by value). */
  private readonly lower = new Map<TextColumn, (string | null)[]>();

  /**
   * @param parts each chunk's packed columns, in source order
   * @param starts where each part starts in source order, plus the total as a last entry
   * @param src the source position of each cache row
   */
  constructor(
    private readonly parts: readonly Record<TextColumn, PackedText>[],
    private readonly starts: Uint32Array,
    private readonly src: Uint32Array,
  ) {}

  /** Cache row `row`'s value of column `col` ('' when empty). */
  get(col: TextColumn, row: number): string {
    const g = this.src[row];
    const p = this.partOf(g);
    return textAt(this.parts[p][col], g - this.starts[p]);
  }

  /**
   * Which cache rows have `needle` (already lowercased, not empty) inside one value of any of
   * `cols`, compared in lowercase; 1 in the returned mask. A value never matches across its
   * neighbours. One `indexOf` sweep over each packed string: 1M rows, four columns in about
   * 20-40 ms, with no per-row strings.
   * `table.contains(['quote'], 'talks')` -> `Uint8Array [1, 0, ...]`.
   */
  contains(cols: readonly TextColumn[], needle: string): Uint8Array {
    const total = this.starts[this.starts.length - 1];
    const hitSrc = new Uint8Array(total);
    for (const col of cols) {
      const lower = this.lowered(col);
      for (let p = 0; p < this.parts.length; p++) {
        const packed = this.parts[p][col];
        const base = this.starts[p];
        const chars = lower[p];
        if (chars === null) {
          for (let i = 0; i < packed.ends.length; i++) {
            if (textAt(packed, i).toLowerCase().includes(needle)) hitSrc[base + i] = 1;
          }
          continue;
        }
        const ends = packed.ends;
        let row = 0;
        let at = chars.indexOf(needle);
        while (at !== -1) {
          while (ends[row] <= at) row++;
          if (at + needle.length <= ends[row]) {
            hitSrc[base + row] = 1;
            at = chars.indexOf(needle, ends[row]);
          } else at = chars.indexOf(needle, at + 1);
        }
      }
    }
    const n = this.src.length;
    const hit = new Uint8Array(n);
    for (let r = 0; r < n; r++) hit[r] = hitSrc[this.src[r]];
    return hit;
  }

  /**
   * The cache row whose value of `col` is exactly `value`, or -1. For ids: a statement chosen in
   * a link is found without an index of every id.
   */
  find(col: TextColumn, value: string): number {
    if (value === '') return -1;
    for (let p = 0; p < this.parts.length; p++) {
      const { chars, ends } = this.parts[p][col];
      let row = 0;
      let at = chars.indexOf(value);
      while (at !== -1) {
        while (ends[row] <= at) row++;
        const start = row === 0 ? 0 : ends[row - 1];
        if (at === start && ends[row] === at + value.length)
          return this.rowOf(this.starts[p] + row);
        at = chars.indexOf(value, at + 1);
      }
    }
    return -1;
  }

  private rowOf(g: number): number {
    return this.src.indexOf(g);
  }

  private partOf(g: number): number {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= g) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private lowered(col: TextColumn): (string | null)[] {
    let lower = this.lower.get(col);
    if (!lower) {
      lower = this.parts.map((part) => {
        const chars = part[col].chars;
        const low = chars.toLowerCase();
        return low.length === chars.length ? low : null;
      });
      this.lower.set(col, lower);
    }
    return lower;
  }
}
