import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkEncoder } from '../../../src/domain/encode';
import { packColumn, packText, unpackText, type PackedText } from '../../../src/domain/packed';
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
