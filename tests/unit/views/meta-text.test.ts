import { describe, expect, it } from 'vitest';
import { countText, dayText, importedText, plainText } from '../../../src/views/datasets/meta-text';

describe('a dataset row as the Datasets dialog writes it', () => {
  it('writes good values as before', () => {
    expect(dayText(20075)).toBe('2024-12-18');
    expect(countText(12345)).toBe('12,345');
    expect(importedText('2024-12-18T10:20:30.000Z')).toBe('2024-12-18 10:20 UTC');
    expect(plainText('clean.csv')).toBe('clean.csv');
  });

  it.each([1e300, -1e300, 2 ** 53, NaN, Infinity, 1.5, '20075', undefined, null])(
    'writes ? for a day of %s instead of throwing',
    (day) => {
      expect(dayText(day)).toBe('?');
    },
  );

  it.each(['12', undefined, NaN, {}])('writes ? for a count of %s', (n) => {
    expect(countText(n)).toBe('?');
  });

  it.each([7, 'soon', undefined])('writes ? for an import time of %s', (at) => {
    expect(importedText(at)).toBe('?');
  });

  it('writes ? for a name that is not text', () => {
    expect(plainText({ toString: 1 })).toBe('?');
  });
});
