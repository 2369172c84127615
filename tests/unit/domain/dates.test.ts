import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayNumber, daysInMonth, formatDay, today } from '../../../src/domain/dates';

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('counts the days from the month to the next one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const next = m === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, m + 1, 1);
        expect(daysInMonth(y, m)).toBe(next - dayNumber(y, m, 1));
      }),
    );
  });
});

describe('today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the UTC date, whatever the local time zone says', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 8, 2, 30) });
    expect(today()).toBe('2026-12-08');
    vi.setSystemTime(Date.UTC(2026, 11, 7, 23, 59));
    expect(today()).toBe('2026-12-07');
    expect(formatDay(dayNumber(2026, 12, 7))).toBe('2026-12-07');
  });
});
