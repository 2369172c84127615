/**
 * Machine-coded event data in CAMEO: GDELT 1.0 and 2.0 events, Phoenix and ICEWS. Each event is
 * "actor 1 did CAMEO code to actor 2": actor 1 becomes the actor, actor 2 the target, the event
 * code (text, with its leading zeros) and its label the topic, and the stance comes from the
 * event's class or its score by the rule the user picks.
 */
import type { StanceValue } from '../../domain/types';
import { cameoLabel, cameoQuadClass, cameoTopic } from './cameo';
import {
  cellReader,
  fieldCountShare,
  hasHeaders,
  hostOf,
  quadStance,
  thresholdStance,
} from './common';
import type { Format, NativeValues, Rule, Sample } from './types';

const ACTOR_FIELDS = [
  'Code',
  'Name',
  'CountryCode',
  'KnownGroupCode',
  'EthnicCode',
  'Religion1Code',
  'Religion2Code',
  'Type1Code',
  'Type2Code',
  'Type3Code',
];
const EVENT_FIELDS = [
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
];

/** A geography block: GDELT 2.0 adds an ADM2 code after the ADM1 code. */
function geo(prefix: string, adm2: boolean): string[] {
  const fields = ['Type', 'FullName', 'CountryCode', 'ADM1Code'];
  if (adm2) fields.push('ADM2Code');
  fields.push('Lat', 'Long', 'FeatureID');
  return fields.map((f) => `${prefix}Geo_${f}`);
}

function gdeltColumns(version: 1 | 2): string[] {
  return [
    'GLOBALEVENTID',
    'SQLDATE',
    'MonthYear',
    'Year',
    'FractionDate',
    ...ACTOR_FIELDS.map((f) => `Actor1${f}`),
    ...ACTOR_FIELDS.map((f) => `Actor2${f}`),
    ...EVENT_FIELDS,
    ...geo('Actor1', version === 2),
    ...geo('Actor2', version === 2),
    ...geo('Action', version === 2),
    'DATEADDED',
    'SOURCEURL',
  ];
}

/** GDELT 1.0 event codebook: 58 columns (57 in files before April 2013, without SOURCEURL). */
export const GDELT1_COLUMNS: readonly string[] = gdeltColumns(1);
/** GDELT 2.0 event codebook: 61 columns. */
export const GDELT2_COLUMNS: readonly string[] = gdeltColumns(2);

/** The Phoenix event data codebook (OEDA): 26 tab-separated columns, no header. */
export const PHOENIX_COLUMNS: readonly string[] = [
  'EventID',
  'Date',
  'Year',
  'Month',
  'Day',
  'SourceActorFull',
  'SourceActorEntity',
  'SourceActorRole',
  'SourceActorAttribute',
  'TargetActorFull',
  'TargetActorEntity',
  'TargetActorRole',
  'TargetActorAttribute',
  'EventCode',
  'EventRootCode',
  'PentaClass',
  'GoldsteinScore',
  'Issues',
  'Lat',
  'Lon',
  'LocationName',
  'StateName',
  'CountryCode',
  'SentenceID',
  'URLs',
  'NewsSources',
];

/** ICEWS coded events (Dataverse), with a header row. */
export const ICEWS_COLUMNS: readonly string[] = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
];

/** A raw row starts with an id (numeric in GDELT, a hash in Phoenix) and a YYYYMMDD date. */
function rawStart(sample: Sample, numericId: boolean): boolean {
  const row = sample.rows[0]?.fields;
  if (row === undefined || !/^\d{8}$/.test(row[1] ?? '')) return false;
  return numericId ? /^\d+$/.test(row[0] ?? '') : /^\S+$/.test(row[0] ?? '');
}

/** A Map, not an object literal: a lookup by a cell's text never finds Object's members. */
const QUAD_CLASSES = new Map([
  ['0', 'neutral'],
  ['1', 'verbal cooperation'],
  ['2', 'material cooperation'],
  ['3', 'verbal conflict'],
  ['4', 'material conflict'],
]);

function quadWords(q: string): string {
  return QUAD_CLASSES.get(q) ?? `QuadClass ${q}`;
}

/** "QuadClass: 1 verbal cooperation -> support, ..." or the thresholds, in words. */
function stanceRuleText(rule: Rule, classWord: string, scoreWord: string, penta = false): string {
  if (rule.stanceRule === 'quadclass') {
    const zero = penta ? '0 neutral statement -> neutral, ' : '';
    return `stance from ${classWord}: ${zero}1 verbal cooperation -> support, 2 material cooperation -> strongly support, 3 verbal conflict -> oppose, 4 material conflict -> strongly oppose`;
  }
  return `stance from ${scoreWord}: >= ${rule.strong} strongly support, >= ${rule.weak} support, <= -${rule.strong} strongly oppose, <= -${rule.weak} oppose, else neutral`;
}

function gdelt(version: 1 | 2): Format {
  const columns = version === 1 ? GDELT1_COLUMNS : GDELT2_COLUMNS;
  const label = `GDELT ${version}.0 events`;
  return {
    id: version === 1 ? 'gdelt1' : 'gdelt2',
    label,
    controls: { scored: { quad: 'QuadClass', score: 'GoldsteinScale' } },
    columns,
    rawUnquoted: true,
    missing: [],
    fixedDateFormat: 'compact',
    detect(sample) {
      if (hasHeaders(sample, 'GLOBALEVENTID', 'SQLDATE', 'Actor1Name', 'EventCode')) {
        const v2 = hasHeaders(sample, 'ActionGeo_ADM2Code') || sample.first.length >= 61;
        return (version === 2) === v2
          ? { score: 0.95, header: true }
          : { score: 0.3, header: true };
      }
      if (!rawStart(sample, true)) return null;
      const share = version === 2 ? fieldCountShare(sample, 61) : fieldCountShare(sample, 57, 58);
      return share >= 0.8 ? { score: 0.95, header: false } : null;
    },
    defaults: () => ({ stanceRule: 'quadclass' }),
    describe(rule, ctx) {
      return [
        ctx.header ? 'header row' : `no header row (${columns.length} codebook columns)`,
        'actor <- Actor1Name (Actor1Code when empty)',
        'affiliation <- Actor1CountryCode',
        'target <- Actor2Name',
        'topic <- EventCode and its CAMEO label',
        stanceRuleText(rule, 'QuadClass', 'GoldsteinScale'),
        'date <- SQLDATE (YYYYMMDD)',
        'url <- SOURCEURL',
        "id <- 'gdelt-' + GLOBALEVENTID",
      ].join('; ');
    },
    mapper(ctx, rule) {
      const cell = cellReader(this.missing);
      const c = {
        id: ctx.col('GLOBALEVENTID'),
        date: ctx.col('SQLDATE'),
        a1code: ctx.col('Actor1Code'),
        a1name: ctx.col('Actor1Name'),
        a1country: ctx.col('Actor1CountryCode'),
        a2code: ctx.col('Actor2Code'),
        a2name: ctx.col('Actor2Name'),
        code: ctx.col('EventCode'),
        quad: ctx.col('QuadClass'),
        goldstein: ctx.col('GoldsteinScale'),
        mentions: ctx.col('NumMentions'),
        url: ctx.col('SOURCEURL'),
      };
      return (fields) => {
        const code = cell(fields, c.code);
        const quad = cell(fields, c.quad);
        const goldstein = cell(fields, c.goldstein);
        const url = cell(fields, c.url);
        const id = cell(fields, c.id);
        const why: NativeValues['why'] = {
          actor: 'Actor1Name and Actor1Code are both empty',
          topic: 'EventCode is empty',
          date: 'SQLDATE is empty',
        };
        let stance: StanceValue | null;
        if (rule.stanceRule === 'quadclass') {
          stance = quadStance(quad);
          if (stance === null) why.stance = `QuadClass "${quad}" is not 1, 2, 3 or 4`;
        } else {
          stance = thresholdStance(goldstein, rule.strong, rule.weak);
          if (stance === null) why.stance = `GoldsteinScale "${goldstein}" is not a number`;
        }
        const mentions = cell(fields, c.mentions);
        return {
          id: id ? `gdelt-${id}` : '',
          date: cell(fields, c.date),
          actor: cell(fields, c.a1name) || cell(fields, c.a1code),
          affiliation: cell(fields, c.a1country),
          target: cell(fields, c.a2name) || cell(fields, c.a2code),
          topic: code ? cameoTopic(code) : '',
          stance: quad,
          parsedStance: stance === null ? null : { stance, conditional: false },
          summary: [
            code && `CAMEO ${code}${cameoLabel(code) ? ` ${cameoLabel(code)}` : ''}`,
            quad && quadWords(quad),
            goldstein && `Goldstein ${goldstein}`,
            mentions && `${mentions} mentions`,
          ]
            .filter(Boolean)
            .join('; '),
          source: hostOf(url),
          url,
          why,
        };
      };
    },
  };
}

export const GDELT1: Format = gdelt(1);
export const GDELT2: Format = gdelt(2);

export const PHOENIX: Format = {
  id: 'phoenix',
  label: 'Phoenix events',
  controls: { scored: { quad: 'PentaClass', score: 'GoldsteinScore' } },
  columns: PHOENIX_COLUMNS,
  rawUnquoted: true,
  missing: [],
  fixedDateFormat: 'compact',
  detect(sample) {
    if (hasHeaders(sample, 'EventID', 'SourceActorFull', 'EventCode', 'PentaClass')) {
      return { score: 0.95, header: true };
    }
    if (!rawStart(sample, false)) return null;
    return fieldCountShare(sample, 26) >= 0.8 ? { score: 0.9, header: false } : null;
  },
  defaults: () => ({ stanceRule: 'quadclass' }),
  describe(rule, ctx) {
    return [
      ctx.header ? 'header row' : 'no header row (26 codebook columns)',
      'actor <- SourceActorFull',
      'affiliation <- SourceActorEntity',
      'target <- TargetActorFull',
      'topic <- EventCode and its CAMEO label',
      stanceRuleText(rule, 'PentaClass', 'GoldsteinScore', true),
      'date <- Date (YYYYMMDD)',
      'url <- first of URLs',
      'source <- NewsSources',
      "id <- 'phoenix-' + EventID",
    ].join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const c = {
      id: ctx.col('EventID'),
      date: ctx.col('Date'),
      actor: ctx.col('SourceActorFull'),
      entity: ctx.col('SourceActorEntity'),
      target: ctx.col('TargetActorFull'),
      code: ctx.col('EventCode'),
      penta: ctx.col('PentaClass'),
      goldstein: ctx.col('GoldsteinScore'),
      issues: ctx.col('Issues'),
      urls: ctx.col('URLs'),
      sources: ctx.col('NewsSources'),
    };
    return (fields) => {
      const code = cell(fields, c.code);
      const penta = cell(fields, c.penta);
      const goldstein = cell(fields, c.goldstein);
      const id = cell(fields, c.id);
      const why: NativeValues['why'] = {
        actor: 'SourceActorFull is empty',
        topic: 'EventCode is empty',
        date: 'Date is empty',
      };
      let stance: StanceValue | null;
      if (rule.stanceRule === 'quadclass') {
        stance = quadStance(penta, true);
        if (stance === null) why.stance = `PentaClass "${penta}" is not 0, 1, 2, 3 or 4`;
      } else {
        stance = thresholdStance(goldstein, rule.strong, rule.weak);
        if (stance === null) why.stance = `GoldsteinScore "${goldstein}" is not a number`;
      }
      const url =
        cell(fields, c.urls)
          .split(/[;,\s]+/)
          .find((u) => /^https?:\/\//i.test(u)) ?? '';
      return {
        id: id ? `phoenix-${id}` : '',
        date: cell(fields, c.date),
        actor: cell(fields, c.actor),
        affiliation: cell(fields, c.entity),
        target: cell(fields, c.target),
        topic: code ? cameoTopic(code) : '',
        stance: penta,
        parsedStance: stance === null ? null : { stance, conditional: false },
        summary: cell(fields, c.issues),
        source: cell(fields, c.sources),
        url,
        why,
      };
    };
  },
};

export const ICEWS: Format = {
  id: 'icews',
  label: 'ICEWS coded events',
  controls: { scored: { quad: 'CAMEO root (quad class)', score: 'Intensity' } },
  columns: ICEWS_COLUMNS,
  missing: ['NA', 'N/A'],
  detect(sample) {
    return hasHeaders(sample, 'Event ID', 'Event Date', 'Source Name', 'CAMEO Code', 'Intensity')
      ? { score: 0.95, header: true }
      : null;
  },
  dateColumn: (ctx) => ctx.col('Event Date'),
  defaults: () => ({ stanceRule: 'goldstein', strong: 5, weak: 1 }),
  describe(rule) {
    return [
      'actor <- Source Name',
      'affiliation <- Source Country',
      'target <- Target Name',
      'topic <- CAMEO Code (kept as text) and its label',
      rule.stanceRule === 'quadclass'
        ? 'stance from the CAMEO root: 01-05 support, 06-08 strongly support, 09-13 oppose, 14-20 strongly oppose'
        : stanceRuleText(rule, 'Intensity', 'Intensity'),
      'date <- Event Date',
      'summary <- Event Text',
      'source <- Publisher',
      "id <- 'icews-' + Event ID",
      'NA is missing',
    ].join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const c = {
      id: ctx.col('Event ID'),
      date: ctx.col('Event Date'),
      actor: ctx.col('Source Name'),
      country: ctx.col('Source Country'),
      text: ctx.col('Event Text'),
      code: ctx.col('CAMEO Code'),
      intensity: ctx.col('Intensity'),
      target: ctx.col('Target Name'),
      publisher: ctx.col('Publisher'),
    };
    return (fields) => {
      const code = cell(fields, c.code);
      const intensity = cell(fields, c.intensity);
      const id = cell(fields, c.id);
      const why: NativeValues['why'] = {
        actor: 'Source Name is empty',
        topic: 'CAMEO Code is empty',
        date: 'Event Date is empty',
      };
      let stance: StanceValue | null;
      if (rule.stanceRule === 'quadclass') {
        stance = quadStance(String(cameoQuadClass(code)));
        if (stance === null) why.stance = `CAMEO Code "${code}" has no CAMEO root`;
      } else {
        stance = thresholdStance(intensity, rule.strong, rule.weak);
        if (stance === null) why.stance = `Intensity "${intensity}" is not a number`;
      }
      return {
        id: id ? `icews-${id}` : '',
        date: cell(fields, c.date),
        actor: cell(fields, c.actor),
        affiliation: cell(fields, c.country),
        target: cell(fields, c.target),
        topic: code ? cameoTopic(code) : '',
        stance: intensity,
        parsedStance: stance === null ? null : { stance, conditional: false },
        summary: cell(fields, c.text),
        source: cell(fields, c.publisher),
        why,
      };
    };
  },
};
