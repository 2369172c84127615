import { describe, expect, it } from 'vitest';
import { columnRange, revealOffset } from '../../../src/views/matrix/column-window';

// A 600 px view with 224 px of sticky row names leaves 376 px for 120 px topic columns.
const ROOM = 376;
const SIZE = 120;

describe('columnRange', () => {
  it.each([
    // offset, count, overscan -> first, last
    [0, 8, 2, 0, 6],
    [584, 8, 2, 2, 8],
    [1200, 40, 2, 8, 16],
    [0, 3, 2, 0, 3],
    [0, 40, 0, 0, 4],
  ])(
    'draws the columns in view at offset %i of %i columns (overscan %i): %i to %i',
    (offset, count, overscan, first, last) => {
      expect(columnRange(offset, ROOM, SIZE, count, overscan)).toEqual({ first, last });
    },
  );

  it.each([
    ['no view width yet', 0, SIZE],
    ['no column width yet', ROOM, 0],
  ])('draws every column with %s', (_, room, size) => {
    expect(columnRange(500, room, size, 40, 2)).toEqual({ first: 0, last: 40 });
  });

  it('draws the last columns when a filter left the scroll offset past the end', () => {
    expect(columnRange(10_000, ROOM, SIZE, 8, 2)).toEqual({ first: 2, last: 8 });
  });
});

describe('revealOffset', () => {
  it.each([
    ['a column in view stays put', 240, 3, 240],
    ['a column past the right edge scrolls until its right edge shows', 0, 7, 584],
    ['a column left of the view scrolls to its left edge', 584, 1, 120],
    ['the first column scrolls back to the start', 584, 0, 0],
  ])('%s', (_, offset, c, expected) => {
    expect(revealOffset(offset, ROOM, SIZE, c)).toBe(expected);
  });

  it('leaves the offset alone while the sizes are unknown', () => {
    expect(revealOffset(300, 0, 0, 7)).toBe(300);
  });
});
