/**
 * ACLED (Armed Conflict Location & Event Data) exports: the 31-column layout (`event_id_cnty,
 * event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, ...,
 * notes, fatalities, tags, timestamp`) and older ones (upper-case names, `ally_actor_1`, no
 * `disorder_type`): columns are found by name, so any of them reads.
 */
import { dayNumber, dayToDate } from '../../domain/dates';
import type { StanceValue } from '../../domain/types';
import { stanceLabel } from '../../domain/stance';
import { readDate } from '../validate';
import { cellReader, hasHeaders } from './common';
import type { Format, Rule } from './types';

/** The current ACLED export layout, 31 columns. */
export const ACLED_COLUMNS: readonly string[] = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
];

/**
 * The built-in stance of an event type, by its words, so older names (`Riots/Protests`,
 * `Remote violence`, `Battle-No change of territory`) read too: violence and battles strongly
 * oppose, riots and protests oppose, anything else (strategic developments) is neutral.
 * `defaultEventStance('Explosions/Remote violence')` -> -2; `defaultEventStance('Protests')` -> -1.
 */
export function defaultEventStance(eventType: string): StanceValue {
  const t = eventType.toLowerCase();
  if (/battle|violence|explosion|remote/.test(t)) return -2;
  if (/riot|protest/.test(t)) return -1;
  return 0;
}

/** The first day of the day's month: `monthStart(dayNumber(2025, 5, 16))` -> 1 May 2025. */
function monthStart(day: number): number {
  const d = dayToDate(day);
  return dayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Own keys only: an event type `constructor` or `toString` must not find Object's. */
function eventStance(rule: Rule, eventType: string): StanceValue {
  const set = rule.eventStance;
  return Object.hasOwn(set, eventType) ? set[eventType] : defaultEventStance(eventType);
}

export const ACLED: Format = {
  id: 'acled',
  label: 'ACLED events',
  controls: { eventTypes: true },
  columns: ACLED_COLUMNS,
  missing: [],
  detect(sample) {
    return hasHeaders(sample, 'event_date', 'event_type', 'actor1') &&
      (hasHeaders(sample, 'event_id_cnty') || hasHeaders(sample, 'data_id'))
      ? { score: 0.95, header: true }
      : null;
  },
  dateColumn: (ctx) => ctx.col('event_date'),
  defaults(ctx, rows) {
    const i = ctx.col('event_type');
    // No prototype: an event type `__proto__` or `constructor` is a key like any other.
    const stances = Object.create(null) as Record<string, StanceValue>;
    for (const row of rows) {
      const type = (row[i] ?? '').trim();
      if (type !== '' && !Object.hasOwn(stances, type)) stances[type] = defaultEventStance(type);
    }
    return { eventStance: stances };
  },
  describe(rule) {
    const types = Object.keys(rule.eventStance);
    const table = types.length
      ? types.map((t) => `${t} -> ${stanceLabel(eventStance(rule, t))}`).join(', ')
      : 'battles and violence -> strongly oppose, riots and protests -> oppose, others -> neutral';
    return [
      'actor <- actor1',
      'affiliation <- country (where it happened)',
      'target <- actor2',
      'topic <- sub_event_type (event_type when empty)',
      `stance from event_type: ${table}`,
      'date <- event_date (time_precision 3 -> month)',
      'summary <- notes',
      'source <- source',
      "id <- 'acled-' + event_id_cnty",
    ].join('; ');
  },
  mapper(ctx, rule) {
    const cell = cellReader(this.missing);
    const c = {
      id: ctx.col('event_id_cnty'),
      date: ctx.col('event_date'),
      precision: ctx.col('time_precision'),
      type: ctx.col('event_type'),
      sub: ctx.col('sub_event_type'),
      actor: ctx.col('actor1'),
      target: ctx.col('actor2'),
      country: ctx.col('country'),
      notes: ctx.col('notes'),
      source: ctx.col('source'),
    };
    return (fields) => {
      const type = cell(fields, c.type);
      const id = cell(fields, c.id);
      const date = cell(fields, c.date);
      // Within the month: the day ACLED gives is a stand-in, so the month is what is known.
      let parsedDate;
      if (cell(fields, c.precision) === '3' && date !== '') {
        const read = readDate(date, rule.dateFormat);
        if (read) parsedDate = { day: monthStart(read.day), precision: 'month' as const };
      }
      return {
        id: id ? `acled-${id}` : '',
        date,
        parsedDate,
        actor: cell(fields, c.actor),
        affiliation: cell(fields, c.country),
        target: cell(fields, c.target),
        topic: cell(fields, c.sub) || type,
        stance: type,
        parsedStance: type === '' ? null : { stance: eventStance(rule, type), conditional: false },
        summary: cell(fields, c.notes),
        source: cell(fields, c.source),
        why: {
          actor: 'actor1 is empty',
          topic: 'sub_event_type and event_type are empty',
          stance: 'event_type is empty',
          date: 'event_date is empty',
        },
      };
    };
  },
};
