/**
 * Table-shaped sources: the native CSV, the TimelineJS sheet template, UN General Assembly votes
 * in long form (one row per country and roll call), and a wide table with one column per topic
 * (a peace-agreement table with 0-3 provision columns) melted into one statement per cell.
 */
import { dayNumber, daysInMonth } from '../../domain/dates';
import type { NativeColumn, StanceValue } from '../../domain/types';
import { stanceLabel } from '../../domain/stance';
import { guessMapping, headerKey, type ColumnMapping } from '../columns';
import { parseStance } from '../normalize';
import { htmlToText } from '../html';
import { nativeValues } from '../validate';
import { cellReader, hasHeaders } from './common';
import { dateFormatLabel } from './dates';
import type { Format, FormatContext, NativeValues, Rule } from './types';

/** `date <- Date, actor <- Speaker`: a mapping in words. */
export function mappingText(ctx: FormatContext, skip: readonly NativeColumn[] = []): string {
  return Object.entries(ctx.mapping)
    .filter(([col, i]) => i !== undefined && i >= 0 && !skip.includes(col as NativeColumn))
    .map(([col, i]) => `${col} <- ${ctx.headers[i as number] || `column ${(i as number) + 1}`}`)
    .join(', ');
}

export function dateText(rule: Rule): string {
  return rule.dateFormat === null
    ? 'dates: day/month order not chosen'
    : `dates as ${dateFormatLabel(rule.dateFormat)}`;
}

/** The columns of the TimelineJS Google Sheet template. */
export const TIMELINEJS_COLUMNS: readonly string[] = [
  'Year',
  'Month',
  'Day',
  'Time',
  'End Year',
  'End Month',
  'End Day',
  'End Time',
  'Display Date',
  'Headline',
  'Text',
  'Media',
  'Media Credit',
  'Media Caption',
  'Media Thumbnail',
  'Type',
  'Group',
  'Background',
];

/**
 * TimelineJS text is HTML; the app shows text only, so tags go and entities are read.
 * `plainText('<p>Talks <b>resume</b> &amp; continue</p>')` -> 'Talks resume & continue'.
 */
export function plainText(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ');
}

export const TIMELINEJS: Format = {
  id: 'timelinejs',
  label: 'TimelineJS sheet',
  controls: { sheetDefaults: true },
  columns: TIMELINEJS_COLUMNS,
  missing: [],
  detect(sample) {
    return hasHeaders(sample, 'Year', 'Month', 'Day', 'Headline', 'Text')
      ? { score: 0.95, header: true }
      : null;
  },
  defaults(ctx, rows) {
    const group = ctx.col('Group');
    const grouped = group >= 0 && rows.some((r) => (r[group] ?? '').trim() !== '');
    return { actorFrom: grouped ? 'group' : 'headline', topic: 'timeline', stance: 0 };
  },
  describe(rule) {
    return [
      'date <- Year, Month, Day (precision from the parts given)',
      `actor <- ${rule.actorFrom === 'group' ? 'Group' : 'Headline'}`,
      `topic: "${rule.topic}" for every row`,
      `stance: ${stanceLabel(rule.stance)} for every row`,
      'summary <- Headline and Text (as plain text)',
      'url <- Media',
      'source <- Media Credit',
      'title and era slides are not statements',
    ].join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const c = {
      year: ctx.col('Year'),
      month: ctx.col('Month'),
      day: ctx.col('Day'),
      headline: ctx.col('Headline'),
      text: ctx.col('Text'),
      media: ctx.col('Media'),
      credit: ctx.col('Media Credit'),
      type: ctx.col('Type'),
      group: ctx.col('Group'),
    };
    const topic = rule.topic.trim();
    const stance = { stance: rule.stance, conditional: false };
    return (fields) => {
      const type = cell(fields, c.type).toLowerCase();
      const headline = plainText(cell(fields, c.headline));
      const media = cell(fields, c.media);
      const values: NativeValues = {
        date: '',
        actor: rule.actorFrom === 'group' ? cell(fields, c.group) : headline,
        topic,
        stance: String(rule.stance),
        parsedStance: stance,
        summary: [headline, plainText(cell(fields, c.text))].filter(Boolean).join(' — '),
        url: /^https?:\/\//i.test(media) ? media : '',
        source: cell(fields, c.credit),
        why: {
          actor: rule.actorFrom === 'group' ? 'Group is empty' : 'Headline is empty',
          topic: 'the rule gives no topic',
          date: 'Year is empty: the slide is undated',
        },
      };
      if (type === 'title' || type === 'era') {
        values.reject = { column: 'Type', message: `a ${type} slide is not a statement` };
        return values;
      }
      const [y, m, d] = [cell(fields, c.year), cell(fields, c.month), cell(fields, c.day)];
      if (y === '') return values;
      values.date = [y, m, d].filter(Boolean).join('-');
      values.parsedDate = dateFromParts(y, m, d);
      if (values.parsedDate === null)
        values.why!.date = `Year/Month/Day "${values.date}" is not a real day`;
      return values;
    };
  },
};

/**
 * A date from separate Year, Month and Day cells, with the precision of the parts given.
 * `dateFromParts('2024', '12', '')` -> `{ day: 20058, precision: 'month' }`;
 * `dateFromParts('2024', '2', '30')` -> null.
 */
export function dateFromParts(
  y: string,
  m: string,
  d: string,
): { day: number; precision: 'day' | 'month' | 'year' } | null {
  if (
    !/^\d{1,4}$/.test(y) ||
    (m !== '' && !/^\d{1,2}$/.test(m)) ||
    (d !== '' && !/^\d{1,2}$/.test(d))
  ) {
    return null;
  }
  const year = Number(y);
  if (year < 1) return null;
  if (m === '') return d === '' ? { day: dayNumber(year, 1, 1), precision: 'year' } : null;
  const month = Number(m);
  if (month < 1 || month > 12) return null;
  if (d === '') return { day: dayNumber(year, month, 1), precision: 'month' };
  const day = Number(d);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { day: dayNumber(year, month, day), precision: 'day' };
}

/**
 * A UN vote -> stance: yes -> support, no -> oppose, abstain -> conditional; Voeten's codes
 * 1 / 3 / 2 the same. Absent (8) and non-member (9) are not stances: null with the reason.
 * `voteStance('Abstain')` -> `{ stance: 1, conditional: true }`; `voteStance('8')` -> 'absent'.
 */
export function voteStance(vote: string): { stance: StanceValue; conditional: boolean } | string {
  switch (vote.toLowerCase()) {
    case 'yes':
    case 'y':
    case '1':
      return { stance: 1, conditional: false };
    case 'no':
    case 'n':
    case '3':
      return { stance: -1, conditional: false };
    case 'abstain':
    case 'abstention':
    case 'a':
    case '2':
      return { stance: 1, conditional: true };
    case '8':
    case 'absent':
    case 'non-voting':
    case 'not voting':
      return 'absent';
    case '9':
      return 'not a member';
    default:
      return 'not yes, no or abstain';
  }
}

export const UNGA: Format = {
  id: 'unga',
  label: 'UN General Assembly votes (long form)',
  columns: [
    'rcid',
    'country',
    'country_code',
    'vote',
    'session',
    'date',
    'unres',
    'short',
    'descr',
  ],
  missing: ['NA', 'N/A'],
  detect(sample) {
    const country = ['country', 'countryname', 'member', 'country_code', 'ccode'].some((k) =>
      sample.keys.has(headerKey(k)),
    );
    return hasHeaders(sample, 'rcid', 'vote') && country ? { score: 0.95, header: true } : null;
  },
  dateColumn: (ctx) => ctx.col('date', 'year'),
  describe(rule) {
    return [
      'actor <- country (Countryname when given)',
      'topic <- unres (the resolution; the roll call id when empty)',
      'stance from vote: yes -> support, no -> oppose, abstain -> conditional; absent and non-members are not stances',
      `date <- date; ${dateText(rule)}`,
      'summary <- short (descr when empty)',
      "id <- 'unga-' + rcid + country",
    ].join('; ');
  },
  mapper(ctx) {
    const cell = cellReader(this.missing);
    const c = {
      rcid: ctx.col('rcid'),
      actor: ctx.col('countryname', 'country', 'member'),
      code: ctx.col('country_code', 'ccode', 'country'),
      vote: ctx.col('vote'),
      date: ctx.col('date', 'year'),
      unres: ctx.col('unres'),
      short: ctx.col('short'),
      descr: ctx.col('descr'),
    };
    return (fields) => {
      const rcid = cell(fields, c.rcid);
      const actor = cell(fields, c.actor);
      const vote = cell(fields, c.vote);
      const stance = voteStance(vote);
      const values: NativeValues = {
        id: rcid ? `unga-${rcid}-${cell(fields, c.code) || actor}` : '',
        date: cell(fields, c.date),
        actor,
        affiliation: actor,
        topic: cell(fields, c.unres) || (rcid ? `roll call ${rcid}` : ''),
        stance: vote,
        parsedStance: typeof stance === 'string' ? null : stance,
        conditions: typeof stance !== 'string' && stance.conditional ? 'abstained' : '',
        summary: cell(fields, c.short) || cell(fields, c.descr),
        source: 'UN General Assembly',
        why: {
          actor: 'country is empty',
          topic: 'unres and rcid are empty',
          date: 'date is empty',
        },
      };
      if (typeof stance === 'string') {
        values.why!.stance = vote === '' ? 'vote is empty' : `vote "${vote}" is ${stance}`;
      }
      return values;
    };
  },
};

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
