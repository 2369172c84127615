/**
 * Split cells: a mapped field whose cells list several values (`ceasefire, peace-talks`) gives
 * one statement per value, each keeping the row's line number.
 */
import type { NativeColumn } from '../../domain/types';
import type { NativeValues, RowMapper, Rule } from './types';

/** The fields a cell may list several of, and the separators offered. */
export const SPLITTABLE: readonly NativeColumn[] = ['actor', 'affiliation', 'topic', 'target'];
export const SEPARATORS: readonly { value: string; label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '|', label: 'Bar (|)' },
];

type SplitKey = 'actor' | 'affiliation' | 'topic' | 'target';

/** The split fields the rule sets, with their separators. */
function splits(rule: Pick<Rule, 'split'>): [SplitKey, string][] {
  return Object.entries(rule.split ?? {}).filter(
    ([column, sep]) => SPLITTABLE.includes(column as NativeColumn) && !!sep,
  ) as [SplitKey, string][];
}

/**
 * One statement per value of each split field (every combination when several are split); a
 * file id gets the value appended so the statements stay apart.
 * `splitValues(m, { split: { topic: ',' } })` on a row with topic `a, b` -> two statements.
 */
export function splitValues(inner: RowMapper, rule: Pick<Rule, 'split'>): RowMapper {
  const fields = splits(rule);
  if (fields.length === 0) return inner;
  const spread = (v: NativeValues): NativeValues[] => {
    let out = [v];
    for (const [key, sep] of fields) {
      const next: NativeValues[] = [];
      for (const one of out) {
        const parts = (one[key] ?? '')
          .split(sep)
          .map((p) => p.trim())
          .filter(Boolean);
        if (parts.length <= 1) {
          next.push(parts.length === 1 ? { ...one, [key]: parts[0] } : one);
          continue;
        }
        for (const part of parts) {
          next.push({ ...one, [key]: part, id: one.id ? `${one.id}-${part}` : one.id });
        }
      }
      out = next;
    }
    return out;
  };
  return (cells, line, clean) => {
    const out = inner(cells, line, clean);
    return Array.isArray(out) ? out.flatMap(spread) : spread(out);
  };
}

/** `topic split on ","` for each split field, for the rule in words. */
export function splitText(rule: Pick<Rule, 'split'>): string[] {
  return splits(rule).map(
    ([column, sep]) => `${column} split on "${sep}", one statement per value`,
  );
}
