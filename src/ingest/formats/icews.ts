/** ICEWS coded events (Dataverse), with a header row. */
import type { StanceValue } from '../../domain/types';
import { cameoQuadClass, cameoTopic } from './cameo';
import { cellReader, hasHeaders, quadStance, thresholdStance } from './common';
import { stanceRuleText } from './events';
import type { Format, NativeValues } from './types';

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
