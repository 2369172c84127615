/**
 * The native statements CSV (and any table the column mapping can make statements of): columns
 * mapped by name or by content, the stance column read through the `Stance values` table or
 * numeric thresholds, and no stance at all making uncoded statements.
 */
import { unguardCell } from '../../domain/formula-guard';
import { NATIVE_COLUMNS } from '../../domain/types';
import { guessMapping, missingRequired } from '../columns';
import { nativeValues } from '../validate';
import { guessByContent } from './content';
import { numericScale, proposeTable, stanceReader, STANCE_CODES } from './stance-values';
import { dateText, isMissingMarker, mappingText } from './common';
import type { Format, FormatContext, RowMapper, Rule } from './types';
import { cleanText } from '../normalize';
import { fixedText, fixedValues } from './fixed';
import { splitText, splitValues } from './split';

/** The stance column's values in the sample, cleaned, missing markers as ''. */
export function stanceColumnValues(
  index: number | undefined,
  rows: readonly (readonly string[])[],
): string[] {
  if (index === undefined) return [];
  return rows.map((r) => {
    const v = cleanText(r[index] ?? '');
    return isMissingMarker(v) ? '' : v;
  });
}

/** The stance part of the rule in words: `stance <- Position (opposes -> oppose, ...)`. */
function stanceText(rule: Rule, stanceHeader: string | undefined): string {
  if (stanceHeader === undefined) return 'no stance column: every row is uncoded';
  if (rule.stanceCuts.length === 4) {
    const [a, b, c, d] = rule.stanceCuts;
    return `stance binned: < ${a} strongly oppose, < ${b} oppose, < ${c} neutral, < ${d} support, else strongly support; empty -> uncoded`;
  }
  const entries = Object.entries(rule.stanceValues);
  if (entries.length === 0) return 'empty stance -> uncoded';
  const label = new Map(STANCE_CODES.map((s) => [s.code, s.label]));
  return `stance values: ${entries.map(([v, code]) => `"${v}" -> ${label.get(code)}`).join(', ')}; empty -> uncoded`;
}

export const NATIVE: Format = {
  id: 'native',
  label: 'Statements CSV (native columns)',
  missing: [],
  required: ['date', 'actor', 'topic'],
  controls: { mapping: true, stanceValues: true, fixed: true },
  guessMapping: (headers, rows) => guessByContent(headers, rows ?? [], guessMapping(headers)),
  detect(sample) {
    const complete = missingRequired(guessMapping(sample.first)).length === 0;
    return { score: complete ? 0.9 : 0.1, header: true };
  },
  dateColumn: (ctx) => ctx.mapping.date ?? -1,
  defaults(ctx, rows) {
    const values = stanceColumnValues(ctx.mapping.stance, rows);
    const scale = numericScale(values);
    if (scale) return { stanceValues: {}, stanceCuts: scale.cuts };
    return { stanceValues: proposeTable(values), stanceCuts: [] };
  },
  describe(rule, ctx) {
    const s = ctx.mapping.stance;
    const header = s === undefined ? undefined : ctx.headers[s] || `column ${s + 1}`;
    const fixed = fixedText(rule);
    const stance = rule.fixed.stance ? [] : [stanceText(rule, header)];
    return [mappingText(ctx), ...fixed, ...splitText(rule), ...stance, dateText(rule)]
      .filter(Boolean)
      .join('; ');
  },
  mapper(ctx, rule) {
    return splitValues(fixedValues(columnMapper(ctx, rule), rule), rule);
  },
};

/** A cell that may carry the export's formula guard (checked before the row is copied). */
const guarded = (cell: string) => cell.charCodeAt(0) === 39;

/** Cells by the column mapping; the stance through the table or thresholds when the rule has them. */
function columnMapper(ctx: FormatContext, rule: Rule): RowMapper {
  const mapping = ctx.mapping;
  // The app's own export (its exact header): take off the formula guard it added.
  const ours = ctx.header && ctx.headers.join(',') === NATIVE_COLUMNS.join(',');
  const cells = ours
    ? (fields: readonly string[]) => (fields.some(guarded) ? fields.map(unguardCell) : fields)
    : (fields: readonly string[]) => fields;
  // Only a file that needs the table or thresholds pays for them: a native file's stances
  // are read by buildRecord's own fast path.
  const mapped = Object.keys(rule.stanceValues).length > 0 || rule.stanceCuts.length === 4;
  if (!mapped) return (fields, _line, clean) => nativeValues(cells(fields), mapping, clean);
  const read = stanceReader(rule.stanceValues, rule.stanceCuts);
  return (fields, _line, clean) => {
    const values = nativeValues(cells(fields), mapping, clean);
    values.parsedStance = read(values.stance);
    return values;
  };
}
