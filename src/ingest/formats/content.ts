/**
 * Columns found by their values when no header names them: a date column (nearly every value
 * reads as a date; names with date/datum/fecha/year preferred), a column of numbers as the
 * stance (binned by its scale), and the country as the actor when nothing better names one.
 */
import { headerKey, type ColumnMapping } from '../columns';
import { cleanText } from '../normalize';
import { readDate } from '../validate';
import { isMissingMarker } from './common';
import { numberOf } from './stance-values';

/** Share of a column's non-empty sample values that must read as dates. */
const DATE_SHARE = 0.9;

/** Numbered columns that are not scores: ids, row numbers. */
const COUNTER_NAMES = /id$|^(n|no|nr|row|line|index|number|count)$/;

const DATE_NAMES = /date|datum|fecha|year|jahr|annee|año|day|time|when/;

/**
 * The mapping with a date (and an actor) found from the rows where the header gave none.
 * `guessByContent(['election_date', 'party'], [['2021-09-26', 'SPD']], { affiliation: 1 })`
 * -> `{ affiliation: 1, date: 0 }`.
 */
export function guessByContent(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
): ColumnMapping {
  const out = { ...mapping };
  const used = new Set(Object.values(out));
  if (out.date === undefined && rows.length > 0) {
    let best = -1;
    let bestScore = 0;
    headers.forEach((h, i) => {
      if (used.has(i)) return;
      const share = dateShare(rows, i);
      if (share < DATE_SHARE) return;
      const score = share + (DATE_NAMES.test(headerKey(h)) ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best >= 0) {
      out.date = best;
      used.add(best);
    }
  }
  if (out.stance === undefined && rows.length > 0) {
    // A column of numbers nobody else claimed is a score (a proportion, a share, a scale).
    const i = headers.findIndex(
      (h, k) => !used.has(k) && !COUNTER_NAMES.test(headerKey(h)) && numericColumn(rows, k),
    );
    if (i >= 0) {
      out.stance = i;
      used.add(i);
    }
  }
  if (out.actor === undefined && out.affiliation !== undefined) {
    // A country x year table: the country is who takes the position.
    out.actor = out.affiliation;
    delete out.affiliation;
  }
  return out;
}

/** Every non-empty value is a number (missing markers aside), and at least one is given. */
function numericColumn(rows: readonly (readonly string[])[], i: number): boolean {
  let numbers = 0;
  for (const row of rows) {
    const v = cleanText(row[i] ?? '');
    if (v === '' || isMissingMarker(v)) continue;
    if (Number.isNaN(numberOf(v))) return false;
    numbers++;
  }
  return numbers > 0;
}

/** Share of a column's non-empty values that read as dates in some format (0 when none). */
function dateShare(rows: readonly (readonly string[])[], i: number): number {
  let values = 0;
  let dates = 0;
  for (const row of rows) {
    const v = (row[i] ?? '').trim();
    if (v === '') continue;
    values++;
    if (looksLikeDate(v)) dates++;
  }
  return values === 0 ? 0 : dates / values;
}

/** A value some date format reads; plain numbers only as years 1000-2999. */
function looksLikeDate(v: string): boolean {
  if (/^\d+$/.test(v)) return v.length === 4 && v >= '1000' && v < '3000';
  return readDate(v, 'dmy') !== null || readDate(v, 'mdy') !== null || readDate(v, 'text') !== null;
}
