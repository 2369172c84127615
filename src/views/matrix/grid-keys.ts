/** The matrix's keyboard grid (the WAI-ARIA grid pattern): where a key moves the focus. Pure. */

/** A cell of the grid by row and column index. */
export interface GridCell {
  r: number;
  c: number;
}

const MOVE_KEYS = new Set([
  'ArrowRight',
  'ArrowLeft',
  'ArrowDown',
  'ArrowUp',
  'PageDown',
  'PageUp',
  'Home',
  'End',
]);

/** True for the keys that move the focus (`gridMove` answers them). */
export const isMoveKey = (key: string) => MOVE_KEYS.has(key);

/**
 * The cell a move key takes the focus to from `at` in a grid of `rows` x `cols`, `page` rows a
 * page; Home and End go to the row's ends, with Ctrl to the grid's corners.
 * Example: `gridMove('PageDown', false, { r: 2, c: 1 }, 30, 8, 10)` -> `{ r: 12, c: 1 }`.
 */
export function gridMove(
  key: string,
  ctrl: boolean,
  at: GridCell,
  rows: number,
  cols: number,
  page: number,
): GridCell {
  let { r, c } = at;
  switch (key) {
    case 'ArrowRight':
      c = Math.min(cols - 1, c + 1);
      break;
    case 'ArrowLeft':
      c = Math.max(0, c - 1);
      break;
    case 'ArrowDown':
      r = Math.min(rows - 1, r + 1);
      break;
    case 'ArrowUp':
      r = Math.max(0, r - 1);
      break;
    case 'PageDown':
      r = Math.min(rows - 1, r + page);
      break;
    case 'PageUp':
      r = Math.max(0, r - page);
      break;
    case 'Home':
      c = 0;
      if (ctrl) r = 0;
      break;
    case 'End':
      c = cols - 1;
      if (ctrl) r = rows - 1;
      break;
  }
  return { r, c };
}
