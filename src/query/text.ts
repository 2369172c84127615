import { bisectRight } from 'd3-array';
import { textAt, valueAt, type PackedText } from '../columnar/packed';
import type { TextColumn } from '../domain/types';

/** A row's text values corrected in the app, by column (absent: as stored). */
export type EditedText = Partial<Record<TextColumn, string>>;

/**
 * The text columns of the column cache, kept as the store packed them (one string per column
 * per chunk, src/columnar/packed.ts) and cut into values only when read. Rows are cache rows
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
  private readonly lower: Map<TextColumn, (string | null)[]>;

  /**
   * @param parts each chunk's packed columns, in source order
   * @param starts where each part starts in source order, plus the total as a last entry
   * @param src the source position of each cache row
   * @param edited values corrected in the app (src/domain/edits.ts), by source position
   */
  constructor(
    private readonly parts: readonly Record<TextColumn, PackedText>[],
    private readonly starts: Uint32Array,
    private readonly src: Uint32Array,
    private readonly edited: ReadonlyMap<number, EditedText> = new Map(),
    lower?: Map<TextColumn, (string | null)[]>,
  ) {
    this.lower = lower ?? new Map();
  }

  /**
   * The same stored text with other edited values and, after a re-sort, another row order;
   * the lowercased copies a search made are shared.
   */
  withEdits(edited: ReadonlyMap<number, EditedText>, src: Uint32Array = this.src): TextTable {
    return new TextTable(this.parts, this.starts, src, edited, this.lower);
  }

  /** The edited values, by source position. */
  get edits(): ReadonlyMap<number, EditedText> {
    return this.edited;
  }

  /** Where cache row `row` is in the stored chunks (its source position). */
  sourceOf(row: number): number {
    return this.src[row];
  }

  /** Cache row `row`'s value of column `col` ('' when empty). */
  get(col: TextColumn, row: number): string {
    const g = this.src[row];
    if (this.edited.size > 0) {
      const value = this.edited.get(g)?.[col];
      if (value !== undefined) return value;
    }
    return this.stored(col, g);
  }

  private stored(col: TextColumn, g: number): string {
    const p = this.partOf(g);
    return textAt(this.parts[p][col], g - this.starts[p]);
  }

  /**
   * Which cache rows have `needle` (already lowercased, not empty) inside one value of any of
   * `cols`, compared in lowercase; 1 in the returned mask. A value never matches across its
   * neighbours. One `indexOf` sweep over each packed string (a dictionary-encoded column's
   * distinct values only), with no per-row strings. The first search of a column lowercases
   * it unless `prepareSearch` did already.
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
        const values = valueHits(packed, lower[p], needle);
        if (packed.codes) {
          const codes = packed.codes;
          for (let i = 0; i < codes.length; i++) hitSrc[base + i] |= values[codes[i]];
        } else {
          for (let i = 0; i < values.length; i++) hitSrc[base + i] |= values[i];
        }
      }
    }
    // An edited row is tested on its current values, not the stored ones.
    for (const [g, values] of this.edited) {
      hitSrc[g] = 0;
      for (const col of cols) {
        const value = values[col] ?? this.stored(col, g);
        if (value.toLowerCase().includes(needle)) hitSrc[g] = 1;
      }
    }
    const n = this.src.length;
    const hit = new Uint8Array(n);
    for (let r = 0; r < n; r++) hit[r] = hitSrc[this.src[r]];
    return hit;
  }

  /**
   * Lowercases the searched columns ahead of the first search, a part at a time with a yield to
   * the page every `sliceMs` (1M rows: about 0.5 s of work that would otherwise fall on the first
   * keystroke). Stops when `stale()` says this table was replaced.
   */
  async prepareSearch(
    cols: readonly TextColumn[],
    stale: () => boolean = () => false,
    sliceMs = 25,
  ): Promise<void> {
    await idle();
    if (stale()) return;
    let sliceStart = performance.now();
    for (const col of cols) {
      if (this.lower.has(col)) continue;
      const lower: (string | null)[] = [];
      for (const part of this.parts) {
        if (performance.now() - sliceStart > sliceMs) {
          await new Promise<void>((resolve) => setTimeout(resolve));
          if (stale()) return;
          sliceStart = performance.now();
        }
        lower.push(lowercase(part[col].chars));
      }
      if (!this.lower.has(col)) this.lower.set(col, lower);
    }
  }

  /**
   * The cache row whose value of `col` is exactly `value`, or -1; the first in file order when
   * several are. For ids: a statement chosen in a link is found without an index of every id.
   */
  find(col: TextColumn, value: string): number {
    if (value === '') return -1;
    for (let p = 0; p < this.parts.length; p++) {
      const packed = this.parts[p][col];
      const k = exactValue(packed, value);
      if (k === -1) continue;
      const row = packed.codes ? packed.codes.indexOf(k) : k;
      return this.rowOf(this.starts[p] + row);
    }
    return -1;
  }

  private rowOf(g: number): number {
    return this.src.indexOf(g);
  }

  private partOf(g: number): number {
    return Math.max(0, bisectRight(this.starts, g, 0, this.parts.length) - 1);
  }

  private lowered(col: TextColumn): (string | null)[] {
    let lower = this.lower.get(col);
    if (!lower) {
      lower = this.parts.map((part) => lowercase(part[col].chars));
      this.lower.set(col, lower);
    }
    return lower;
  }
}

/** Resolves when the page is idle (after the frame that draws a new cache), or soon after. */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 50);
  });
}

/**
 * The packed characters in lowercase, or null when lowercasing changes the length (`İ` becomes
 * two characters), so positions would no longer line up with the ends.
 */
function lowercase(chars: string): string | null {
  const low = chars.toLowerCase();
  return low.length === chars.length ? low : null;
}

/**
 * Which of a packed column's values (distinct values when dictionary-encoded) contain the
 * needle: a sweep of `lower` (the lowercased chars), or value by value when it is null.
 */
function valueHits(packed: PackedText, lower: string | null, needle: string): Uint8Array {
  const ends = packed.ends;
  const hit = new Uint8Array(ends.length);
  if (lower === null) {
    for (let k = 0; k < ends.length; k++) {
      if (valueAt(packed, k).toLowerCase().includes(needle)) hit[k] = 1;
    }
    return hit;
  }
  let k = 0;
  let at = lower.indexOf(needle);
  while (at !== -1) {
    while (ends[k] <= at) k++;
    if (at + needle.length <= ends[k]) {
      hit[k] = 1;
      at = lower.indexOf(needle, ends[k]);
    } else at = lower.indexOf(needle, at + 1);
  }
  return hit;
}

/** The index of the value that is exactly `value` in a packed column's chars, or -1. */
function exactValue(packed: PackedText, value: string): number {
  const { chars, ends } = packed;
  let k = 0;
  let at = chars.indexOf(value);
  while (at !== -1) {
    while (ends[k] <= at) k++;
    const start = k === 0 ? 0 : ends[k - 1];
    if (at === start && ends[k] === at + value.length) return k;
    at = chars.indexOf(value, at + 1);
  }
  return -1;
}
