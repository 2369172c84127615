/**
 * A wide table with one column per actor (UN Security Council vetoes by China, France, Russia,
 * ...; parties' poll shares): one statement per cell, the topic from another column or fixed,
 * and a cell read as a flag, a stance, or a number binned by thresholds.
 */
import { stanceLabel } from '../../domain/stance';
import type { StanceValue } from '../../domain/types';
import { guessMapping, headerKey, type ColumnMapping } from '../columns';
import { parseStance } from '../normalize';
import { nativeValues } from '../validate';
import { cellReader, dateText, mappingText } from './common';
import { fixedText, fixedValues } from './fixed';
import { binStance, numberOf, numericScale } from './stance-values';
import { guessWideMapping, strengthOf, topicCandidates } from './wide';
import type { Format, NativeValues, Rule } from './types';

/** Country names and codes a column per actor is often headed with. */
const COUNTRIES = new Set([
  'china',
  'france',
  'russia',
  'ussr',
  'usa',
  'us',
  'uk',
  'unitedstates',
  'unitedkingdom',
  'germany',
  'india',
  'japan',
  'brazil',
  'italy',
  'spain',
  'poland',
  'ukraine',
  'turkey',
  'iran',
  'israel',
  'canada',
  'mexico',
  'chn',
  'fra',
  'rus',
  'gbr',
  'deu',
  'ind',
  'jpn',
  'ukr',
]);

/** A cell this table reads: a flag or strength (0-3, yes/no, x), or a number. */
function fits(value: string): boolean {
  return strengthOf(value) !== null || !Number.isNaN(numberOf(value));
}

/** The fixed columns: as for topic tables, but the topic is a column and the actors are not. */
function guessActorsMapping(headers: readonly string[]): ColumnMapping {
  const mapping = guessWideMapping(headers);
  delete mapping.actor;
  const topic = guessMapping(headers).topic;
  if (topic !== undefined) mapping.topic = topic;
  return mapping;
}

function cellText(rule: Rule): string {
  switch (rule.cellScale) {
    case 'flag':
      return `1, yes or x -> ${stanceLabel(rule.flagStance)}; 0, no or empty -> no statement`;
    case 'binned': {
      const [a, b, c, d] = rule.stanceCuts;
      return `numbers binned: < ${a} strongly oppose, < ${b} oppose, < ${c} neutral, < ${d} support, else strongly support`;
    }
    case 'stance':
      return 'cells are stances (-2..2 or labels); empty -> no statement';
    default:
      return '0, no or empty -> no statement, 1 or yes -> support, 2-3 -> strongly support';
  }
}

/** A cell's stance by the rule; 'none' for no statement, null for a value off the scale. */
function cellStance(value: string, rule: Rule): StanceValue | 'none' | null {
  switch (rule.cellScale) {
    case 'flag': {
      const s = strengthOf(value);
      return s === null ? null : s === 'none' ? 'none' : rule.flagStance;
    }
    case 'binned': {
      const n = numberOf(value);
      return Number.isNaN(n) || rule.stanceCuts.length !== 4 ? null : binStance(n, rule.stanceCuts);
    }
    case 'stance':
      return parseStance(value)?.stance ?? null;
    default:
      return strengthOf(value);
  }
}

export const WIDE_ACTORS: Format = {
  id: 'wide-actors',
  label: 'Wide table (one column per actor)',
  missing: ['NA', 'N/A', '.', '-'],
  required: ['date', 'topic'],
  controls: { mapping: true, melt: 'actor', fixed: true },
  guessMapping: guessActorsMapping,
  meltCandidates: (ctx, rows) => topicCandidates(ctx.headers, rows, ctx.mapping, fits),
  detect(sample) {
    const mapping = guessActorsMapping(sample.first);
    const rows = sample.rows.slice(1).map((r) => r.fields);
    const columns = topicCandidates(sample.first, rows, mapping, fits);
    const countries = columns.filter((i) => COUNTRIES.has(headerKey(sample.first[i] ?? '')));
    if (columns.length < 2) return null;
    // Columns headed with countries are actors; otherwise the user says so.
    return { score: countries.length >= 2 ? 0.65 : 0.05, header: true };
  },
  dateColumn: (ctx) => ctx.mapping.date ?? -1,
  defaults(ctx, rows) {
    const columns = topicCandidates(ctx.headers, rows, ctx.mapping, fits);
    const missing = new Set(this.missing);
    const values = columns.flatMap((i) =>
      rows.map((r) => (r[i] ?? '').trim()).map((v) => (missing.has(v) ? '' : v)),
    );
    const flags = values.every((v) => v === '' || strengthOf(v) !== null);
    const scale = numericScale(values.filter((v) => strengthOf(v) === null));
    return {
      topicColumns: columns,
      cellScale: flags ? 'flag' : scale ? 'binned' : 'stance',
      flagStance: 1,
      stanceCuts: scale?.cuts ?? [],
    };
  },
  describe(rule, ctx) {
    const actors = rule.topicColumns.map((i) => ctx.headers[i] ?? `column ${i + 1}`);
    return [
      `actors <- columns ${actors.join(', ') || '(none chosen)'}, one statement per cell`,
      `cell values: ${cellText(rule)}`,
      mappingText(ctx, ['actor', 'stance']),
      ...fixedText(rule),
      dateText(rule),
    ]
      .filter(Boolean)
      .join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const actors = rule.topicColumns.map((i) => ({ i, name: ctx.headers[i] || `column ${i + 1}` }));
    const mapping = ctx.mapping;
    return fixedValues((fields) => {
      const base = nativeValues(fields, mapping);
      const out: NativeValues[] = [];
      for (const { i, name } of actors) {
        const value = cell(fields, i);
        if (value === '') continue;
        const stance = cellStance(value, rule);
        if (stance === 'none') continue;
        out.push({
          ...base,
          id: base.id ? `${base.id}-${name}` : '',
          actor: name,
          stance: value,
          parsedStance: stance === null ? null : { stance, conditional: false },
          part: name,
          why: {
            ...base.why,
            actor: undefined,
            stance: `value "${value}" does not fit the cell values`,
          },
        });
      }
      if (out.length === 0) {
        out.push({ ...base, reject: { column: 'actor', message: 'no value in any actor column' } });
      }
      return out;
    }, rule);
  },
};
