/**
 * A wide table with one column per topic (a peace-agreement table with 0-3 provision columns),
 * melted into one statement per cell.
 */
import type { NativeColumn, StanceValue } from '../../domain/types';
import { guessMapping, headerKey, type ColumnMapping } from '../columns';
import { parseStance } from '../normalize';
import { nativeValues } from '../validate';
import { cellReader, dateText, mappingText } from './common';
import type { Format, NativeValues } from './types';

/** Extra header names of wide tables (PA-X: `Agt` is the agreement, `Dat` its date). */
const WIDE_ALIASES: Partial<Record<NativeColumn, string[]>> = {
  date: ['dat', 'date', 'signed', 'signeddate', 'year'],
  actor: ['agt', 'agreement', 'agreementname', 'name', 'parties', 'party'],
  affiliation: ['con', 'country', 'countries'],
};

/**
 * The native mapping of a wide table's fixed columns (topic and stance come from the melted
 * columns): the usual names and aliases, plus PA-X's `Agt` and `Dat`.
 * `guessWideMapping(['AgtId', 'Agt', 'Dat', 'Con', 'GeWom'])` -> `{ affiliation: 3, date: 2, actor: 1, id: 0 }`.
 */
export function guessWideMapping(headers: readonly string[]): ColumnMapping {
  const mapping = guessMapping(headers);
  delete mapping.topic;
  delete mapping.stance;
  const keys = headers.map(headerKey);
  for (const [column, names] of Object.entries(WIDE_ALIASES) as [NativeColumn, string[]][]) {
    if (mapping[column] !== undefined) continue;
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0 && !Object.values(mapping).includes(i)) mapping[column] = i;
  }
  if (mapping.id === undefined) {
    const i = keys.findIndex((k) => k.endsWith('id'));
    if (i >= 0 && !Object.values(mapping).includes(i)) mapping.id = i;
  }
  return mapping;
}

const STRENGTH = new Map<string, StanceValue | 'none'>([
  ['0', 'none'],
  ['no', 'none'],
  ['false', 'none'],
  ['1', 1],
  ['yes', 1],
  ['true', 1],
  ['x', 1],
  ['2', 2],
  ['3', 2],
]);

/** A cell's value means nothing or a stance on the wide table's 0-3 (or yes/no) scale. */
export function strengthOf(value: string): StanceValue | 'none' | null {
  return STRENGTH.get(value.toLowerCase()) ?? null;
}

/**
 * Columns of a wide table that look like topics: not mapped to a native column, and every
 * sample value in them is on the 0-3 or yes/no scale (or empty).
 * `topicCandidates(['Agt', 'Dat', 'GeWom', 'Pol'], [['A', '2015', '0', '3']], { actor: 0, date: 1 })` -> [2, 3].
 */
export function topicCandidates(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  fits: (value: string) => boolean = (v) => strengthOf(v) !== null,
): number[] {
  const mapped = new Set(Object.values(mapping));
  const out: number[] = [];
  headers.forEach((_, i) => {
    if (mapped.has(i)) return;
    let values = 0;
    for (const row of rows) {
      const v = (row[i] ?? '').trim();
      if (v === '' || v === 'NA') continue;
      if (!fits(v)) return;
      values++;
    }
    if (values > 0) out.push(i);
  });
  return out;
}

export const WIDE: Format = {
  id: 'wide',
  label: 'Wide table (one column per topic)',
  missing: ['NA', 'N/A', '.', '-'],
  required: ['date', 'actor'],
  controls: { mapping: true, melt: 'topic' },
  meltCandidates: (ctx, rows) => topicCandidates(ctx.headers, rows, ctx.mapping),
  guessMapping: guessWideMapping,
  detect(sample) {
    const native = guessMapping(sample.first);
    if (native.topic !== undefined && native.stance !== undefined) return null;
    const mapping = guessWideMapping(sample.first);
    const rows = sample.rows.slice(1).map((r) => r.fields);
    const topics = topicCandidates(sample.first, rows, mapping);
    if (topics.length < 2) return null;
    return {
      score: mapping.date !== undefined && mapping.actor !== undefined ? 0.6 : 0.3,
      header: true,
    };
  },
  dateColumn: (ctx) => ctx.mapping.date ?? -1,
  defaults(ctx, rows) {
    return { topicColumns: topicCandidates(ctx.headers, rows, ctx.mapping), cellScale: 'strength' };
  },
  describe(rule, ctx) {
    const topics = rule.topicColumns.map((i) => ctx.headers[i] ?? `column ${i + 1}`);
    const scale =
      rule.cellScale === 'strength'
        ? '0, no or empty -> no statement, 1 or yes -> support, 2-3 -> strongly support'
        : 'cells are stances (-2..2 or labels); empty -> no statement';
    return [
      `topics <- columns ${topics.join(', ') || '(none chosen)'}, one statement per cell`,
      `cell values: ${scale}`,
      mappingText(ctx, ['topic', 'stance']),
      dateText(rule),
    ].join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const topics = rule.topicColumns.map((i) => ({ i, name: ctx.headers[i] || `column ${i + 1}` }));
    const mapping = ctx.mapping;
    return (fields) => {
      const base = nativeValues(fields, mapping);
      for (const key of ['date', 'actor'] as const) if (base[key] === 'NA') base[key] = '';
      const out: NativeValues[] = [];
      for (const { i, name } of topics) {
        const value = cell(fields, i);
        if (value === '') continue;
        const stance =
          rule.cellScale === 'strength' ? strengthOf(value) : (parseStance(value) ?? null);
        if (stance === 'none') continue;
        const parsed =
          stance === null
            ? null
            : typeof stance === 'number'
              ? { stance, conditional: false }
              : stance;
        out.push({
          ...base,
          id: base.id ? `${base.id}-${name}` : '',
          topic: name,
          stance: value,
          parsedStance: parsed,
          part: name,
          why: {
            ...base.why,
            stance: `value "${value}" is not on the ${rule.cellScale === 'strength' ? '0-3 or yes/no' : 'stance'} scale`,
          },
        });
      }
      if (out.length === 0) {
        out.push({ ...base, reject: { column: 'topic', message: 'no value in any topic column' } });
      }
      return out;
    };
  },
};
