/**
 * Which topic columns of the matrix to draw, and where to scroll to show one. Pure: the widths
 * come from a ResizeObserver and the offset from scroll events, so nothing here reads layout.
 */

/** The columns to draw, `first` inclusive to `last` exclusive. */
export interface ColumnRange {
  first: number;
  last: number;
}

/**
 * Columns of width `size` that show in `room` pixels scrolled by `offset`, plus `overscan` on
 * each side; every column when the sizes are unknown (no layout yet, or jsdom).
 * Example: `columnRange(0, 376, 120, 8, 2)` -> `{ first: 0, last: 6 }` (4 in view, 2 spare);
 * `columnRange(584, 376, 120, 8, 2)` -> `{ first: 2, last: 8 }`, as does any offset past 584.
 */
export function columnRange(
  offset: number,
  room: number,
  size: number,
  count: number,
  overscan: number,
): ColumnRange {
  if (!(room > 0 && size > 0)) return { first: 0, last: count };
  // Past the end once a filter drops columns: the browser is about to clamp the scroll there.
  offset = Math.min(offset, Math.max(0, count * size - room));
  const first = Math.max(0, Math.min(count, Math.floor(offset / size) - overscan));
  const last = Math.max(first, Math.min(count, Math.ceil((offset + room) / size) + overscan));
  return { first, last };
}

/**
 * The scroll offset that shows column `c` whole in `room` pixels, moving as little as possible.
 * Example: `revealOffset(0, 376, 120, 7)` -> 584 (the right edge at 960 meets the view's);
 * `revealOffset(584, 376, 120, 1)` -> 120; an unknown size leaves the offset alone.
 */
export function revealOffset(offset: number, room: number, size: number, c: number): number {
  if (!(room > 0 && size > 0)) return offset;
  const left = c * size;
  if (left < offset) return left;
  if (left + size > offset + room) return Math.max(0, left + size - room);
  return offset;
}
