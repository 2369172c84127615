import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/url/fingerprint';
import { tokenCodec } from '../../../src/url/codecs';

const seed = { id: 'seed', statementCount: 42 };
const gdelt = { id: 'gdelt-2024', statementCount: 120_000 };

describe('fingerprint', () => {
  it('is 8 hex characters that the fp parameter accepts', () => {
    const fp = fingerprint([seed, gdelt]);
    expect(fp).toMatch(/^[0-9a-f]{8}$/);
    expect(tokenCodec.parse(fp)).toBe(fp);
  });

  it('is the same on every call for the same datasets', () => {
    expect(fingerprint([seed, gdelt])).toBe(fingerprint([{ ...seed }, { ...gdelt }]));
  });

  it('does not depend on the order the datasets come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.string(), statementCount: fc.nat() }), {
          selector: (d) => d.id,
          maxLength: 8,
        }),
        (datasets) => {
          expect(fingerprint([...datasets].reverse())).toBe(fingerprint(datasets));
        },
      ),
      { seed: 7 },
    );
  });

  it.each([
    ['a statement more', [{ ...seed, statementCount: 43 }, gdelt]],
    ['a dataset less', [seed]],
    ['another id', [{ ...seed, id: 'seed2' }, gdelt]],
    ['no datasets', []],
  ])('changes with %s', (_label, other) => {
    expect(fingerprint(other)).not.toBe(fingerprint([seed, gdelt]));
  });

  it('tells ids apart that a naive separator would join the same way', () => {
    expect(fingerprint([{ id: 'a:1', statementCount: 2 }])).not.toBe(
      fingerprint([{ id: 'a', statementCount: 12 }]),
    );
  });

  it('does not reorder the array it is given', () => {
    const input = [gdelt, seed];
    fingerprint(input);
    expect(input).toEqual([gdelt, seed]);
  });
});
