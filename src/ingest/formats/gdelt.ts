/** GDELT 1.0 and 2.0 events, raw (tab-separated, no header) or with the codebook's header. */
import type { StanceValue } from '../../domain/types';
import { cameoLabel, cameoTopic } from './cameo';
import {
  cellReader,
  fieldCountShare,
  hasHeaders,
  hostOf,
  quadStance,
  thresholdStance,
} from './common';
import { quadWords, rawStart, stanceRuleText } from './events';
import type { Format, NativeValues } from './types';

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
