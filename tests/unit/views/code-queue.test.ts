import { describe, expect, it } from 'vitest';
import { fieldsAt, applyEdits } from '../../../src/query/edit-overlay';
import { cacheFromRecords } from '../../../src/query/cache';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER, type ColumnCache } from '../../../src/query/types';
import {
  buildQueue,
  codedCount,
  nextUncoded,
  placeOfId,
  rowLookup,
  startPlace,
  topicSuggestions,
  trajectory,
  MAX_SUGGESTIONS,
} from '../../../src/views/code/queue';
import type { Queue } from '../../../src/views/code/queue';
import { rec, type RecInput } from '../query/helpers';

const uncoded = (input: Omit<RecInput, 'stance'> & { id: string }) =>
  rec({ ...input, stance: 0, uncoded: true });

const records = [
  rec({ id: 'a1', date: '2024-10-01', actor: 'Lavrov', topic: 'ceasefire', stance: -1 }),
  uncoded({ id: 'u1', date: '2024-10-05', actor: 'Lavrov', topic: 'ceasefire' }),
  rec({ id: 'a2', date: '2024-10-09', actor: 'Putin', topic: 'talks', stance: 1 }),
  uncoded({ id: 'u2', date: '2024-10-12', actor: 'Putin', topic: 'talks' }),
  uncoded({ id: 'u3', date: '2024-10-20', actor: 'Lavrov', topic: 'ceasefire' }),
  rec({ id: 'a3', date: '2024-11-01', actor: 'Lavrov', topic: 'ceasefire', stance: -2 }),
];

const all = (cache: ColumnCache) => filterRows(cache, EMPTY_FILTER);
/** The queued ids in queue order, read through the rows they are at now. */
const idsOf = (cache: ColumnCache, queue: Queue) =>
  [...rowLookup()(cache, queue)].map((r) => cache.text.get('id', r));
const rowOf = (cache: ColumnCache, id: string) => cache.text.find('id', id);

/** The cache with `id` coded as `stance` (or, with `topic`, moved to another topic). */
function code(cache: ColumnCache, id: string, patch: object): ColumnCache {
  const fields = fieldsAt(cache, rowOf(cache, id));
  return applyEdits(cache, new Map([[id, { ...fields, uncoded: false, ...patch }]]));
}

describe('buildQueue', () => {
  it('queues the uncoded statements that pass the filters, in date order', () => {
    const cache = cacheFromRecords(records);
    expect(idsOf(cache, buildQueue(cache, all(cache), false))).toEqual(['u1', 'u2', 'u3']);
    const lavrov = filterRows(cache, { ...EMPTY_FILTER, actors: ['Lavrov'] });
    expect(idsOf(cache, buildQueue(cache, lavrov, false))).toEqual(['u1', 'u3']);
  });

  it('queues every filtered statement with `all`, to re-code them', () => {
    const cache = cacheFromRecords(records);
    const queue = buildQueue(cache, all(cache), true);
    expect(idsOf(cache, queue)).toEqual(['a1', 'u1', 'a2', 'u2', 'u3', 'a3']);
    expect(placeOfId(cache, queue, 'u2')).toBe(3);
    expect(placeOfId(cache, queue, 'gone')).toBe(-1);
  });
});

describe('progress and moving on', () => {
  it('counts the queued statements coded since, and finds them after the rows moved', () => {
    let cache = cacheFromRecords(records);
    const queue = buildQueue(cache, all(cache), false);
    const lookup = rowLookup();
    expect(codedCount(cache, lookup(cache, queue))).toBe(0);
    cache = code(cache, 'u2', { stance: 1 });
    expect(codedCount(cache, lookup(cache, queue))).toBe(1);
    // A new topic re-sorts the cache: the lookup follows the ids, not the old rows.
    cache = code(cache, 'u1', { stance: -2, topic: 'aaa-first' });
    const rows = lookup(cache, queue);
    expect([...rows].map((r) => cache.text.get('id', r))).toEqual(['u1', 'u2', 'u3']);
    expect(codedCount(cache, rows)).toBe(2);
    expect(placeOfId(cache, queue, 'u3')).toBe(2);
  });

  it('moves to the next uncoded statement, wrapping round and skipping codes being saved', () => {
    let cache = cacheFromRecords(records);
    const queue = buildQueue(cache, all(cache), true);
    const lookup = rowLookup();
    expect(nextUncoded(cache, lookup(cache, queue), 1)).toBe(3);
    expect(nextUncoded(cache, lookup(cache, queue), 4)).toBe(1);
    expect(nextUncoded(cache, lookup(cache, queue), 1, new Set([3]))).toBe(4);
    for (const id of ['u1', 'u2', 'u3']) cache = code(cache, id, { stance: 0 });
    expect(nextUncoded(cache, lookup(cache, queue), 0)).toBe(-1);
  });
});

describe('startPlace', () => {
  it('opens at the linked statement when it is queued', () => {
    const cache = cacheFromRecords(records);
    const queue = buildQueue(cache, all(cache), true);
    const rows = rowLookup()(cache, queue);
    expect(startPlace(cache, queue, rows, 'a2')).toEqual({ place: 2, missing: false });
  });

  it('opens at the first uncoded one, and says so, when the link names another', () => {
    const cache = cacheFromRecords(records);
    const queue = buildQueue(cache, all(cache), true);
    const rows = rowLookup()(cache, queue);
    expect(startPlace(cache, queue, rows, 'gone')).toEqual({ place: 1, missing: true });
    expect(startPlace(cache, queue, rows, null)).toEqual({ place: 1, missing: false });
  });

  it('opens at the first statement when all are coded, and nowhere in an empty queue', () => {
    const cache = cacheFromRecords(records.filter((r) => !r.uncoded));
    const queue = buildQueue(cache, all(cache), true);
    const rows = rowLookup()(cache, queue);
    expect(startPlace(cache, queue, rows, null)).toEqual({ place: 0, missing: false });
    const empty = buildQueue(cache, all(cache), false);
    expect(startPlace(cache, empty, rowLookup()(cache, empty), 'a1')).toEqual({
      place: -1,
      missing: true,
    });
  });
});

describe('trajectory', () => {
  it('finds the actor’s nearest coded statements on the topic, before and after', () => {
    const cache = cacheFromRecords(records);
    const { before, after } = trajectory(cache, rowOf(cache, 'u3'));
    expect(cache.text.get('id', before)).toBe('a1');
    expect(cache.text.get('id', after)).toBe('a3');
    expect(trajectory(cache, rowOf(cache, 'u2'))).toEqual({
      before: rowOf(cache, 'a2'),
      after: -1,
    });
  });
});

describe('topicSuggestions', () => {
  it('offers every topic when there are few, and narrows a long list by what is typed', () => {
    expect(topicSuggestions(['ceasefire', 'sanctions'], 'x')).toEqual(['ceasefire', 'sanctions']);
    const many = Array.from({ length: 5000 }, (_, i) => `topic-${i}`);
    expect(topicSuggestions(many, 'TOPIC-4999')).toEqual(['topic-4999']);
    expect(topicSuggestions(many, '')).toHaveLength(MAX_SUGGESTIONS);
  });
});
