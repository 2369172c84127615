/**
 * Dates as real files write them: ISO, `YYYYMMDD` (GDELT, Phoenix), `YYYYMMDDHHMMSS`, `16 May
 * 2025` (ACLED), epoch seconds, and day/month/year with slashes or dots, whose order only the
 * user can settle when every value reads both ways. A preview must never guess silently, so
 * `detectDateFormat` says when it cannot tell.
 */
import { dayNumber, daysInMonth } from '../../domain/dates';
import type { Precision } from '../../domain/types';
import { parseDate } from '../normalize';

/**
 * How the dates of a file are written:
 * - `iso`: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` only (the native CSV, strict);
 * - `dmy` / `mdy`: `16/05/2025` / `05/16/2025` (also with `.` or `-`), `05/2025` for a month;
 * - `compact`: `20250516`, `20250516143000`, `202505`;
 * - `text`: `16 May 2025`, `16-May-2025`, `May 16, 2025`, `May 2025`;
 * - `epoch`: seconds since 1970-01-01 UTC, e.g. `1747353600`.
 * Every format but `iso` also takes ISO dates (with a time too), which never read two ways.
 */
export type DateFormat = 'iso' | 'dmy' | 'mdy' | 'compact' | 'text' | 'epoch';

export const DATE_FORMATS: readonly { id: DateFormat; label: string }[] = [
  { id: 'iso', label: 'YYYY-MM-DD (ISO)' },
  { id: 'dmy', label: 'DD/MM/YYYY (day first)' },
  { id: 'mdy', label: 'MM/DD/YYYY (month first)' },
  { id: 'compact', label: 'YYYYMMDD' },
  { id: 'text', label: '16 May 2025' },
  { id: 'epoch', label: 'Epoch seconds' },
];

/** What a message says a date should look like: `'DD/MM/YYYY'`. */
export function dateFormatLabel(format: DateFormat): string {
  return DATE_FORMATS.find((f) => f.id === format)?.label ?? format;
}

export interface ParsedDate {
  day: number;
  precision: Precision;
}

const MONTHS = new Map<string, number>(
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].flatMap((name, i) => [
    [name, i + 1],
    [name.slice(0, 3), i + 1],
  ]),
);
MONTHS.set('sept', 9);

/** A checked calendar date, or null: `ymd(2025, 2, 29)` -> null. */
function ymd(year: number, month: number, day?: number): ParsedDate | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!(month >= 1 && month <= 12)) return null;
  if (day === undefined) return { day: dayNumber(year, month, 1), precision: 'month' };
  if (!(day >= 1 && day <= daysInMonth(year, month))) return null;
  return { day: dayNumber(year, month, day), precision: 'day' };
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;

/**
 * The year a two-digit year means: at most 50 years ahead of this year, else the century
 * before (in 2026: `21` -> 2021, `76` -> 2076, `77` -> 1977).
 */
export function fullYear(yy: string, thisYear = new Date().getUTCFullYear()): number {
  if (yy.length !== 2) return Number(yy);
  const pivot = thisYear + 50;
  const year = Math.floor(pivot / 100) * 100 + Number(yy);
  return year > pivot ? year - 100 : year;
}

/** The two-digit-year rule in words, for the preview: `two-digit years: 77-99 -> 1977-1999, ...`. */
export function pivotText(thisYear = new Date().getUTCFullYear()): string {
  const pivot = thisYear + 50;
  const p = String(pivot % 100).padStart(2, '0');
  const next = String((pivot + 1) % 100).padStart(2, '0');
  return `Two-digit years are read as at most 50 years ahead: 00-${p} -> ${Math.floor(pivot / 100) * 100}-${pivot}, ${next}-99 -> ${pivot - 99}-${Math.floor(pivot / 100) * 100 - 1}.`;
}
const SLASHED_MONTH = /^(\d{1,2})[/.-](\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/;
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const MONTH_YEAR = /^([a-z]+)\.?,?\s+(\d{4})$/;
const EPOCH = /^-?\d{1,12}(\.\d+)?$/;

/** An ISO date, or one with a time of day (the day is the UTC date written). */
function isoDate(t: string): ParsedDate | null {
  const strict = parseDate(t);
  if (strict) return strict;
  const m = ISO_TIME.exec(t);
  return m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Reads one date in the given format; null when it does not read so. A time of day is dropped
 * (the day is kept); month-only and year-only values keep their precision.
 * `parseDateAs('16 May 2025', 'text')` -> `{ day: 20224, precision: 'day' }`;
 * `parseDateAs('03/04/2024', 'dmy')` -> 3 April; `parseDateAs('03/04/2024', 'mdy')` -> 4 March;
 * `parseDateAs('20191024143000', 'compact')` -> 24 October 2019; `parseDateAs('31/12/2024', 'iso')` -> null.
 */
export function parseDateAs(text: string, format: DateFormat): ParsedDate | null {
  const t = text.trim();
  if (format === 'iso') return parseDate(t);
  const iso = isoDate(t);
  if (iso) return iso;
  let m: RegExpExecArray | null;
  switch (format) {
    case 'dmy':
    case 'mdy': {
      if ((m = SLASHED.exec(t))) {
        const a = Number(m[1]);
        const b = Number(m[2]);
        const year = fullYear(m[3]);
        return format === 'dmy' ? ymd(year, b, a) : ymd(year, a, b);
      }
      if ((m = SLASHED_MONTH.exec(t))) return ymd(Number(m[2]), Number(m[1]));
      return null;
    }
    case 'compact': {
      if (!(m = COMPACT.exec(t)) || (t.length !== 6 && t.length !== 8 && t.length !== 14)) {
        return null;
      }
      return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
    }
    case 'text': {
      const l = t.toLowerCase();
      if ((m = DAY_MONTH_YEAR.exec(l))) {
        const month = MONTHS.get(m[2]);
        return month ? ymd(Number(m[3]), month, Number(m[1])) : null;
      }
      if ((m = MONTH_DAY_YEAR.exec(l))) {
        const month = MONTHS.get(m[1]);
        return month ? ymd(Number(m[3]), month, Number(m[2])) : null;
      }
      if ((m = MONTH_YEAR.exec(l))) {
        const month = MONTHS.get(m[1]);
        return month ? ymd(Number(m[2]), month) : null;
      }
      return null;
    }
    case 'epoch': {
      if (!EPOCH.test(t)) return null;
      const day = Math.floor(Number(t) / 86_400);
      return Number.isFinite(day) ? { day, precision: 'day' } : null;
    }
  }
}

/** The shape a value is written in, before any reading of it. */
type Shape = 'iso' | 'slashed' | 'compact' | 'text' | 'epoch' | 'other';

/**
 * `shapeOf('2024-12-18')` -> 'iso'; `shapeOf('18.12.2024')` -> 'slashed';
 * `shapeOf('20241218')` -> 'compact'; `shapeOf('1734480000')` -> 'epoch'.
 */
function shapeOf(t: string): Shape {
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(t) || ISO_TIME.test(t)) return 'iso';
  if (SLASHED.test(t) || SLASHED_MONTH.test(t)) return 'slashed';
  if (/^(\d{6}|\d{8}|\d{14})$/.test(t)) return 'compact';
  if (/^-?\d{9,11}(\.\d+)?$/.test(t)) return 'epoch';
  if (/[a-z]{3}/i.test(t) && /\d{4}/.test(t)) return 'text';
  return 'other';
}

export interface DateDetection {
  /** The format the values are written in; null when day/month order cannot be told. */
  format: DateFormat | null;
  /** Both day-first and month-first read every slashed value and none tells them apart. */
  ambiguous: boolean;
  /** Up to three values that read both ways, to show the user. */
  examples: string[];
  /** Said when some values write the year in two digits (read with `fullYear`'s pivot). */
  yearsNote?: string;
}

/**
 * The date format most values of a sample are written in. Day/month order is settled by a
 * value that reads only one way (`31/12/2024` is day first); when none does, the answer is
 * `{ format: null, ambiguous: true }` and the user must choose. Values in a minority shape are
 * left to be rejected row by row, so one odd date never changes how all others are read.
 * `detectDateFormat(['03/04/2024', '05/06/2024'])` -> `{ format: null, ambiguous: true,
 *   examples: ['03/04/2024', '05/06/2024'] }`;
 * `detectDateFormat(['03/04/2024', '25/06/2024'])` -> `{ format: 'dmy', ambiguous: false, examples: [] }`;
 * `detectDateFormat(['2024-12-18', '31/12/2024', '2024-11'])` -> `{ format: 'iso', ... }`.
 */
export function detectDateFormat(values: readonly string[]): DateDetection {
  const byShape = new Map<Shape, string[]>();
  for (const raw of values) {
    const t = raw.trim();
    if (t === '') continue;
    const shape = shapeOf(t);
    const list = byShape.get(shape);
    if (list) list.push(t);
    else byShape.set(shape, [t]);
  }
  let best: Shape = 'iso';
  let bestCount = 0;
  for (const [shape, list] of byShape) {
    if (shape !== 'other' && list.length > bestCount) {
      best = shape;
      bestCount = list.length;
    }
  }
  if (best !== 'slashed') return { format: best, ambiguous: false, examples: [] };
  const slashed = byShape.get('slashed')!;
  const found = detectOrder(slashed);
  if (slashed.some((v) => /[/.-]\d{2}$/.test(v))) found.yearsNote = pivotText();
  return found;
}

/** Day/month order of slashed values: from a value that proves it, else null (ask). */
function detectOrder(slashed: readonly string[]): DateDetection {
  const dmy = slashed.filter((v) => parseDateAs(v, 'dmy') !== null).length;
  const mdy = slashed.filter((v) => parseDateAs(v, 'mdy') !== null).length;
  if (dmy !== mdy) return { format: dmy > mdy ? 'dmy' : 'mdy', ambiguous: false, examples: [] };
  // Dots are day first wherever they are used (18.12.2024); slashes are not so sure.
  if (slashed.every((v) => v.includes('.')))
    return { format: 'dmy', ambiguous: false, examples: [] };
  const examples = slashed
    .filter((v) => {
      const a = parseDateAs(v, 'dmy');
      const b = parseDateAs(v, 'mdy');
      return a !== null && b !== null && a.day !== b.day;
    })
    .slice(0, 3);
  // Values such as 05/05/2024 read the same both ways: no need to ask.
  if (examples.length === 0) return { format: 'dmy', ambiguous: false, examples: [] };
  return { format: null, ambiguous: true, examples };
}
