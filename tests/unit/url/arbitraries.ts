import fc from 'fast-check';
import { dayNumber } from '../../../src/domain/dates';
import { MAX_SHIFT_SIZE, SHIFT_DIRECTIONS } from '../../../src/query/shifts';
import type { StanceFilter } from '../../../src/query/types';
import {
  AGREEMENT_MIN_SHARED_MAX,
  AGREEMENT_MIN_SHARED_MIN,
  AGREEMENT_ORDERS,
  LANE_GROUPINGS,
  SHIFT_WHO,
  LANE_SORTS,
  STALE_DAYS_MAX,
  STALE_DAYS_MIN,
  VIEW_NAMES,
} from '../../../src/url/codecs';
import {
  TABLE_COLUMN_IDS,
  TABLE_SORT_KEYS,
  type TableSort,
  type ViewState,
} from '../../../src/url/view-state';

/** Characters that break naive query strings, mixed into every generated name. */
const NASTY = [
  ',',
  '%',
  '&',
  '=',
  '#',
  '+',
  ' ',
  '?',
  '/',
  '\u00e9',
  '\u0416',
  '\u{1F1FA}\u{1F1E6}',
  '🕊️',
  '%2C',
  '%E0%A4%A',
];

/** Days from 1900-01-01 to 2100-12-31: every realistic date and then some. */
export const dayArb = fc.integer({ min: dayNumber(1900, 1, 1), max: dayNumber(2100, 12, 31) });

/** Any text a user could type (full Unicode, emoji, URL syntax), without lone surrogates. */
export const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);

/** A non-empty name (an actor, topic, dataset id). */
export const nameArb = textArb.filter((s) => s.length > 0);

/** A list of distinct non-empty names, in the user's order. */
export const nameListArb = fc.uniqueArray(nameArb, { maxLength: 8 });

const stanceArb = fc.constantFrom<StanceFilter>(-2, -1, 0, 1, 2, 'c');
const nullableDay = fc.option(dayArb, { nil: null });

/** An ordered pair of optional days (start never after end). */
const rangeArb = fc
  .tuple(nullableDay, nullableDay)
  .map(([a, b]) => (a !== null && b !== null && a > b ? [b, a] : [a, b]));

/** Every valid ViewState: what the app could hold and must be able to put in a link. */
export const viewStateArb: fc.Arbitrary<ViewState> = fc
  .record({
    view: fc.constantFrom(...VIEW_NAMES),
    datasets: nameListArb,
    range: rangeArb,
    asOf: nullableDay,
    compare: nullableDay,
    staleDays: fc.integer({ min: STALE_DAYS_MIN, max: STALE_DAYS_MAX }),
    actors: nameListArb,
    affiliations: nameListArb,
    topics: nameListArb,
    stances: fc.uniqueArray(stanceArb),
    search: textArb,
    lanes: fc.constantFrom(...LANE_GROUPINGS),
    laneSort: fc.constantFrom(...LANE_SORTS),
    collapsed: nameListArb,
    selected: fc.option(nameArb, { nil: null }),
    window: rangeArb,
    agreementTopics: nameListArb,
    agreementOrder: fc.constantFrom(...AGREEMENT_ORDERS),
    tableSort: fc.constantFrom<TableSort>(...TABLE_SORT_KEYS.flatMap((k) => [k, `-${k}` as const])),
    tableColumns: fc.uniqueArray(fc.constantFrom(...TABLE_COLUMN_IDS), { minLength: 1 }),
    agreementMinShared: fc.integer({
      min: AGREEMENT_MIN_SHARED_MIN,
      max: AGREEMENT_MIN_SHARED_MAX,
    }),
    shiftDirections: fc.uniqueArray(fc.constantFrom(...SHIFT_DIRECTIONS)),
    shiftMinSize: fc.integer({ min: 0, max: MAX_SHIFT_SIZE }),
    shiftWho: fc.constantFrom(...SHIFT_WHO),
    queueAll: fc.boolean(),
    queueAt: fc.option(nameArb, { nil: null }),
    fingerprint: fc.option(fc.stringMatching(/^[0-9a-f]{8}$/), { nil: null }),
  })
  .map(({ range, window, ...rest }) => ({
    ...rest,
    from: range[0],
    to: range[1],
    windowFrom: window[0],
    windowTo: window[1],
  }));
