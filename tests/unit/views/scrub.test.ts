import { describe, expect, it } from 'vitest';
import { formatDay, parseIsoDay } from '../../../src/domain/dates';
import { addMonths, scrubKey } from '../../../src/views/matrix/scrub';

const day = (iso: string) => parseIsoDay(iso)!;

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    ['2024-12-31', 1, '2025-01-31'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-10-31', -13, '2023-09-30'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(formatDay(addMonths(day(from), months))).toBe(expected);
  });
});

describe('scrubKey', () => {
  const min = day('2024-01-01');
  const max = day('2024-03-15');

  it('moves a month on PageUp and PageDown, to the end of a shorter month', () => {
    expect(formatDay(scrubKey('PageUp', day('2024-01-31'), min, max)!)).toBe('2024-02-29');
    expect(formatDay(scrubKey('PageDown', day('2024-03-15'), min, max)!)).toBe('2024-02-15');
  });

  it('stops at the ends of the span', () => {
    expect(formatDay(scrubKey('PageUp', day('2024-02-29'), min, max)!)).toBe('2024-03-15');
    expect(formatDay(scrubKey('PageDown', day('2024-01-20'), min, max)!)).toBe('2024-01-01');
  });
});
