import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/domain/dates';
import {
  MAX_PARAMS,
  MAX_VALUE_CHARS,
  isDiscreteChange,
  parseView,
  serializeView,
} from '../../../src/url/query-string';
import { DEFAULT_VIEW, type ViewState } from '../../../src/url/view-state';
import { viewStateArb } from './arbitraries';

const SEED = { seed: 20241226 };
const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('serializeView', () => {
  it('writes the default view as an empty query string', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('');
  });

  it.each<[string, Partial<ViewState>, string]>([
    [
      'a matrix of two topics as of a date',
      {
        view: 'matrix',
        topics: ['ceasefire', 'nato-membership-ukraine'],
        asOf: dayNumber(2024, 12, 26),
      },
      'view=matrix&topics=ceasefire,nato-membership-ukraine&asOf=2024-12-26',
    ],
    [
      'a date range and two actors',
      {
        from: dayNumber(2024, 11, 1),
        to: dayNumber(2024, 12, 31),
        actors: ['Sergey Lavrov', 'Keith Kellogg'],
      },
      'from=2024-11-01&to=2024-12-31&actors=Sergey+Lavrov,Keith+Kellogg',
    ],
    [
      'a name holding a comma and an ampersand',
      { affiliations: ['Korea, Republic of', 'A&B'] },
      'affs=Korea%2C+Republic+of,A%26B',
    ],
    [
      'stances and a search',
      { stances: [-2, -1, 'c'], search: 'serious signals' },
      'stances=-2,-1,c&q=serious+signals',
    ],
    [
      'every view detail',
      {
        staleDays: 30,
        lanes: 'topic',
        laneSort: 'shift',
        collapsed: ['Russia', 'United States'],
        selected: 'st-42',
        windowFrom: dayNumber(2024, 1, 1),
        windowTo: dayNumber(2024, 6, 30),
        agreementTopics: ['dialogue'],
        agreementOrder: 'alpha',
        fingerprint: '0a1b2c3d',
        compare: dayNumber(2024, 12, 1),
        datasets: ['seed'],
      },
      'ds=seed&cmp=2024-12-01&stale=30&lanes=topic&sort=shift&collapse=Russia,United+States&sel=st-42&wfrom=2024-01-01&wto=2024-06-30&agTopics=dialogue&agOrder=alpha&fp=0a1b2c3d',
    ],
    [
      'the Shifts view with a direction and a size',
      {
        view: 'shifts',
        shiftDirections: ['hardened', 'conditional'],
        shiftMinSize: 2,
        shiftWho: 'affiliation',
      },
      'view=shifts&shDir=hardened,conditional&shMin=2&shWho=affiliation',
    ],
    [
      'the coding queue over every filtered statement, standing at one',
      { view: 'code', queueAll: true, queueAt: 'row 7, Lavrov' },
      'view=code&qall=1&qid=row+7%2C+Lavrov',
    ],
    [
      'the fewest shared topics of the agreement matrix',
      { view: 'agreement', agreementMinShared: 1 },
      'view=agreement&agMin=1',
    ],
  ])('writes %s readably', (_label, patch, expected) => {
    expect(serializeView(view(patch))).toBe(expected);
  });

  it('leaves out a value set back to its default', () => {
    expect(serializeView(view({ view: 'timeline', staleDays: 90, lanes: 'actor' }))).toBe('');
  });

  it('does not change the state it writes', () => {
    const state = view({ actors: ['b', 'a'], from: 1 });
    const copy = structuredClone(state);
    serializeView(state);
    expect(state).toEqual(copy);
  });

  it('gives a string that URLSearchParams reads as the same plain values', () => {
    const text = serializeView(view({ search: 'a&b=c #d +e', selected: 'x?y' }));
    const params = new URLSearchParams(text);
    expect(params.get('q')).toBe('a&b=c #d +e');
    expect(params.get('sel')).toBe('x?y');
  });
});

describe('parseView round trip', () => {
  it('reads back every valid view exactly, with nothing ignored', () => {
    fc.assert(
      fc.property(viewStateArb, (state) => {
        const { state: back, ignored } = parseView(serializeView(state));
        expect(ignored).toEqual([]);
        expect(back).toEqual(state);
      }),
      { ...SEED, numRuns: 500 },
    );
  });

  it('reads back with a leading ?', () => {
    const state = view({ view: 'agreement', topics: ['ceasefire'] });
    expect(parseView(`?${serializeView(state)}`).state).toEqual(state);
  });

  it('reads the empty string as the default view', () => {
    expect(parseView('')).toEqual({ state: DEFAULT_VIEW, ignored: [] });
    expect(parseView('?')).toEqual({ state: DEFAULT_VIEW, ignored: [] });
  });

  it('does not hand out DEFAULT_VIEW itself, so changing the result cannot change the default', () => {
    const { state } = parseView('');
    state.actors.push('x');
    state.view = 'matrix';
    expect(DEFAULT_VIEW.actors).toEqual([]);
    expect(DEFAULT_VIEW.view).toBe('timeline');
  });
});

describe('parseView never throws', () => {
  it('on any string at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const { state, ignored } = parseView(text);
        expect(typeof state.view).toBe('string');
        expect(Array.isArray(ignored)).toBe(true);
      }),
      { ...SEED, numRuns: 1000 },
    );
  });

  it('on any string built from query-string syntax and known names', () => {
    const piece = fc.constantFrom(
      'view',
      'from',
      'actors',
      'stances',
      'q',
      '=',
      '&',
      ',',
      '%',
      '%2',
      '%E0%A4%A',
      '+',
      '?',
      '#',
      '-1',
      'c',
      '2024-12-18',
      'matrix',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        expect(() => parseView(pieces.join(''))).not.toThrow();
      }),
      { ...SEED, numRuns: 1000 },
    );
  });
});

describe('parseView drops junk and keeps the rest', () => {
  it.each<[string, string, Partial<ViewState>, { param: string; reason: string }[]]>([
    [
      'an impossible date',
      'view=matrix&from=2024-13-45',
      { view: 'matrix' },
      [{ param: 'from', reason: 'from: "2024-13-45" is not a date (YYYY-MM-DD)' }],
    ],
    [
      'an unknown parameter',
      'foo=bar&view=statements',
      { view: 'statements' },
      [{ param: 'foo', reason: 'unknown parameter "foo"' }],
    ],
    [
      'broken percent-encoding',
      'actors=%E0%A4%A&topics=ceasefire',
      { topics: ['ceasefire'] },
      [{ param: 'actors', reason: 'actors: "%E0%A4%A" has broken percent-encoding' }],
    ],
    [
      'a view that does not exist',
      'view=map&lanes=topic',
      { lanes: 'topic' },
      [
        {
          param: 'view',
          reason: 'view: "map" is not one of timeline, shifts, matrix, agreement, statements, code',
        },
      ],
    ],
    [
      'a stance off the scale',
      'stances=2,5&q=nato',
      { search: 'nato' },
      [
        {
          param: 'stances',
          reason:
            'stances: "2,5" is not a comma-separated list of stances (-2,-1,0,1,2,c,u) (at most 500 items)',
        },
      ],
    ],
    [
      'stale days out of range',
      'stale=0',
      {},
      [{ param: 'stale', reason: 'stale: "0" is not a whole number from 1 to 3650' }],
    ],
    [
      'an unknown shift direction and a move past the scale',
      'view=shifts&shDir=hardened,sideways&shMin=5',
      { view: 'shifts' },
      [
        {
          param: 'shDir',
          reason:
            'shDir: "hardened,sideways" is not a comma-separated list of directions (at most 500 items)',
        },
        { param: 'shMin', reason: 'shMin: "5" is not a whole number from 0 to 4' },
      ],
    ],
    [
      'an end date before the start date',
      'from=2024-12-01&to=2024-11-01',
      { from: dayNumber(2024, 12, 1) },
      [{ param: 'to', reason: 'to: "2024-11-01" is before from "2024-12-01"' }],
    ],
    [
      'a zoom window that ends before it starts',
      'wfrom=2024-12-01&wto=2024-11-01',
      { windowFrom: dayNumber(2024, 12, 1) },
      [{ param: 'wto', reason: 'wto: "2024-11-01" is before wfrom "2024-12-01"' }],
    ],
    [
      'a repeated parameter (the last one wins)',
      'view=matrix&view=agreement',
      { view: 'agreement' },
      [{ param: 'view', reason: 'view: given more than once; the last value is used' }],
    ],
    [
      'a bare word without =',
      'matrix&view=matrix',
      { view: 'matrix' },
      [{ param: 'matrix', reason: 'unknown parameter "matrix"' }],
    ],
    [
      'a queue switch that is neither 1 nor 0, and an empty queue position',
      'view=code&qall=yes&qid=',
      { view: 'code' },
      [
        { param: 'qall', reason: 'qall: "yes" is not 1 (on) or 0 (off)' },
        { param: 'qid', reason: 'qid: "" is not a name of 1 to 2000 characters' },
      ],
    ],
    [
      'an empty selected statement',
      'sel=',
      {},
      [{ param: 'sel', reason: 'sel: "" is not a name of 1 to 2000 characters' }],
    ],
  ])('drops %s', (_label, query, patch, expected) => {
    const { state, ignored } = parseView(query);
    expect(state).toEqual(view(patch));
    expect(ignored.map(({ param, reason }) => ({ param, reason }))).toEqual(expected);
  });

  it('reads a percent-encoded parameter name', () => {
    expect(parseView('vi%65w=matrix').state.view).toBe('matrix');
  });

  it('treats an empty list value as the empty list without a notice', () => {
    expect(parseView('actors=&view=matrix')).toEqual({
      state: view({ view: 'matrix' }),
      ignored: [],
    });
  });

  it('quotes a long bad value shortened, so a notice stays readable', () => {
    const { ignored } = parseView(`from=${'9'.repeat(500)}`);
    expect(ignored[0].value.length).toBeLessThanOrEqual(61);
    expect(ignored[0].reason.length).toBeLessThan(150);
  });

  it(`drops a value longer than ${MAX_VALUE_CHARS} characters unread`, () => {
    const { state, ignored } = parseView(`q=${'a'.repeat(MAX_VALUE_CHARS + 1)}&view=matrix`);
    expect(state).toEqual(view({ view: 'matrix' }));
    expect(ignored[0].reason).toBe(`q: value is too long (over ${MAX_VALUE_CHARS} characters)`);
  });

  it(`reads at most ${MAX_PARAMS} parameters and sums up the rest in one notice`, () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `x${i}=1`).join('&');
    const { state, ignored } = parseView(`view=matrix&${junk}`);
    expect(state.view).toBe('matrix');
    expect(ignored).toHaveLength(MAX_PARAMS);
    expect(ignored.at(-1)!.reason).toBe(
      `${5001 - MAX_PARAMS} more parameters ignored (a link holds at most ${MAX_PARAMS})`,
    );
  });

  it('keeps a from equal to to (a single day)', () => {
    const day = dayNumber(2024, 12, 18);
    expect(parseView('from=2024-12-18&to=2024-12-18')).toEqual({
      state: view({ from: day, to: day }),
      ignored: [],
    });
  });
});

describe('isDiscreteChange', () => {
  const base = view({ view: 'matrix', actors: ['Sergey Lavrov'] });

  it.each<[string, Partial<ViewState>]>([
    ['switching the view', { view: 'timeline' }],
    ['choosing datasets', { datasets: ['seed'] }],
    ['changing the actors', { actors: ['Sergey Lavrov', 'Keith Kellogg'] }],
    ['changing the affiliations', { affiliations: ['Russia'] }],
    ['changing the topics', { topics: ['ceasefire'] }],
    ['changing the stances', { stances: [2] }],
    ['grouping lanes by topic', { lanes: 'topic' }],
    ['sorting lanes by their latest shift', { laneSort: 'shift' }],
    ['collapsing an affiliation', { collapsed: ['Russia'] }],
    ['selecting a statement', { selected: 'st-1' }],
    ['choosing agreement topics', { agreementTopics: ['dialogue'] }],
    ['ordering the agreement matrix', { agreementOrder: 'alpha' }],
    ['setting the fewest shared topics', { agreementMinShared: 3 }],
    ['choosing shift directions', { shiftDirections: ['softened'] }],
    ['setting the smallest shift', { shiftMinSize: 3 }],
    ['setting a compare date', { compare: 20000 }],
    ['changing the stale days', { staleDays: 30 }],
    ['queueing every filtered statement', { queueAll: true }],
  ])('pushes a history entry for %s', (_label, patch) => {
    expect(isDiscreteChange(base, { ...base, ...patch })).toBe(true);
  });

  it.each<[string, Partial<ViewState>]>([
    ['typing a search', { search: 'ceasef' }],
    ['dragging From', { from: 20000 }],
    ['dragging To', { to: 20100 }],
    ['scrubbing As of', { asOf: 20075 }],
    ['zooming the timeline', { windowFrom: 19000, windowTo: 20000 }],
    ['moving through the coding queue', { queueAt: 'st-9' }],
    ['nothing at all', {}],
    ['an equal copy of the actors', { actors: ['Sergey Lavrov'] }],
  ])('only replaces the entry for %s', (_label, patch) => {
    expect(isDiscreteChange(base, { ...base, ...patch })).toBe(false);
  });
});
