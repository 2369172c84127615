/** The TimelineJS Google Sheet template: Year, Month and Day cells, a headline and HTML text. */
import { dayNumber, daysInMonth } from '../../domain/dates';
import { stanceLabel } from '../../domain/stance';
import { htmlToText } from '../html';
import { cellReader, hasHeaders } from './common';
import type { Format, NativeValues } from './types';

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
