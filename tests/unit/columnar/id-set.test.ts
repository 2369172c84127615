import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentFingerprint, idKey } from '../../../src/columnar/content-fingerprint';
import { IdSet } from '../../../src/columnar/id-set';

describe('IdSet', () => {
  it('says whether an id was new, as a Set of strings does, through many ids and regrowth', () => {
    const ids = new IdSet();
    const reference = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = `syn-1-${(i * 7919) % 3001}`;
      expect(ids.add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(ids.size).toBe(reference.size);
    for (const id of reference) expect(ids.has(id)).toBe(true);
    expect(ids.has('syn-1-3001')).toBe(false);
  });

  it('tells apart different ids with equal keys, and finds each again', () => {
    // A poor key (the length) puts every id of a length under one key.
    const ids = new IdSet((id) => id.length);
    expect([ids.add('a1'), ids.add('b2'), ids.add('a1'), ids.add('c3'), ids.add('b2')]).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(ids.size).toBe(3);
    expect([ids.has('a1'), ids.has('b2'), ids.has('c3'), ids.has('d4')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([ids.hasKey(2), ids.hasKey(3)]).toEqual([true, false]);
  });

  it('behaves as a Set of strings for any ids, keys good or poor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 3000 }),
        fc.boolean(),
        (values, poor) => {
          const ids = new IdSet(poor ? (id) => id.length % 3 : undefined);
          const reference = new Set<string>();
          for (const v of values) {
            expect(ids.add(v)).toBe(!reference.has(v));
            reference.add(v);
          }
          expect(ids.size).toBe(reference.size);
          for (const v of values) {
            expect(ids.has(v)).toBe(true);
            expect(ids.has(v + '!')).toBe(reference.has(v + '!'));
          }
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });

  it('keys ids as the content fingerprint does, so the second half can be checked by key', () => {
    for (const id of ['syn-1-1', 'Łukasz', '', 'h3f9a00112233aabb']) {
      expect(idKey(id)).toBe(new ContentFingerprint().add(id));
    }
  });
});
