/** Phoenix event data (OEDA): 26 tab-separated columns, raw or with a header. */
import type { StanceValue } from '../../domain/types';
import { cameoTopic } from './cameo';
import { cellReader, fieldCountShare, hasHeaders, quadStance, thresholdStance } from './common';
import { rawStart, stanceRuleText } from './events';
import type { Format, NativeValues } from './types';

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
