import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkEncoder } from '../../../src/columnar/encode';
import {
  ColumnPacker,
  packColumn,
  packText,
  unpackText,
  type PackedText,
} from '../../../src/columnar/packed';
import { TEXT_COLUMNS, type StatementRecord } from '../../../src/domain/types';

/** packColumn before its fast paths (no Map for '', 16-bit codes written directly): the reference. */
function packColumnBefore(values: readonly string[]): PackedText {
  const n = values.length;
  if (n > 256 && new Set(values.slice(0, 256)).size > 128) return packText(values);
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let k = index.get(values[i]);
    if (k === undefined) {
      if (distinct.length >= n / 2) return packText(values);
      k = distinct.length;
      index.set(values[i], k);
      distinct.push(values[i]);
    }
    codes[i] = k;
  }
  const packed = packText(distinct);
  return { ...packed, codes: distinct.length <= 0xffff ? Uint16Array.from(codes) : codes };
}

/** A packed column as plain data, typed arrays named by their type. */
function shape(packed: PackedText) {
  return {
    chars: packed.chars,
    ends: [...packed.ends],
    codes: packed.codes && [packed.codes.constructor.name, ...packed.codes],
  };
}

describe('packColumn', () => {
  it('stores repeated values once, empty ones too, in the order they first come', () => {
    const packed = packColumn(['', 'TASS', '', 'Reuters', 'TASS', '']);
    expect(shape(packed)).toEqual({
      chars: 'TASSReuters',
      ends: [0, 4, 11],
      codes: ['Uint16Array', 0, 1, 0, 2, 1, 0],
    });
  });

  it.each([
    ['mostly distinct values', (i: number) => (i % 3 === 0 ? '' : `summary ${i}`), 'plain'],
    ['few values, many empty', (i: number) => (i % 4 === 0 ? 'TASS' : ''), 'codes'],
    ['distinct after a repeated start', (i: number) => (i < 300 ? 'TASS' : `s${i}`), 'plain'],
  ])('packs %s as before', (_, value, kind) => {
    const values = Array.from({ length: 1000 }, (_, i) => value(i));
    const packed = packColumn(values);
    expect(packed.codes ? 'codes' : 'plain').toBe(kind);
    expect(shape(packed)).toEqual(shape(packColumnBefore(values)));
    expect(unpackText(packed)).toEqual(values);
  });

  it('keeps 16-bit codes past 0x1fffe rows when the values are few', () => {
    const values = Array.from({ length: 0x20000 }, (_, i) => ['', 'a', 'b'][i % 3]);
    const packed = packColumn(values);
    expect(packed.codes).toBeInstanceOf(Uint16Array);
    expect(unpackText(packed)).toEqual(values);
  });

  it('packs any column exactly as before', () => {
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      { weight: 3, arbitrary: fc.constantFrom('TASS', 'Reuters', 'AP', 'Fox News') },
      { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 700 }), (values) => {
        const packed = packColumn(values);
        expect(shape(packed)).toEqual(shape(packColumnBefore(values)));
        expect(unpackText(packed)).toEqual(values);
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('ColumnPacker', () => {
  /** The values pushed one at a time into a packer with room for `capacity` rows. */
  const pushed = (values: readonly string[], capacity: number, plain = false) => {
    const packer = new ColumnPacker(capacity, plain);
    for (const v of values) packer.push(v);
    return packer.finish();
  };

  it('packs a column one value at a time exactly as packColumn packs it whole', () => {
    const value = fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      { weight: 3, arbitrary: fc.constantFrom('TASS', 'Reuters', 'AP', 'Fox News') },
      { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 1400 }),
        fc.integer({ min: 0, max: 1500 }),
        (values, capacity) => {
          expect(shape(pushed(values, capacity))).toEqual(shape(packColumn(values)));
          expect(shape(pushed(values, capacity, true))).toEqual(shape(packText(values)));
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it.each([
    ['mostly distinct from the start (plain after 256 values)', (i: number) => `quote ${i}`],
    [
      'repeated at first, then distinct (codes given up at the end)',
      (i: number) => (i < 400 ? 'TASS' : `s${i}`),
    ],
    ['a few sources', (i: number) => ['TASS', '', 'Reuters'][i % 3]],
  ])('packs a column that is %s over several joins', (_, value) => {
    const values = Array.from({ length: 2300 }, (_, i) => value(i));
    expect(shape(pushed(values, 1000))).toEqual(shape(packColumn(values)));
    expect(unpackText(pushed(values, 10_000))).toEqual(values);
  });
});

describe('ChunkEncoder.encode', () => {
  const record = (i: number): StatementRecord => ({
    id: `id${i}`,
    day: 20000 + i,
    precision: 'day',
    actor: `actor${i % 2}`,
    affiliation: '',
    topic: 'dialogue',
    stance: 1,
    conditional: false,
    conditions: `conditions${i}`,
    quote: `quote${i}`,
    summary: `summary${i}`,
    target: `target${i}`,
    source: `source${i}`,
    url: `https://example.org/${i}`,
    reportedVia: i === 1 ? 'Reuters' : '',
    confidence: 0.5,
    line: i + 2,
  });

  it('keeps each text column under its own name, in the column order', () => {
    const records = [0, 1, 2].map(record);
    const chunk = new ChunkEncoder('d1').encode(records);
    expect(Object.keys(chunk.text)).toEqual([...TEXT_COLUMNS]);
    for (const c of TEXT_COLUMNS) {
      expect(unpackText(chunk.text[c])).toEqual(records.map((r) => r[c]));
    }
    expect([...chunk.flags]).toEqual([0, 2, 0]);
  });

  it('builds the same chunks from records added one at a time as from whole batches', () => {
    const records = Array.from({ length: 700 }, (_, i) => record(i));
    const whole = new ChunkEncoder('d1');
    const byOne = new ChunkEncoder('d1', 64);
    for (const [from, to] of [
      [0, 300],
      [300, 301],
      [301, 700],
    ]) {
      const expected = whole.encode(records.slice(from, to));
      for (const r of records.slice(from, to)) byOne.add(r);
      expect(byOne.size).toBe(to - from);
      const taken = byOne.take();
      expect(byOne.size).toBe(0);
      expect(taken).toEqual(expected);
      // Typed arrays of exactly the rows (IndexedDB clones a view's whole buffer).
      expect(taken.day.buffer.byteLength).toBe((to - from) * 4);
    }
    expect([byOne.minDay, byOne.maxDay, byOne.chunkCount]).toEqual([20000, 20699, 3]);
  });

  it('tracks the day range and the dictionaries across chunks', () => {
    const enc = new ChunkEncoder('d1');
    enc.encode([record(5), record(3)]);
    const second = enc.encode([record(8)]);
    expect([enc.minDay, enc.maxDay]).toEqual([20003, 20008]);
    expect(enc.actors.values).toEqual(['actor1', 'actor0']);
    expect(second.chunk).toBe(1);
    expect([...second.actor]).toEqual([1]);
  });
});
