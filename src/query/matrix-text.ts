/** The matrix in words: a cell's accessible name, a stale cell's age, the one-line summary. */
import { formatDay, formatDayPrecision } from '../domain/dates';
import { stanceLabel } from '../domain/stance';
import { PRECISION_BY_CODE, type StanceValue } from '../domain/types';
import type { MatrixCellModel, MatrixCounts, MatrixModel, MatrixRowModel } from './matrix';
import type { ColumnCache } from './types';
import { plural } from '../util/plural';

/** ISO dates already formatted: a cell label per rendered cell needs only a few distinct days. */
const dayText = new Map<number, string>();

/** `formatDay`, remembered: `isoDay(20088)` -> `2024-12-31`. */
function isoDay(day: number): string {
  let text = dayText.get(day);
  if (text === undefined) {
    // Bounded: scrubbing a decade visits a few thousand days at most.
    if (dayText.size >= 8192) dayText.clear();
    text = formatDay(day);
    dayText.set(day, text);
  }
  return text;
}

/**
 * A stale cell's age, short: `ageText(45)` -> `45d`, `ageText(120)` -> `4mo`, `ageText(800)` ->
 * `2y`.
 */
export function ageText(days: number): string {
  if (days < 60) return `${days}d`;
  if (days < 730) return `${Math.floor(days / 30)}mo`;
  return `${Math.floor(days / 365)}y`;
}

/**
 * The accessible name of a cell, as a sentence a screen reader user can act on.
 * Example: `Sergey Lavrov on ceasefire: strongly oppose, as of 2024-12-31, 1 statement,
 * shifted from conditional support on 2024-11-30`; an empty cell: `Donald Trump on ceasefire:
 * no statement as of 2024-12-31`. Summary cells name the speaker: `Russia (all actors) on
 * ceasefire: strongly oppose, by Sergey Lavrov, as of ...`.
 */
export function cellLabel(
  cache: ColumnCache,
  model: Pick<MatrixModel, 'asOf' | 'compare'>,
  row: Pick<MatrixRowModel, 'label'>,
  topic: number,
  cell: MatrixCellModel | null,
): string {
  const head = `${row.label} on ${cache.topics[topic]}: `;
  const date = isoDay(model.asOf);
  const label = (stance: number, conditional: boolean) =>
    stanceLabel(stance as StanceValue, conditional);
  let text: string;
  if (!cell || cell.row < 0) {
    text = `${head}no statement as of ${date}`;
  } else {
    const by = cell.kind === 'affiliation' ? `, by ${cache.actors[cache.actor[cell.row]]}` : '';
    text =
      `${head}${label(cell.stance, cell.conditional)}${by}, as of ${date}, ` +
      plural(cell.count, 'statement');
    if (cell.stale) text += `, stale (${ageText(cell.ageDays)}, ${cell.ageDays} days old)`;
  }
  if (model.compare !== null && cell) text += compareText(model, cell, label);
  if (cell && cell.row >= 0) text += statementText(cache, cell);
  return text;
}

/**
 * The latest statement behind a cell, its speaker being the row (or the summary's `by`):
 * `; said 2024-12-26: “A truce leads to nowhere”`.
 */
function statementText(cache: ColumnCache, cell: MatrixCellModel): string {
  const r = cell.row;
  const date = formatDayPrecision(cache.day[r], PRECISION_BY_CODE[cache.precision[r]] ?? 'day');
  const quote = cache.text.get('quote', r);
  let words = quote || cache.text.get('summary', r);
  if (words.length > WORDS_CHARS) words = `${words.slice(0, WORDS_CHARS - 1)}…`;
  const said = `; said ${date}`;
  return words ? `${said}: ${quote ? `“${words}”` : words}` : said;
}

/** Longest quote or summary read out in a cell's name. */
const WORDS_CHARS = 160;

/** How the cell moved between the as-of and the compare date, in words. */
function compareText(
  model: Pick<MatrixModel, 'asOf' | 'compare'>,
  cell: MatrixCellModel,
  label: (stance: number, conditional: boolean) => string,
): string {
  let text = '';
  const other = isoDay(model.compare!);
  const then = cell.compare;
  if (model.compare! <= model.asOf) {
    if (cell.isNew) text += `, new since ${other}`;
    else if (then && cell.changed) {
      text += `, shifted from ${label(then.stance, then.conditional)} on ${other}`;
    } else if (then) text += `, unchanged since ${other}`;
  } else if (then) {
    if (cell.isNew || cell.changed) text += `, ${label(then.stance, then.conditional)} by ${other}`;
    else text += `, unchanged through ${other}`;
  }
  return text;
}

/**
 * One sentence summing the matrix up: `8 actors x 8 topics as of 2024-12-31; 3 shifts, 6 new
 * since 2024-11-30; 1 affiliation shift` (`by <date>` when the compare date is the later one).
 * Shifts and new positions count actor cells; summary rows are counted apart, since an actor's
 * shift often moves the summary too.
 */
export function matrixSummary(model: MatrixCounts): string {
  let text =
    `${plural(model.actorCount, 'actor')} x ${plural(model.topics.length, 'topic')} ` +
    `as of ${isoDay(model.asOf)}`;
  if (model.compare !== null) {
    const word = model.compare <= model.asOf ? 'since' : 'by';
    text +=
      `; ${plural(model.shiftCount, 'shift')}, ${model.newCount} new ` +
      `${word} ${isoDay(model.compare)}`;
    if (model.affiliationShiftCount > 0) {
      text += `; ${plural(model.affiliationShiftCount, 'affiliation shift')}`;
    }
  }
  return text;
}
