import { describe, expect, it } from 'vitest';
import { gridMove, isMoveKey } from '../../../src/views/matrix/grid-keys';

// A grid of 30 rows and 8 columns, 10 rows a page, focus on row 2, column 1.
const AT = { r: 2, c: 1 };

describe('gridMove', () => {
  it.each([
    ['ArrowRight', false, 2, 2],
    ['ArrowLeft', false, 2, 0],
    ['ArrowDown', false, 3, 1],
    ['ArrowUp', false, 1, 1],
    ['PageDown', false, 12, 1],
    ['PageUp', false, 0, 1],
    ['Home', false, 2, 0],
    ['End', false, 2, 7],
    ['Home', true, 0, 0],
    ['End', true, 29, 7],
  ])('%s (Ctrl %s) moves to row %i, column %i', (key, ctrl, r, c) => {
    expect(gridMove(key, ctrl, AT, 30, 8, 10)).toEqual({ r, c });
  });

  it('stops at the edges of the grid', () => {
    const corner = { r: 29, c: 7 };
    expect(gridMove('ArrowRight', false, corner, 30, 8, 10)).toEqual(corner);
    expect(gridMove('ArrowDown', false, corner, 30, 8, 10)).toEqual(corner);
    expect(gridMove('PageDown', false, { r: 25, c: 0 }, 30, 8, 10)).toEqual({ r: 29, c: 0 });
    expect(gridMove('ArrowLeft', false, { r: 0, c: 0 }, 30, 8, 10)).toEqual({ r: 0, c: 0 });
  });

  it('answers only the keys that move the focus', () => {
    expect(['ArrowUp', 'PageDown', 'Home', 'End'].every(isMoveKey)).toBe(true);
    expect(['Enter', ' ', 'Tab', 'a', 'ArrowFoo'].some(isMoveKey)).toBe(false);
  });
});
