/**
 * Fixed values: a field that takes one value for every row instead of a column (actor
 * "Twitter users", date "2016", topic "atheism"), set in the preview's column selects.
 */
import type { NativeColumn } from '../../domain/types';
import type { ColumnMapping } from '../columns';
import { cleanText } from '../normalize';
import type { NativeValues, RowMapper, Rule } from './types';

/** The NativeValues key of each native column (one differs in spelling). */
const KEY: Record<NativeColumn, keyof NativeValues> = {
  id: 'id',
  date: 'date',
  actor: 'actor',
  affiliation: 'affiliation',
  topic: 'topic',
  stance: 'stance',
  conditions: 'conditions',
  quote: 'quote',
  summary: 'summary',
  target: 'target',
  source: 'source',
  url: 'url',
  reported_via: 'reportedVia',
  confidence: 'confidence',
};

/** The fixed values that are set (non-empty after cleaning), as [key, value] pairs. */
export function fixedEntries(rule: Pick<Rule, 'fixed'>): [keyof NativeValues, string][] {
  const out: [keyof NativeValues, string][] = [];
  for (const [column, value] of Object.entries(rule.fixed ?? {})) {
    const key = KEY[column as NativeColumn];
    const text = cleanText(value ?? '');
    if (key !== undefined && text !== '') out.push([key, text]);
  }
  return out;
}

/** The mapping with fixed fields counted as given (for the "required columns" check). */
export function withFixed(mapping: ColumnMapping, rule: Pick<Rule, 'fixed'>): Set<NativeColumn> {
  const given = new Set(Object.keys(mapping) as NativeColumn[]);
  for (const [column, value] of Object.entries(rule.fixed ?? {})) {
    if (cleanText(value ?? '') !== '') given.add(column as NativeColumn);
  }
  return given;
}

/**
 * A mapper that sets the fixed fields on every statement `inner` makes; `inner` itself when none
 * is set. `fixedValues(m, { fixed: { topic: 'atheism' } })(fields, 2)` -> `{ ..., topic: 'atheism' }`.
 */
export function fixedValues(inner: RowMapper, rule: Pick<Rule, 'fixed'>): RowMapper {
  const entries = fixedEntries(rule);
  if (entries.length === 0) return inner;
  const stanceFixed = entries.some(([key]) => key === 'stance');
  const set = (v: NativeValues) => {
    const out = v as unknown as Record<string, string>;
    for (const [key, value] of entries) out[key] = value;
    // A fixed stance is read as written, not through the empty column's reading.
    if (stanceFixed) delete v.parsedStance;
    if (v.why) for (const [key] of entries) delete (v.why as Record<string, string>)[key];
    return v;
  };
  return (fields, line, clean) => {
    const out = inner(fields, line, clean);
    return Array.isArray(out) ? out.map(set) : set(out);
  };
}

/** `topic: "atheism" for every row` for each fixed field, for the rule in words. */
export function fixedText(rule: Pick<Rule, 'fixed'>): string[] {
  return Object.entries(rule.fixed ?? {})
    .filter(([, v]) => cleanText(v ?? '') !== '')
    .map(([column, v]) => `${column}: "${cleanText(v ?? '')}" for every row`);
}
