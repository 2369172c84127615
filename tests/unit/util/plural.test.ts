import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/util/plural';

describe('plural', () => {
  it.each([
    [0, 'statement', '0 statements'],
    [1, 'statement', '1 statement'],
    [2, 'shared topic', '2 shared topics'],
    [1234567, 'shift', '1,234,567 shifts'],
  ])('%i %s -> %s', (n, word, expected) => {
    expect(plural(n, word)).toBe(expected);
  });
});
