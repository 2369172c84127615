import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  packColumn,
  packText,
  textAt,
  unpackText,
  type PackedText,
} from '../../../src/columnar/packed';
import { TEXT_COLUMNS, type TextColumn } from '../../../src/domain/types';
import { TextTable } from '../../../src/query/text';

/**
 * A table over `values` (source order) cut into parts of the given sizes, with cache rows in
 * the order `src` gives (identity when absent). Only `quote` and `source` carry the values.
 */
function table(
  values: string[],
  sizes: number[],
  src?: number[],
  pack: (values: string[]) => PackedText = packText,
): TextTable {
  const parts: Record<TextColumn, PackedText>[] = [];
  const starts = [0];
  let at = 0;
  for (const size of sizes) {
    const slice = values.slice(at, at + size);
    const part = Object.fromEntries(
      TEXT_COLUMNS.map((c) => [c, pack(c === 'quote' ? slice : slice.map(() => ''))]),
    ) as Record<TextColumn, PackedText>;
    part.source = pack(slice.map((v) => v.toUpperCase()));
    parts.push(part);
    at += size;
    starts.push(at);
  }
  const order = src ?? values.map((_, i) => i);
  return new TextTable(parts, Uint32Array.from(starts), Uint32Array.from(order));
}

/** Random cut of `n` values into parts of at least one value. */
function cut(n: number, seed: number): number[] {
  const sizes: number[] = [];
  let left = n;
  let s = seed;
  while (left > 0) {
    s = (s * 1103515245 + 12345) >>> 0;
    const size = Math.min(left, 1 + (s % 4));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

describe('packed text', () => {
  it('gives back every value, empty ones included', () => {
    const values = ['We back talks.', '', 'No.', '', 'Ещё нет'];
    const packed = packText(values);
    expect(packed.chars).toBe('We back talks.No.Ещё нет');
    expect(Array.from(packed.ends)).toEqual([14, 14, 17, 17, 24]);
    expect(unpackText(packed)).toEqual(values);
    expect(textAt(packed, 4)).toBe('Ещё нет');
  });

  it('round-trips any list of strings, plainly or dictionary-encoded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('TASS', '', 'x'))),
        (values) => {
          expect(unpackText(packText(values))).toEqual(values);
          expect(unpackText(packColumn(values))).toEqual(values);
        },
      ),
    );
  });

  it('stores repeated values once, with a code per row', () => {
    const packed = packColumn(['TASS', 'TASS', 'Reuters', 'TASS', '', '']);
    expect(packed.chars).toBe('TASSReuters');
    expect(Array.from(packed.codes!)).toEqual([0, 0, 1, 0, 2, 2]);
    expect(textAt(packed, 2)).toBe('Reuters');
    expect(textAt(packed, 5)).toBe('');
  });

  it('keeps mostly distinct values plain: codes would cost more than they save', () => {
    expect(packColumn(['a', 'b', 'c', 'a']).codes).toBeUndefined();
    const ids = Array.from({ length: 10_000 }, (_, i) => `syn-${i}`);
    expect(packColumn(ids).codes).toBeUndefined();
    expect(unpackText(packColumn(ids))).toEqual(ids);
  });

  it('encodes a long column of a few sources, as an import chunk holds them', () => {
    const sources = Array.from({ length: 10_000 }, (_, i) => ['TASS', 'Reuters', ''][i % 3]);
    const packed = packColumn(sources);
    expect(packed.chars).toBe('TASSReuters');
    expect(unpackText(packed)).toEqual(sources);
  });
});

describe('the cache text table', () => {
  it('reads each cache row through its source position, across parts', () => {
    const t = table(['a', 'b', 'c', 'd', 'e'], [2, 1, 2], [4, 2, 0, 3, 1]);
    expect([0, 1, 2, 3, 4].map((r) => t.get('quote', r))).toEqual(['e', 'c', 'a', 'd', 'b']);
    expect(t.get('source', 0)).toBe('E');
    expect(t.get('url', 3)).toBe('');
  });

  it.each([
    ['talks', [1, 0, 0, 1]],
    ['ALKS', [1, 0, 0, 1]],
    ['s.n', [0, 0, 0, 0]], // the end of one value and the start of the next are not one text
    ['no', [0, 1, 0, 0]],
    ['', [0, 0, 0, 0]],
  ])('finds %j inside one value, in any case', (needle, expected) => {
    const t = table(['We back talks.', 'No.', '', 'Talks, then.'], [2, 2]);
    const hit = needle ? Array.from(t.contains(['quote'], needle.toLowerCase())) : [0, 0, 0, 0];
    expect(hit).toEqual(expected);
  });

  it('searches value by value where lowercasing changes the length (İ)', () => {
    const t = table(['İstanbul talks', 'Ankara'], [2]);
    expect(Array.from(t.contains(['quote'], 'talks'))).toEqual([1, 0]);
    expect(Array.from(t.contains(['quote'], 'ankara'))).toEqual([0, 1]);
  });

  it('matches what a search of each value would match, however the rows are cut', () => {
    const word = fc.constantFrom('', 'a', 'ab', 'B', 'ba', 'Ä', 'ä', ' ', 'ab a', 'İ');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(word, { maxLength: 4 }).map((w) => w.join('')),
          { maxLength: 20 },
        ),
        fc.constantFrom('a', 'ab', 'b a', 'ä', 'ba', 'i'),
        fc.nat(),
        (values, needle, seed) => {
          const pack = seed % 2 ? packColumn : packText;
          const t = table(values, cut(values.length, seed), undefined, pack);
          const naive = values.map((v) =>
            v.toLowerCase().includes(needle) || v.toUpperCase().toLowerCase().includes(needle)
              ? 1
              : 0,
          );
          expect(Array.from(t.contains(['quote', 'source'], needle))).toEqual(naive);
        },
      ),
    );
  });

  it.each([
    ['plain', packText],
    ['dictionary-encoded', packColumn],
  ])('finds the row whose value is exactly the one asked for (%s)', (_, pack) => {
    const t = table(['seed-1', 'seed-10', 'seed-1x', 'seed-10'], [1, 3], [3, 2, 1, 0], pack);
    // The first in file order: source 1, which is cache row 2.
    expect(t.find('quote', 'seed-10')).toBe(2);
    expect(t.find('quote', 'seed-1')).toBe(3);
    expect(t.find('quote', 'seed')).toBe(-1);
    expect(t.find('quote', '')).toBe(-1);
  });

  it('finds the same rows after preparing the search in the background', async () => {
    const values = ['We back talks.', 'No.', 'TALKS', 'talk'];
    const t = table(values, [1, 3]);
    await t.prepareSearch(['quote', 'source']);
    expect(Array.from(t.contains(['quote', 'source'], 'talks'))).toEqual([1, 0, 1, 0]);
  });
});
