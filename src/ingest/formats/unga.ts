/** UN General Assembly votes in long form: one row per country and roll call. */
import type { StanceValue } from '../../domain/types';
import { headerKey } from '../columns';
import { cellReader, dateText, hasHeaders } from './common';
import type { Format, NativeValues } from './types';

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
