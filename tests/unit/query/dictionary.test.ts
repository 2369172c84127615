import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, mergeDictionary, sortSteps } from '../../../src/query/dictionary';
import { finish } from '../../../src/util/steps';

/** Names that sort apart only by case, accents or digits, and plenty of them (merge passes). */
const names = fc.uniqueArray(fc.stringMatching(/^[aAbBéÉ0-9 ._-]{0,6}$/), {
  minLength: 0,
  maxLength: 1500,
});

describe('the stepwise dictionary', () => {
  it('sorts names as Array.prototype.sort does, pausing on the way', () => {
    fc.assert(
      fc.property(names, (list) => {
        const expected = list.slice().sort(compareNames);
        let pauses = 0;
        const steps = sortSteps(list.slice(), compareNames);
        let step = steps.next();
        while (!step.done) {
          pauses++;
          step = steps.next();
        }
        expect(step.value).toEqual(expected);
        if (list.length > 256) expect(pauses).toBeGreaterThan(1);
      }),
      { numRuns: 60 },
    );
  });

  it('pauses at least every 4,096 comparisons, so a build can yield to the page in between', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => `Actor ${(i * 7919) % 20_000}`);
    let compared = 0;
    let most = 0;
    const steps = sortSteps(list, (a: string, b: string) => {
      compared++;
      return compareNames(a, b);
    });
    for (let step = steps.next(); !step.done; step = steps.next()) {
      most = Math.max(most, compared);
      compared = 0;
    }
    expect(most).toBeGreaterThan(1000);
    expect(most).toBeLessThanOrEqual(4096);
  });

  it('sorts in a stable way: a tie keeps the input order', () => {
    const items = Array.from({ length: 700 }, (_, i) => ({ key: i % 3, i }));
    const sorted = finish(sortSteps(items.slice(), (a, b) => a.key - b.key));
    expect(sorted).toEqual(items.slice().sort((a, b) => a.key - b.key));
  });

  it('merges the datasets’ dictionaries into one sorted list with the code of each name', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        const { names: merged, index } = mergeDictionary([a, b]);
        expect(merged).toEqual([...new Set([...a, ...b])].sort(compareNames));
        expect(merged.every((name, i) => index.get(name) === i)).toBe(true);
        expect(index.size).toBe(merged.length);
      }),
      { numRuns: 40 },
    );
  });
});
