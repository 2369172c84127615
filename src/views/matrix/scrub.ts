/** Date stepping for the as-of scrubber and the Play button. Pure, UTC. */
import { dayNumber, dayToDate, daysInMonth } from '../../domain/dates';

/**
 * The same day `months` calendar months later (or earlier), clamped to the target month's last
 * day: `addMonths(2024-01-31, 1)` -> 2024-02-29; `addMonths(2024-03-15, -1)` -> 2024-02-15.
 */
export function addMonths(day: number, months: number): number {
  const d = dayToDate(day);
  const m = d.getUTCMonth() + months;
  const y = d.getUTCFullYear() + Math.floor(m / 12);
  const month = m - Math.floor(m / 12) * 12 + 1;
  return dayNumber(y, month, Math.min(d.getUTCDate(), daysInMonth(y, month)));
}

/** `clampDay(5, 10, 20)` -> 10. */
export function clampDay(day: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, day));
}

/**
 * The as-of day a scrubber key moves to, or null for keys it leaves alone: arrows move a day,
 * PageUp/PageDown a month, Home/End to the ends of the span.
 * `scrubKey('PageUp', 2024-01-31, min, max)` -> 2024-02-29.
 */
export function scrubKey(key: string, day: number, min: number, max: number): number | null {
  const next =
    key === 'ArrowRight' || key === 'ArrowUp'
      ? day + 1
      : key === 'ArrowLeft' || key === 'ArrowDown'
        ? day - 1
        : key === 'PageUp'
          ? addMonths(day, 1)
          : key === 'PageDown'
            ? addMonths(day, -1)
            : key === 'Home'
              ? min
              : key === 'End'
                ? max
                : null;
  return next === null ? null : clampDay(next, min, max);
}
