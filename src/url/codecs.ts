/**
 * One codec per URL parameter (nuqs-style): `parse` turns the parameter's text into a value or
 * `null` (not valid), `serialize` is its inverse and `eq` decides "same value" (so a value equal to
 * the default is left out of the URL).
 *
 * The text a codec reads and writes is the parameter value *as it stands in the query string*,
 * still percent-encoded. That is what lets a list keep readable `,` separators while a name that
 * itself contains a comma travels as `%2C` inside its item: once the whole value were decoded the
 * two could no longer be told apart. A space is written `+` (as forms do) and `+` is read as a
 * space, so `Sergey Lavrov` reads `Sergey+Lavrov`; a literal `+` travels as `%2B`.
 *
 * Pure: no DOM, no Svelte. Nothing here is ever rendered as markup; these are plain values.
 */
import { formatDay, parseIsoDay } from '../domain/dates';
import { MAX_SHIFT_SIZE, SHIFT_DIRECTIONS } from '../query/shifts';
import type { StanceFilter } from '../query/types';
import {
  TABLE_COLUMN_IDS,
  TABLE_SORT_KEYS,
  type AgreementOrder,
  type LaneGrouping,
  type LaneSort,
  type ShiftWho,
  type TableSort,
  type ViewName,
  type ViewState,
} from './view-state';

export interface Codec<T> {
  /** The value of the parameter text (still percent-encoded), or `null` when it is not valid. */
  parse(text: string): T | null;
  /** URL-safe text for the value; `parse(serialize(v))` is `eq` to `v`. */
  serialize(value: T): string;
  eq(a: T, b: T): boolean;
  /** What a valid value looks like, for the notice a user sees: `a date (YYYY-MM-DD)`. */
  expected: string;
}

/** Longest search text or list item kept (a hostile link cannot blow up memory or the UI). */
export const MAX_TEXT_CHARS = 2000;
/** Most items a list parameter may hold. */
export const MAX_LIST_ITEMS = 500;

/**
 * Replaces lone UTF-16 surrogates with U+FFFD, which `encodeURIComponent` would throw on.
 * `wellFormed('a\uD800b')` -> `'a\uFFFDb'`; well-formed text (emoji included) is unchanged.
 */
export function wellFormed(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    out += text.slice(start, i) + '\uFFFD';
    start = i + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

/**
 * Percent-encodes one value for the query string, spaces as `+`.
 * `encodeText('Sergey Lavrov, MFA')` -> `'Sergey+Lavrov%2C+MFA'`.
 */
export function encodeText(text: string): string {
  return encodeURIComponent(wellFormed(text)).replaceAll('%20', '+');
}

/**
 * Decodes one query-string value (`+` is a space); `null` for broken percent-encoding instead of
 * throwing. `decodeText('a+b%2Cc')` -> `'a b,c'`; `decodeText('%E0%A4%A')` -> `null`.
 */
export function decodeText(text: string): string | null {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/** A codec over plain (decoded) text, wrapped with the percent-encoding of the query string. */
function textCodec<T>(
  parsePlain: (plain: string) => T | null,
  serializePlain: (value: T) => string,
  eq: (a: T, b: T) => boolean,
  expected: string,
): Codec<T> {
  return {
    parse: (text) => {
      const plain = decodeText(text);
      return plain === null ? null : parsePlain(plain);
    },
    serialize: (value) => encodeText(serializePlain(value)),
    eq,
    expected,
  };
}

const same = <T>(a: T, b: T): boolean => a === b;

/** A day number spelled `YYYY-MM-DD`, real calendar dates only: `2024-12-18` <-> 20075. */
export const dayCodec: Codec<number> = textCodec(
  parseIsoDay,
  formatDay,
  same,
  'a date (YYYY-MM-DD)',
);

/** Free text (the search box); at most MAX_TEXT_CHARS. `a+b%26c` <-> `'a b&c'`. */
export const stringCodec: Codec<string> = textCodec(
  (plain) => (plain.length <= MAX_TEXT_CHARS ? plain : null),
  (value) => value,
  same,
  `text of at most ${MAX_TEXT_CHARS} characters`,
);

/** A non-empty name or id (list items, the selected statement); at most MAX_TEXT_CHARS. */
export const nameCodec: Codec<string> = textCodec(
  (plain) => (plain.length > 0 && plain.length <= MAX_TEXT_CHARS ? plain : null),
  (value) => value,
  same,
  `a name of 1 to ${MAX_TEXT_CHARS} characters`,
);

/** One of a fixed set of words: `enumCodec(['actor', 'topic'])` reads `topic`, rejects `Topic`. */
export function enumCodec<T extends string>(values: readonly T[]): Codec<T> {
  const allowed = new Set<string>(values);
  return textCodec(
    (plain) => (allowed.has(plain) ? (plain as T) : null),
    (value) => value,
    same,
    `one of ${values.join(', ')}`,
  );
}

/**
 * A whole number in [min, max], plain decimal digits only: `intCodec(1, 3650)` reads `90`,
 * rejects `90.5`, `1e2`, `0x5a` and `99999`.
 */
export function intCodec(min: number, max: number): Codec<number> {
  return textCodec(
    (plain) => {
      if (!/^-?\d{1,16}$/.test(plain)) return null;
      const n = Number(plain);
      return n >= min && n <= max ? n : null;
    },
    (value) => String(value),
    same,
    `a whole number from ${min} to ${max}`,
  );
}

/** A short lowercase base36/hex token, as made by `fingerprint()`: `3f9a0c1b`. */
export const tokenCodec: Codec<string> = textCodec(
  (plain) => (/^[0-9a-z]{1,32}$/.test(plain) ? plain : null),
  (value) => value,
  same,
  'a short code of letters a-z and digits',
);

/** A switch: `1` is on, `0` off; nothing else. */
export const boolCodec: Codec<boolean> = textCodec(
  (plain) => (plain === '1' ? true : plain === '0' ? false : null),
  (value) => (value ? '1' : '0'),
  same,
  '1 (on) or 0 (off)',
);

/**
 * `null` for "not set". `null` is the default of every nullable parameter, so it is never
 * written to the URL (serialize gives ''), and parse keeps `null` for "not valid".
 */
export function nullable<T>(codec: Codec<T>): Codec<T | null> {
  return {
    parse: (text) => codec.parse(text),
    serialize: (value) => (value === null ? '' : codec.serialize(value)),
    eq: (a, b) => (a === null || b === null ? a === b : codec.eq(a, b)),
    expected: codec.expected,
  };
}

/**
 * A comma-separated list; each item is percent-encoded on its own so a name holding `,` (or any
 * Unicode) round-trips: `['Kyiv, UA', 'NATO']` <-> `Kyiv%2C+UA,NATO`. Order is kept (it is the
 * user's order); duplicates and empty items are dropped on parse (a trailing comma is harmless).
 * One bad item rejects the whole parameter, so a link never half-applies a filter.
 */
export function listCodec<T>(item: Codec<T>, expected = `a comma-separated list`): Codec<T[]> {
  return {
    parse: (text) => {
      if (text === '') return [];
      const out: T[] = [];
      for (const part of text.split(',')) {
        if (part === '') continue;
        const value = item.parse(part);
        if (value === null) return null;
        if (!out.some((v) => item.eq(v, value))) out.push(value);
        if (out.length > MAX_LIST_ITEMS) return null;
      }
      return out;
    },
    serialize: (values) => values.map((v) => item.serialize(v)).join(','),
    eq: (a, b) => a.length === b.length && a.every((v, i) => item.eq(v, b[i])),
    expected: `${expected} (at most ${MAX_LIST_ITEMS} items)`,
  };
}

const STANCE_TEXT = ['-2', '-1', '0', '1', '2', 'c', 'u'] as const;

/** One stance filter value: `-2`..`2`, `c` (conditional) or `u` (uncoded). */
const stanceCodec: Codec<StanceFilter> = textCodec(
  (plain) => {
    if (!(STANCE_TEXT as readonly string[]).includes(plain)) return null;
    return plain === 'c' || plain === 'u' ? plain : (Number(plain) as StanceFilter);
  },
  (value) => String(value),
  same,
  'a stance (-2, -1, 0, 1, 2, c or u)',
);

/** Stance filter: `-2,-1,c,u` <-> `[-2, -1, 'c', 'u']`. */
export const stanceListCodec: Codec<StanceFilter[]> = listCodec(
  stanceCodec,
  'a comma-separated list of stances (-2,-1,0,1,2,c,u)',
);

const nameList = listCodec(nameCodec, 'a comma-separated list of names');
const dayOrNull = nullable(dayCodec);

export const VIEW_NAMES: readonly ViewName[] = [
  'timeline',
  'shifts',
  'matrix',
  'agreement',
  'statements',
  'code',
];
export const SHIFT_WHO: readonly ShiftWho[] = ['all', 'actor', 'affiliation'];
export const LANE_GROUPINGS: readonly LaneGrouping[] = ['actor', 'topic'];
export const LANE_SORTS: readonly LaneSort[] = ['name', 'activity', 'shift'];
export const AGREEMENT_ORDERS: readonly AgreementOrder[] = ['blocs', 'alpha'];
/** Fewest shared topics an agreement cell needs: 1 (any) to 50. */
export const AGREEMENT_MIN_SHARED_MIN = 1;
export const AGREEMENT_MIN_SHARED_MAX = 50;
/** Stale-after, in days: a day to ten years. */
export const STALE_DAYS_MIN = 1;
export const STALE_DAYS_MAX = 3650;

/**
 * Every ViewState field with its parameter name and codec, in the order parameters are written
 * (`view` first, then what narrows the data, then view details).
 */
export const PARAMS: { [K in keyof ViewState]: { name: string; codec: Codec<ViewState[K]> } } = {
  view: { name: 'view', codec: enumCodec(VIEW_NAMES) },
  datasets: { name: 'ds', codec: listCodec(nameCodec, 'a comma-separated list of dataset ids') },
  from: { name: 'from', codec: dayOrNull },
  to: { name: 'to', codec: dayOrNull },
  actors: { name: 'actors', codec: nameList },
  affiliations: { name: 'affs', codec: nameList },
  topics: { name: 'topics', codec: nameList },
  stances: { name: 'stances', codec: stanceListCodec },
  search: { name: 'q', codec: stringCodec },
  asOf: { name: 'asOf', codec: dayOrNull },
  compare: { name: 'cmp', codec: dayOrNull },
  staleDays: { name: 'stale', codec: intCodec(STALE_DAYS_MIN, STALE_DAYS_MAX) },
  lanes: { name: 'lanes', codec: enumCodec(LANE_GROUPINGS) },
  laneSort: { name: 'sort', codec: enumCodec(LANE_SORTS) },
  collapsed: { name: 'collapse', codec: nameList },
  selected: { name: 'sel', codec: nullable(nameCodec) },
  windowFrom: { name: 'wfrom', codec: dayOrNull },
  windowTo: { name: 'wto', codec: dayOrNull },
  agreementTopics: { name: 'agTopics', codec: nameList },
  agreementOrder: { name: 'agOrder', codec: enumCodec(AGREEMENT_ORDERS) },
  tableSort: {
    name: 'tsort',
    codec: enumCodec<TableSort>(TABLE_SORT_KEYS.flatMap((k) => [k, `-${k}` as const])),
  },
  tableColumns: {
    name: 'cols',
    codec: listCodec(enumCodec(TABLE_COLUMN_IDS), 'a comma-separated list of table columns'),
  },
  agreementMinShared: {
    name: 'agMin',
    codec: intCodec(AGREEMENT_MIN_SHARED_MIN, AGREEMENT_MIN_SHARED_MAX),
  },
  shiftDirections: {
    name: 'shDir',
    codec: listCodec(enumCodec(SHIFT_DIRECTIONS), 'a comma-separated list of directions'),
  },
  shiftMinSize: { name: 'shMin', codec: intCodec(0, MAX_SHIFT_SIZE) },
  shiftWho: { name: 'shWho', codec: enumCodec(SHIFT_WHO) },
  queueAll: { name: 'qall', codec: boolCodec },
  queueAt: { name: 'qid', codec: nullable(nameCodec) },
  fingerprint: { name: 'fp', codec: nullable(tokenCodec) },
};

/** The ViewState keys in parameter order. */
export const PARAM_KEYS = Object.keys(PARAMS) as (keyof ViewState)[];
