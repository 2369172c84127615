import { formatDay } from '../../domain/dates';

/**
 * A dataset row's values as the Datasets dialog writes them. A stored row can hold anything an
 * older version or a crafted backup put there (a day of 1e300, a count that is text), and one
 * bad value must not keep the dialog from opening: what cannot be shown reads `?`.
 */

/** Days a Date can hold (±100 million days around 1970). */
const DATE_LIMIT = 100_000_000;

/** `20075` -> `2024-12-18`; `1e300` -> `?`. */
export function dayText(day: unknown): string {
  if (typeof day !== 'number' || !Number.isInteger(day) || Math.abs(day) > DATE_LIMIT) return '?';
  return formatDay(day);
}

/** `12345` -> `12,345`; `'x'` -> `?`. */
export function countText(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en') : '?';
}

/** `2024-12-18T10:20:30.000Z` -> `2024-12-18 10:20 UTC`; a value that is no date -> `?`. */
export function importedText(at: unknown): string {
  if (typeof at !== 'string' || !Number.isFinite(Date.parse(at))) return '?';
  return `${at.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Any value as text: a string as it is, anything else as `?`. */
export function plainText(value: unknown): string {
  return typeof value === 'string' ? value : '?';
}
