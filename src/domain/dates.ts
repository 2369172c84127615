import type { Precision } from './types';

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 UTC: `dayNumber(2024, 12, 18)` -> 20075. Years 0-99 are those years,
 * not 1900-1999 (`Date.UTC`'s two-digit rule): `dayNumber(24, 12, 18)` is in the year 24.
 */
export function dayNumber(year: number, month: number, day: number): number {
  if (year >= 0 && year < 100) {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    return Math.floor(d.getTime() / MS_PER_DAY);
  }
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `daysInMonth(2024, 2)` -> 29; `daysInMonth(2100, 2)` -> 28 (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The UTC date of a day number. */
export function dayToDate(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/** `20075` -> `2024-12-18`. */
export function formatDay(day: number): string {
  return dayToDate(day).toISOString().slice(0, 10);
}

/** Today in UTC, `2026-12-07`, so a name made from it does not depend on the time zone. */
export function today(): string {
  return formatDay(Math.floor(Date.now() / MS_PER_DAY));
}

/** The date as the file gave it: `2024-12` for a month-precise statement, `2024` for a year. */
export function formatDayPrecision(day: number, precision: Precision): string {
  const iso = formatDay(day);
  return precision === 'day' ? iso : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}

/**
 * First day after the period a statement covers: a day covers itself, `2024-11` covers
 * November, `2024` the whole year. `endDay(dayNumber(2024, 11, 1), 'month')` -> 1 Dec 2024.
 */
export function endDay(day: number, precision: Precision): number {
  if (precision === 'day') return day + 1;
  const d = dayToDate(day);
  if (precision === 'month') return dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 2, 1);
  return dayNumber(d.getUTCFullYear() + 1, 1, 1);
}

/** Parses `YYYY-MM-DD` strictly (real calendar days only); null otherwise. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const day = dayNumber(y, mo, d);
  return formatDay(day) === text ? day : null;
}
