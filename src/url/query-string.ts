/**
 * ViewState <-> query string. The view is the URL: every value that differs from
 * DEFAULT_VIEW is written, in a fixed order, and any link, however broken, opens a view; junk is
 * dropped and listed so the UI can say what was ignored.
 */
import { PARAM_KEYS, PARAMS, decodeText, type Codec } from './codecs';
import { DEFAULT_VIEW, type ViewState } from './view-state';

/** A parameter that was dropped while reading a link, with a reason a user understands. */
export interface IgnoredParam {
  param: string;
  value: string;
  reason: string;
}

/** Longest raw parameter value read; longer ones are dropped unread. */
export const MAX_VALUE_CHARS = 20_000;
/** Most `name=value` pairs read from one link; the rest are dropped in one notice. */
export const MAX_PARAMS = 100;
/** Longest value quoted back in a notice. */
const SHOWN_CHARS = 60;

const KEY_BY_NAME = new Map<string, keyof ViewState>(PARAM_KEYS.map((k) => [PARAMS[k].name, k]));

// The mapped PARAMS type cannot be indexed by a key union without losing the link between key
// and codec; these two helpers are the one place that widens it.
function codecOf(key: keyof ViewState): Codec<unknown> {
  return PARAMS[key].codec as Codec<unknown>;
}

function setField(state: ViewState, key: keyof ViewState, value: unknown): void {
  (state as unknown as Record<string, unknown>)[key] = value;
}

/**
 * The query string (no leading `?`) for a view, leaving out every value equal to the default.
 * Lists keep readable commas; names are percent-encoded item by item.
 *
 * `serializeView({ ...DEFAULT_VIEW, view: 'matrix', topics: ['ceasefire', 'nato-membership-ukraine'],
 * asOf: dayNumber(2024, 12, 26) })` -> `view=matrix&topics=ceasefire,nato-membership-ukraine&asOf=2024-12-26`;
 * `serializeView(DEFAULT_VIEW)` -> `''`.
 */
export function serializeView(state: ViewState): string {
  // Built from each codec's already-encoded text rather than URLSearchParams, which would write
  // every list comma as %2C; the codecs use encodeURIComponent, so the result is still valid.
  const parts: string[] = [];
  for (const key of PARAM_KEYS) {
    const codec = codecOf(key);
    if (codec.eq(state[key], DEFAULT_VIEW[key])) continue;
    parts.push(`${PARAMS[key].name}=${codec.serialize(state[key])}`);
  }
  return parts.join('&');
}

/** The value as a user would read it in a notice: decoded when possible, shortened. */
function shown(raw: string): string {
  const text = decodeText(raw) ?? raw;
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/**
 * Reads a query string (with or without the leading `?`) into a view. Total: never throws, on any
 * input. Unknown, malformed and out-of-range parameters are dropped and listed in `ignored`; the
 * rest still apply. A repeated parameter: the last one wins (the earlier ones are listed). A `to`
 * before `from` (or `wto` before `wfrom`) is dropped, since a range that ends before it starts is
 * almost always a typo in the end date.
 *
 * `parseView('?view=matrix&from=2024-13-45&foo=1')` ->
 * `{ state: { ...DEFAULT_VIEW, view: 'matrix' }, ignored: [
 *   { param: 'from', value: '2024-13-45', reason: 'from: "2024-13-45" is not a date (YYYY-MM-DD)' },
 *   { param: 'foo', value: '1', reason: 'unknown parameter "foo"' } ] }`
 */
export function parseView(search: string): { state: ViewState; ignored: IgnoredParam[] } {
  // A deep copy: the caller may mutate the lists it gets, and DEFAULT_VIEW must stay the default.
  const state: ViewState = structuredClone(DEFAULT_VIEW);
  const ignored: IgnoredParam[] = [];
  const text = typeof search === 'string' ? search : '';
  const query = text.startsWith('?') ? text.slice(1) : text;

  // Last value wins: collect the raw value per key first, noting the ones it replaces.
  const raw = new Map<keyof ViewState, { name: string; value: string }>();
  const segments = query === '' ? [] : query.split('&');
  let read = 0;
  for (const segment of segments) {
    if (segment === '') continue;
    if (read === MAX_PARAMS) {
      const rest = segments.filter((s) => s !== '').length - MAX_PARAMS;
      ignored.push({
        param: '',
        value: '',
        reason: `${rest} more parameter${rest === 1 ? '' : 's'} ignored (a link holds at most ${MAX_PARAMS})`,
      });
      break;
    }
    read++;
    const eqAt = segment.indexOf('=');
    const rawName = eqAt === -1 ? segment : segment.slice(0, eqAt);
    const value = eqAt === -1 ? '' : segment.slice(eqAt + 1);
    const name = shown(rawName);
    const key = KEY_BY_NAME.get(decodeText(rawName) ?? rawName);
    if (key === undefined) {
      ignored.push({ param: name, value: shown(value), reason: `unknown parameter "${name}"` });
      continue;
    }
    const earlier = raw.get(key);
    if (earlier) {
      ignored.push({
        param: name,
        value: shown(earlier.value),
        reason: `${name}: given more than once; the last value is used`,
      });
    }
    raw.set(key, { name, value });
  }

  for (const key of PARAM_KEYS) {
    const entry = raw.get(key);
    if (!entry) continue;
    const { name, value } = entry;
    if (value.length > MAX_VALUE_CHARS) {
      ignored.push({
        param: name,
        value: shown(value),
        reason: `${name}: value is too long (over ${MAX_VALUE_CHARS} characters)`,
      });
      continue;
    }
    const codec = codecOf(key);
    const parsed = codec.parse(value);
    if (parsed === null) {
      const plain = decodeText(value);
      ignored.push({
        param: name,
        value: shown(value),
        reason:
          plain === null
            ? `${name}: "${shown(value)}" has broken percent-encoding`
            : `${name}: "${shown(value)}" is not ${codec.expected}`,
      });
      continue;
    }
    setField(state, key, parsed);
  }

  dropReversedEnd(state, ignored, 'from', 'to');
  dropReversedEnd(state, ignored, 'windowFrom', 'windowTo');
  return { state, ignored };
}

/** Drops the end of a range that ends before it starts, with a notice. */
function dropReversedEnd(
  state: ViewState,
  ignored: IgnoredParam[],
  startKey: 'from' | 'windowFrom',
  endKey: 'to' | 'windowTo',
): void {
  const start = state[startKey];
  const end = state[endKey];
  if (start === null || end === null || end >= start) return;
  const endName = PARAMS[endKey].name;
  const endText = PARAMS[endKey].codec.serialize(end);
  const startText = PARAMS[startKey].codec.serialize(start);
  ignored.push({
    param: endName,
    value: endText,
    reason: `${endName}: "${endText}" is before ${PARAMS[startKey].name} "${startText}"`,
  });
  state[endKey] = DEFAULT_VIEW[endKey];
}

/** Fields whose change is a step a user may want to go Back to (pushState). */
const DISCRETE_KEYS: readonly (keyof ViewState)[] = [
  'view',
  'datasets',
  'actors',
  'affiliations',
  'topics',
  'stances',
  'lanes',
  'laneSort',
  'collapsed',
  'selected',
  'agreementTopics',
  'agreementOrder',
  'tableSort',
  'tableColumns',
  'agreementMinShared',
  'shiftDirections',
  'shiftMinSize',
  'shiftWho',
  'queueAll',
  'compare',
  'staleDays',
];

/**
 * True when going from `a` to `b` should be a history entry (pushState): a new view, filter,
 * selection or setting. Typing in search, dragging From/To, scrubbing As of and zooming the
 * timeline window are continuous and only replace the entry (replaceState), so Back does not
 * step through every keystroke or pixel.
 *
 * `isDiscreteChange(s, { ...s, view: 'matrix' })` -> true;
 * `isDiscreteChange(s, { ...s, search: 'ceasef' })` -> false.
 */
export function isDiscreteChange(a: ViewState, b: ViewState): boolean {
  return DISCRETE_KEYS.some((key) => !codecOf(key).eq(a[key], b[key]));
}
