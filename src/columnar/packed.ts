import { sized } from './sized';

/**
 * A column of strings stored as one string plus end offsets, with repeated values stored once.
 *
 * Why: IndexedDB clones every string of a record, one by one; packed, 200k rows write in about
 * half the time (docs/performance.md, "columnar/packed.ts"). A value is cut out of `chars` only
 * when it is read.
 *
 * Columns whose values repeat (sources, templated conditions, "reported via") are
 * dictionary-encoded, as columnar formats such as Parquet do: `chars`/`ends` hold each distinct
 * value once and `codes` says which one each row has. Smaller records, and a search tests each
 * distinct value once instead of every row.
 */
export interface PackedText {
  /** Every value (or every distinct value, with `codes`), one after another. */
  chars: string;
  /** Where value k stops in `chars`; value k starts at `ends[k - 1]` (0 for k = 0). */
  ends: Uint32Array;
  /** Present when dictionary-encoded: row i's value is value `codes[i]`. */
  codes?: Uint16Array | Uint32Array;
}

/**
 * Packs values one after another.
 * `packText(['We back talks.', '', 'No.'])` -> `{ chars: 'We back talks.No.', ends: [14, 14, 17] }`.
 */
export function packText(values: readonly string[]): PackedText {
  const ends = new Uint32Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += values[i].length;
    ends[i] = at;
  }
  return { chars: values.join(''), ends };
}

/** Values looked at first to tell a mostly distinct column without hashing all of it. */
const SAMPLE = 256;

/**
 * Packs a column, dictionary-encoded when at most half its values are distinct (then the codes
 * cost less than the repeats they replace), plainly otherwise. A column whose first 256 values
 * are mostly distinct is packed plainly at once: hashing every long summary of a 10k-row chunk
 * only to give up cost 0.9 s per 1M rows in the import worker's profile.
 * `packColumn(['TASS', 'TASS', 'Reuters', 'TASS'])`
 * -> `{ chars: 'TASSReuters', ends: [4, 11], codes: Uint16Array [0, 0, 1, 0] }`.
 */
export function packColumn(values: readonly string[]): PackedText {
  const n = values.length;
  const limit = n / 2;
  const index = new Map<string, number>();
  const distinct: string[] = [];
  // At most ceil(n / 2) distinct values are kept, so up to 0x1fffe rows the codes fit 16 bits:
  // written there directly rather than copied from 32 bits at the end.
  const small = n <= 0x1fffe;
  const codes = small ? new Uint16Array(n) : new Uint32Array(n);
  // '' (most cells of the generated file's optional columns) skips the hashing. With the
  // direct 16-bit codes: 47 -> 45 ms in node over the columns of 100k generated rows.
  let empty = -1;
  for (let i = 0; i < n; i++) {
    // The sample is the first values, so its distinct values are the first codes.
    if (i === SAMPLE && distinct.length > SAMPLE / 2) return packText(values);
    const v = values[i];
    let k: number | undefined = v === '' ? empty : index.get(v);
    if (k === undefined || k < 0) {
      if (distinct.length >= limit) return packText(values);
      k = distinct.length;
      distinct.push(v);
      if (v === '') empty = k;
      else index.set(v, k);
    }
    codes[i] = k;
  }
  const packed = packText(distinct);
  return {
    ...packed,
    codes: small || distinct.length > 0xffff ? codes : Uint16Array.from(codes),
  };
}

/** The number of rows of a packed column. */
export function rowCount(packed: PackedText): number {
  return (packed.codes ?? packed.ends).length;
}

/** Distinct (or plain) value `k` of a packed column's `chars`. */
export function valueAt(packed: PackedText, k: number): string {
  const start = k === 0 ? 0 : packed.ends[k - 1];
  const end = packed.ends[k];
  return end === start ? '' : packed.chars.slice(start, end);
}

/** Row `i`'s value. `textAt(packColumn(['a', 'bc', 'a']), 2)` -> `'a'`. */
export function textAt(packed: PackedText, i: number): string {
  return valueAt(packed, packed.codes ? packed.codes[i] : i);
}

/** Every row's value. `unpackText(packText(['a', 'bc']))` -> `['a', 'bc']`. */
export function unpackText(packed: PackedText): string[] {
  const out = new Array<string>(rowCount(packed));
  for (let i = 0; i < out.length; i++) out[i] = textAt(packed, i);
  return out;
}

/** Strings between joins in JoinedText. */
const JOIN_EVERY = 512;

/**
 * Strings added one at a time and kept joined, 512 to a piece, with where each one ends: a few
 * long strings for the garbage collector to keep instead of many short ones, each short one
 * garbage almost as soon as it is added (docs/performance.md, "columnar/packed.ts").
 * ```ts
 * const t = new JoinedText(4);
 * t.push('ab'); t.push(''); t.push('c');
 * t.at(2);     // -> 'c'
 * t.finish();  // -> { chars: 'abc', ends: [2, 2, 3] }, as packText(['ab', '', 'c'])
 * ```
 */
export class JoinedText {
  private ends: Uint32Array;
  private n = 0;
  private chars = 0;
  private run: string[] = [];
  private readonly pieces: string[] = [];

  /** `capacity`: strings expected (it grows past them). */
  constructor(capacity: number) {
    this.ends = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.n;
  }

  push(v: string): void {
    const k = this.n++;
    if (k === this.ends.length) this.ends = sized(this.ends, k * 2);
    this.chars += v.length;
    this.ends[k] = this.chars;
    this.run.push(v);
    if (this.run.length === JOIN_EVERY) {
      this.pieces.push(this.run.join(''));
      this.run = [];
    }
  }

  /** String `k`. */
  at(k: number): string {
    const p = Math.floor(k / JOIN_EVERY);
    if (p === this.pieces.length) return this.run[k - p * JOIN_EVERY];
    const base = p === 0 ? 0 : this.ends[p * JOIN_EVERY - 1];
    const start = k === 0 ? 0 : this.ends[k - 1];
    return this.pieces[p].slice(start - base, this.ends[k] - base);
  }

  /** Every string added, packed as packText packs them. */
  finish(): PackedText {
    const n = this.n;
    const last = this.run.join('');
    const chars = this.pieces.length === 0 ? last : this.pieces.join('') + last;
    return { chars, ends: this.ends.length === n ? this.ends : this.ends.slice(0, n) };
  }
}

/**
 * Packs a column one value at a time, to exactly what `packColumn` (or `packText`, when
 * `plain`) gives for the same values. A repeated value is kept once and plain values are kept
 * in a JoinedText, so the cells themselves are garbage almost as soon as they are read.
 * ```ts
 * const p = new ColumnPacker(4);
 * for (const v of ['TASS', 'TASS', 'Reuters', 'TASS']) p.push(v);
 * p.finish() // -> { chars: 'TASSReuters', ends: [4, 11], codes: Uint16Array [0, 0, 1, 0] }
 * ```
 */
export class ColumnPacker {
  private n = 0;
  private plain: boolean;
  private readonly text: JoinedText;
  private codes: Uint32Array;
  private readonly index = new Map<string, number>();
  private readonly distinct: string[] = [];
  private empty = -1;

  /** `capacity`: rows expected (it grows past them); `plain`: never dictionary-encode. */
  constructor(capacity: number, plain = false) {
    this.plain = plain;
    this.text = new JoinedText(capacity);
    this.codes = new Uint32Array(plain ? 0 : Math.max(16, capacity));
  }

  push(v: string): void {
    const i = this.n++;
    if (!this.plain) {
      // packColumn's sample rule: mostly distinct in the first SAMPLE values -> plain.
      if (i === SAMPLE && this.distinct.length > SAMPLE / 2) this.toPlain(i);
      else {
        let k: number | undefined = v === '' ? this.empty : this.index.get(v);
        if (k === undefined || k < 0) {
          k = this.distinct.length;
          this.distinct.push(v);
          if (v === '') this.empty = k;
          else this.index.set(v, k);
        }
        if (i === this.codes.length) this.codes = sized(this.codes, i * 2);
        this.codes[i] = k;
        return;
      }
    }
    this.text.push(v);
  }

  /** The packed column of every value pushed. */
  finish(): PackedText {
    const n = this.n;
    const d = this.distinct.length;
    if (!this.plain) {
      // packColumn gives up when a new value comes with n / 2 distinct ones already seen.
      if (d === 0 || d - 1 < n / 2) {
        const codes = this.codes.subarray(0, n);
        return {
          ...packText(this.distinct),
          codes: d <= 0xffff ? Uint16Array.from(codes) : codes.slice(),
        };
      }
      this.toPlain(n);
    }
    return this.text.finish();
  }

  /** Turns the first `upTo` dictionary-coded values into plain ones. */
  private toPlain(upTo: number): void {
    this.plain = true;
    for (let j = 0; j < upTo; j++) this.text.push(this.distinct[this.codes[j]]);
  }
}
