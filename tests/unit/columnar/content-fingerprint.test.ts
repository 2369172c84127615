import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentFingerprint } from '../../../src/columnar/content-fingerprint';

function of(ids: readonly string[]): ContentFingerprint {
  const f = new ContentFingerprint();
  for (const id of ids) f.add(id);
  return f;
}

const idLists = fc.array(fc.string({ maxLength: 12 }), { maxLength: 40 });

describe('the content fingerprint of a dataset', () => {
  it('does not depend on the order of the statements', () => {
    fc.assert(
      fc.property(idLists, (ids) => {
        expect(of([...ids].reverse()).value()).toBe(of(ids).value());
      }),
    );
  });

  it('is the same from two halves counted apart and merged as from the whole', () => {
    fc.assert(
      fc.property(idLists, fc.nat(), (ids, at) => {
        const cut = ids.length === 0 ? 0 : at % ids.length;
        const first = of(ids.slice(0, cut));
        first.merge(of(ids.slice(cut)).sums);
        expect(first.value()).toBe(of(ids).value());
      }),
    );
  });

  it('loses an id taken out again without a trace', () => {
    fc.assert(
      fc.property(idLists, fc.string({ maxLength: 12 }), (ids, extra) => {
        const f = of(ids);
        f.add(extra);
        f.remove(extra);
        expect(f.value()).toBe(of(ids).value());
      }),
    );
  });

  it('changes when a statement is added', () => {
    expect(of(['syn-1-1', 'syn-1-2']).value()).not.toBe(of(['syn-1-1']).value());
  });

  it('gives equal ids equal keys, small enough for a fast Set', () => {
    const key = new ContentFingerprint().add('syn-1-1');
    expect(new ContentFingerprint().add('syn-1-1')).toBe(key);
    expect(key).toBeLessThan(2 ** 30);
  });
});
