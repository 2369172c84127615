import { describe, expect, it } from 'vitest';
import { chunkRowHash, contentHash } from '../../../src/columnar/content-hash';
import { fieldsOf, type StatementFields } from '../../../src/domain/edits';
import { ChunkEncoder } from '../../../src/columnar/encode';
import { rec } from '../query/helpers';

const lavrov = rec({
  date: '2024-12-26',
  actor: 'Sergey Lavrov',
  affiliation: 'Russia',
  topic: 'ceasefire',
  stance: -2,
  quote: 'A truce leads to nowhere',
  summary: 'Rejects a fragile ceasefire.',
  confidence: 0.95,
});
const base = fieldsOf(lavrov);

/** One change of each editable field. */
const CHANGES: [string, Partial<StatementFields>][] = [
  ['day', { day: base.day + 1 }],
  ['precision', { precision: 'month' }],
  ['actor', { actor: 'Sergey V. Lavrov' }],
  ['affiliation', { affiliation: 'Russian Federation' }],
  ['topic', { topic: 'truce' }],
  ['stance', { stance: -1 }],
  ['conditional', { stance: 1, conditional: true }],
  ['uncoded', { uncoded: true }],
  ['conditions', { conditions: 'if Kyiv withdraws' }],
  ['quote', { quote: 'A truce leads nowhere' }],
  ['summary', { summary: '' }],
  ['target', { target: 'Kyiv' }],
  ['confidence', { confidence: 0.9 }],
  ['confidence (none)', { confidence: NaN }],
];

describe('contentHash', () => {
  it('gives equal fields one hash, a 53-bit integer', () => {
    const h = contentHash(base);
    expect(contentHash({ ...base })).toBe(h);
    expect(contentHash(fieldsOf({ ...lavrov, source: 'TASS', url: 'https://x.org' }))).toBe(h);
    expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
  });

  it.each(CHANGES)('changes with %s', (_, change) => {
    expect(contentHash({ ...base, ...change })).not.toBe(contentHash(base));
  });

  it('gives every change its own hash', () => {
    const hashes = new Set(CHANGES.map(([, c]) => contentHash({ ...base, ...c })));
    expect(hashes.size).toBe(CHANGES.length);
  });

  it('takes no confidence (NaN) as equal to NaN, and a confidence as the store keeps it', () => {
    const none = { ...base, confidence: NaN };
    expect(contentHash({ ...none, confidence: Number('x') })).toBe(contentHash(none));
    expect(contentHash({ ...base, confidence: Math.fround(0.95) })).toBe(contentHash(base));
  });

  it('does not run text fields together', () => {
    const a = { ...base, quote: 'ab', summary: 'c' };
    const b = { ...base, quote: 'a', summary: 'bc' };
    expect(contentHash(a)).not.toBe(contentHash(b));
  });

  it('hashes a stored row as the record it was encoded from', () => {
    const records = [
      lavrov,
      { ...lavrov, id: 'b', uncoded: true, stance: 0 as const, confidence: NaN },
      { ...lavrov, id: 'c', stance: 1 as const, conditional: true, conditions: 'talks first' },
    ];
    const encoder = new ChunkEncoder('d');
    const chunk = encoder.encode(records);
    const names = {
      actors: encoder.actors.values,
      affiliations: encoder.affiliations.values,
      topics: encoder.topics.values,
    };
    expect(records.map((_, i) => chunkRowHash(chunk, i, names))).toEqual(
      records.map((r) => contentHash(fieldsOf(r))),
    );
  });
});
