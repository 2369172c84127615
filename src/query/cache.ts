import type { DatasetMeta, StatementChunk } from '../columnar/chunk';
import { endDay } from '../domain/dates';
import { ChunkEncoder } from '../columnar/encode';
import { PRECISION_BY_CODE, type StatementRecord } from '../domain/types';
import { finish } from '../util/steps';
import { mergeDictionarySteps, remapSteps } from './dictionary';
import { TextTable } from './text';
import type { ColumnCache } from './types';

export { compareNames, mergeDictionary } from './dictionary';

/** One dataset as stored: its metadata (with the dictionaries) and its columnar chunks. */
export interface CachePart {
  meta: DatasetMeta;
  chunks: StatementChunk[];
}

/**
 * One stable counting-sort pass of the index array `src` into `dst` by `key[row]` in `0..k-1`.
 * Stable, so passes from the least to the most significant key give a full lexicographic sort
 * in O(n) each, well under the comparator sort's cost at 1M rows.
 */
function countingPass(src: Uint32Array, dst: Uint32Array, key: ArrayLike<number>, k: number) {
  const start = new Uint32Array(k + 1);
  const n = src.length;
  for (let i = 0; i < n; i++) start[key[src[i]] + 1]++;
  for (let b = 1; b <= k; b++) start[b] += start[b - 1];
  for (let i = 0; i < n; i++) {
    const r = src[i];
    dst[start[key[r]]++] = r;
  }
}

/**
 * The row order by (day, actor code, topic code), ties kept in input order (dataset, chunk,
 * position: file order). `sortOrder([5, 3, 5], [0, 0, 0], [1, 0, 0])` -> `[1, 2, 0]`.
 * A generator that pauses between passes, so an async build can yield to the page.
 */
export function* sortOrder(
  day: Int32Array,
  actor: Uint32Array,
  topic: Uint32Array,
  nA: number,
  nT: number,
): Generator<void, Uint32Array> {
  const n = day.length;
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  if (n < 2) return a;
  countingPass(a, b, topic, Math.max(1, nT));
  yield;
  countingPass(b, a, actor, Math.max(1, nA));
  yield;
  let min = day[0];
  let max = day[0];
  for (let i = 1; i < n; i++) {
    if (day[i] < min) min = day[i];
    else if (day[i] > max) max = day[i];
  }
  const rel = new Uint32Array(n);
  for (let i = 0; i < n; i++) rel[i] = day[i] - min;
  yield;
  const range = max - min + 1;
  if (range <= 1 << 20) {
    countingPass(a, b, rel, range);
    return b;
  } else {
    // Very wide ranges (centuries of day precision): two 16-bit passes keep the counts small.
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      lo[i] = rel[i] & 0xffff;
      hi[i] = rel[i] >>> 16;
    }
    countingPass(a, b, lo, 0x10000);
    yield;
    countingPass(b, a, hi, 0x10000);
  }
  return a;
}

/**
 * Builds the column cache from stored datasets: the dictionaries are merged into global ones
 * (sorted by name, so code order is alphabetical order), each dataset's codes are remapped, rows
 * are sorted by (day, actor, topic) keeping file order among ties, and `end` is the first day
 * after each statement's period.
 *
 * `actorAffiliation` is each actor's most frequent affiliation (ties: the alphabetically first).
 * The empty affiliation `''` stays a dictionary entry, since rows point at it, but it counts as
 * "no affiliation": an actor who only ever has `''` gets -1. `minDay` is the first start day and
 * `maxDay` the last day any statement covers (a `2024` statement reaches 2024-12-31), so the
 * two bound every drawn span; both are 0 for an empty cache. Inputs are not modified.
 *
 * Example: datasets A (actors `['Putin']`) and B (actors `['Biden', 'Putin']`) give
 * `actors = ['Biden', 'Putin']`; A's code 0 becomes 1.
 */
export function buildCache(parts: readonly CachePart[]): ColumnCache {
  return finish(buildSteps(parts));
}

/** Yields to the event loop: a macrotask, so input and painting get their turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * `buildCache` cut into slices of about `sliceMs` of work with a yield to the page between them,
 * so building a 1M-row cache after an import or a reload makes no long task (the page stays
 * responsive). Same result as `buildCache`: `await buildCacheAsync(parts)` deep-equals
 * `buildCache(parts)`.
 */
export async function buildCacheAsync(
  parts: readonly CachePart[],
  sliceMs = 25,
  /** When the caller's task began: its own work counts toward the first slice. */
  sliceStart = performance.now(),
): Promise<ColumnCache> {
  const steps = buildSteps(parts);
  let step = steps.next();
  while (!step.done) {
    if (performance.now() - sliceStart > sliceMs) {
      await nextTask();
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}

/** The body of `buildCache`, pausing (`yield`) after each chunk and each sort pass. */
function* buildSteps(parts: readonly CachePart[]): Generator<void, ColumnCache> {
  const actorDict = yield* mergeDictionarySteps(parts.map((p) => p.meta.actors));
  const affDict = yield* mergeDictionarySteps(parts.map((p) => p.meta.affiliations));
  const topicDict = yield* mergeDictionarySteps(parts.map((p) => p.meta.topics));
  const ordered = parts.map((p) => [...p.chunks].sort((x, y) => x.chunk - y.chunk));
  let n = 0;
  for (const chunks of ordered) for (const c of chunks) n += c.count;

  // Pass 1: the sort keys only. Pass 2 then writes every column straight into its sorted
  // position: scattering is several times faster here than filling and then permuting each
  // column (1M rows: 15 ms against 70-140 ms per text column).
  const rawDay = new Int32Array(n);
  const rawActor = new Uint32Array(n);
  const rawTopic = new Uint32Array(n);
  const remaps: { actor: Uint32Array; affiliation: Uint32Array; topic: Uint32Array }[] = [];
  for (const { meta } of parts) {
    remaps.push({
      actor: yield* remapSteps(meta.actors, actorDict.index),
      affiliation: yield* remapSteps(meta.affiliations, affDict.index),
      topic: yield* remapSteps(meta.topics, topicDict.index),
    });
  }
  let o = 0;
  for (let d = 0; d < ordered.length; d++) {
    const { actor: remapA, topic: remapT } = remaps[d];
    for (const c of ordered[d]) {
      for (let i = 0; i < c.count; i++, o++) {
        rawDay[o] = c.day[i];
        rawActor[o] = remapA[c.actor[i]];
        rawTopic[o] = remapT[c.topic[i]];
      }
      yield;
    }
  }
  const nA = actorDict.names.length;
  const nF = affDict.names.length;
  const order = yield* sortOrder(rawDay, rawActor, rawTopic, nA, topicDict.names.length);
  // Pauses around the inverse permutation and the eleven new columns (1M rows: ~45 MB to
  // allocate and zero), which otherwise ran in one step with the last sort pass: a 64 ms task
  // in a Chromium trace of a 1M-row import.
  yield;
  const pos = new Uint32Array(n);
  for (let k = 0; k < n; k++) pos[order[k]] = k;
  yield;

  const day = new Int32Array(n);
  const end = new Int32Array(n);
  const precision = new Uint8Array(n);
  const stance = new Int8Array(n);
  const flags = new Uint8Array(n);
  const actor = new Uint32Array(n);
  const affiliation = new Uint32Array(n);
  const topic = new Uint32Array(n);
  const confidence = new Float32Array(n);
  const line = new Uint32Array(n);
  const dataset = new Uint16Array(n);

  // Month and year periods share few start days: memoize their ends (Date maths is the slow part).
  const endMemo = new Map<number, number>();
  o = 0;
  for (let d = 0; d < ordered.length; d++) {
    const { actor: remapA, affiliation: remapF, topic: remapT } = remaps[d];
    for (const c of ordered[d]) {
      for (let i = 0; i < c.count; i++, o++) {
        const k = pos[o];
        const dy = c.day[i];
        const pc = c.precision[i];
        day[k] = dy;
        precision[k] = pc;
        if (pc === 0) end[k] = dy + 1;
        else {
          const key = dy * 4 + pc;
          let e = endMemo.get(key);
          if (e === undefined) endMemo.set(key, (e = endDay(dy, PRECISION_BY_CODE[pc] ?? 'day')));
          end[k] = e;
        }
        stance[k] = c.stance[i];
        flags[k] = c.flags[i];
        actor[k] = remapA[c.actor[i]];
        affiliation[k] = remapF[c.affiliation[i]];
        topic[k] = remapT[c.topic[i]];
        confidence[k] = c.confidence[i];
        line[k] = c.line[i];
        dataset[k] = d;
      }
      yield;
    }
  }

  const starts = new Uint32Array(ordered.reduce((k, chunks) => k + chunks.length, 0) + 1);
  const texts: StatementChunk['text'][] = [];
  for (const chunks of ordered) {
    for (const c of chunks) {
      starts[texts.length + 1] = starts[texts.length] + c.count;
      texts.push(c.text);
    }
  }
  const text = new TextTable(texts, starts, order);

  const cache: ColumnCache = {
    n,
    day,
    end,
    precision,
    stance,
    flags,
    actor,
    affiliation,
    topic,
    confidence,
    line,
    dataset,
    text,
    actors: actorDict.names,
    affiliations: affDict.names,
    topics: topicDict.names,
    datasets: parts.map((part) => part.meta.id),
    actorAffiliation: mostFrequentAffiliation(actor, affiliation, nA, nF, affDict.index.get('')),
    minDay: 0,
    maxDay: 0,
  };
  if (n > 0) {
    cache.minDay = day[0];
    let last = end[0];
    for (let i = 1; i < n; i++) if (end[i] > last) last = end[i];
    cache.maxDay = last - 1;
  }
  return cache;
}

/** Most frequent non-empty affiliation code per actor, -1 when none; ties go to the lower code. */
export function mostFrequentAffiliation(
  actor: Uint32Array,
  affiliation: Uint32Array,
  nA: number,
  nF: number,
  emptyCode: number | undefined,
): Int32Array {
  const result = new Int32Array(nA).fill(-1);
  const best = new Uint32Array(nA);
  const n = actor.length;
  const bump = (a: number, f: number, count: number) => {
    if (count > best[a] || (count === best[a] && f < result[a])) {
      best[a] = count;
      result[a] = f;
    }
  };
  if (nA * nF <= 1 << 22) {
    // Dense counts when the actor x affiliation table is small (the usual case): no hashing.
    const counts = new Uint32Array(nA * nF);
    for (let i = 0; i < n; i++) {
      const f = affiliation[i];
      if (f === emptyCode) continue;
      const a = actor[i];
      bump(a, f, ++counts[a * nF + f]);
    }
  } else {
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const f = affiliation[i];
      if (f === emptyCode) continue;
      const a = actor[i];
      const key = a * nF + f;
      const c = (counts.get(key) ?? 0) + 1;
      counts.set(key, c);
      bump(a, f, c);
    }
  }
  return result;
}

/**
 * Encodes records into one dataset part (dictionaries in first-appearance order, chunks of
 * `chunkSize` rows), the same shape the import worker stores. Meta fields that only the import
 * knows (file name, counts of rejected rows, fingerprint) are left empty.
 * `recordsToPart([rec], 'd1').meta.actors` -> `['Putin']`.
 */
export function recordsToPart(
  records: readonly StatementRecord[],
  datasetId = 'test',
  chunkSize = 10_000,
): CachePart {
  const encoder = new ChunkEncoder(datasetId);
  const chunks: StatementChunk[] = [];
  for (let start = 0; start < records.length; start += chunkSize) {
    chunks.push(encoder.encode(records.slice(start, start + chunkSize)));
  }
  const minDay = records.length > 0 ? encoder.minDay : 0;
  const maxDay = records.length > 0 ? encoder.maxDay : 0;
  const meta: DatasetMeta = {
    id: datasetId,
    name: datasetId,
    sourceFile: '',
    format: 'native',
    rule: '',
    importedAt: '1970-01-01T00:00:00.000Z',
    status: 'ready',
    rowCount: records.length,
    statementCount: records.length,
    duplicateCount: 0,
    rejectedCount: 0,
    chunkCount: chunks.length,
    actors: encoder.actors.values,
    affiliations: encoder.affiliations.values,
    topics: encoder.topics.values,
    minDay,
    maxDay,
    fingerprint: '',
  };
  return { meta, chunks };
}

/**
 * A cache straight from records (tests, small in-memory imports such as a shared link's
 * fragment). It encodes through `recordsToPart` and `buildCache`, so it behaves exactly like a
 * cache loaded from the store.
 */
export function cacheFromRecords(
  records: readonly StatementRecord[],
  datasetId = 'test',
): ColumnCache {
  return buildCache([recordsToPart(records, datasetId)]);
}
