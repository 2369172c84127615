import { endDay } from '../domain/dates';
import type { StatementFields } from '../domain/edits';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  PRECISION_BY_CODE,
  PRECISION_CODE,
  type StanceValue,
} from '../domain/types';
import { mergeDictionary, mostFrequentAffiliation, sortOrder } from './cache';
import { carryAffiliationGroups } from './affiliation-groups';
import { carryDerived } from './filter';
import { carryAllRowsIndex } from './matrix-states';
import { carryPairIndex } from './steps';
import type { EditedText } from './text';
import type { ColumnCache } from './types';

/**
 * Corrections made in the app, laid over the column cache: the stored chunks keep the file's
 * values, and the cache shows each statement's latest version (src/domain/edits.ts).
 */

/** Cache row `row`'s editable fields as the views show them. */
export function fieldsAt(cache: ColumnCache, row: number): StatementFields {
  const flags = cache.flags[row];
  return {
    day: cache.day[row],
    precision: PRECISION_BY_CODE[cache.precision[row]] ?? 'day',
    actor: cache.actors[cache.actor[row]],
    affiliation: cache.affiliations[cache.affiliation[row]],
    topic: cache.topics[cache.topic[row]],
    stance: cache.stance[row] as StanceValue,
    conditional: (flags & FLAG_CONDITIONAL) !== 0,
    uncoded: (flags & FLAG_UNCODED) !== 0,
    conditions: cache.text.get('conditions', row),
    quote: cache.text.get('quote', row),
    summary: cache.text.get('summary', row),
    target: cache.text.get('target', row),
    confidence: cache.confidence[row],
  };
}

/** Below this many ids each is found by its own search of the id column; above, one sweep. */
const FIND_EACH = 16;

/** The cache row of each id that the cache holds. */
export function rowsOfIds(cache: ColumnCache, ids: Iterable<string>): Map<string, number> {
  const wanted = new Set(ids);
  const rows = new Map<string, number>();
  if (wanted.size <= FIND_EACH) {
    for (const id of wanted) {
      const row = cache.text.find('id', id);
      if (row !== -1) rows.set(id, row);
    }
    return rows;
  }
  for (let r = 0; r < cache.n && rows.size < wanted.size; r++) {
    const id = cache.text.get('id', r);
    if (wanted.has(id) && !rows.has(id)) rows.set(id, r);
  }
  return rows;
}

/**
 * The cache with `edits` (latest fields by statement id) applied; ids it does not hold are
 * ignored. A change of stance or text writes into the rows in place (the returned cache is a new
 * object over the same columns, so every view recomputes); a change of date, actor, affiliation
 * or topic also re-sorts the rows and, for a new name, the dictionary, as a fresh build would.
 */
export function applyEdits(
  cache: ColumnCache,
  edits: ReadonlyMap<string, StatementFields>,
  /** The cache rows of the edited ids, when the caller knows them (absent ids: not held). */
  known?: ReadonlyMap<string, number>,
): ColumnCache {
  if (edits.size === 0 || cache.n === 0) return cache;
  const rows = known ?? rowsOfIds(cache, edits.keys());
  if (rows.size === 0) return cache;
  const moved: [number, StatementFields][] = [];
  const text = new Map(cache.text.edits);
  for (const [id, row] of rows.entries()) {
    const fields = edits.get(id)!;
    cache.stance[row] = fields.uncoded ? 0 : fields.stance;
    cache.flags[row] =
      (cache.flags[row] & ~(FLAG_CONDITIONAL | FLAG_UNCODED)) |
      (fields.conditional && !fields.uncoded ? FLAG_CONDITIONAL : 0) |
      (fields.uncoded ? FLAG_UNCODED : 0);
    cache.confidence[row] = fields.confidence;
    const values: EditedText = {
      conditions: fields.conditions,
      quote: fields.quote,
      summary: fields.summary,
      target: fields.target,
    };
    text.set(cache.text.sourceOf(row), values);
    if (placeChanged(cache, row, fields)) moved.push([row, fields]);
  }
  const next: ColumnCache = { ...cache, text: cache.text.withEdits(text), edited: undefined };
  if (moved.length > 0) return reorder(next, moved);
  next.edited = { from: cache, rows: Uint32Array.from(rows.values()).sort() };
  // One step back is all a view patches from; a longer chain would keep old caches alive.
  cache.edited = undefined;
  // Same days, names and row order: what was worked out from those alone still holds (1M rows:
  // the pair index and the matrix's row index are ~20 ms each to build again).
  carryPairIndex(cache, next);
  carryAffiliationGroups(cache, next);
  carryAllRowsIndex(cache, next);
  carryDerived(cache, next);
  return next;
}

function placeChanged(cache: ColumnCache, row: number, f: StatementFields): boolean {
  return (
    cache.day[row] !== f.day ||
    cache.precision[row] !== PRECISION_CODE[f.precision] ||
    cache.actors[cache.actor[row]] !== f.actor ||
    cache.affiliations[cache.affiliation[row]] !== f.affiliation ||
    cache.topics[cache.topic[row]] !== f.topic
  );
}

/** A dictionary with `added` names merged in, and each old code's new code. */
function widen(names: string[], added: Iterable<string>): { names: string[]; remap: Uint32Array } {
  const merged = mergeDictionary([names, [...added]]);
  return {
    names: merged.names,
    remap: Uint32Array.from(names, (name) => merged.index.get(name)!),
  };
}

function recode(codes: Uint32Array, remap: Uint32Array): Uint32Array {
  const out = new Uint32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = remap[codes[i]];
  return out;
}

/** Rows whose date or names changed: recode, re-sort by (day, actor, topic, file order). */
function reorder(cache: ColumnCache, moved: [number, StatementFields][]): ColumnCache {
  let { actors, affiliations, topics, actor, affiliation, topic } = cache;
  const newActors = moved.map(([, f]) => f.actor).filter((a) => !actors.includes(a));
  const newAffs = moved.map(([, f]) => f.affiliation).filter((a) => !affiliations.includes(a));
  const newTopics = moved.map(([, f]) => f.topic).filter((t) => !topics.includes(t));
  if (newActors.length > 0) {
    const w = widen(actors, newActors);
    actors = w.names;
    actor = recode(actor, w.remap);
  }
  if (newAffs.length > 0) {
    const w = widen(affiliations, newAffs);
    affiliations = w.names;
    affiliation = recode(affiliation, w.remap);
  }
  if (newTopics.length > 0) {
    const w = widen(topics, newTopics);
    topics = w.names;
    topic = recode(topic, w.remap);
  }
  const { day, end, precision } = cache;
  const actorCode = new Map(actors.map((name, i) => [name, i]));
  const affCode = new Map(affiliations.map((name, i) => [name, i]));
  const topicCode = new Map(topics.map((name, i) => [name, i]));
  for (const [row, f] of moved) {
    day[row] = f.day;
    precision[row] = PRECISION_CODE[f.precision];
    end[row] = endDay(f.day, f.precision);
    actor[row] = actorCode.get(f.actor)!;
    affiliation[row] = affCode.get(f.affiliation)!;
    topic[row] = topicCode.get(f.topic)!;
  }

  // Sort keys by source position, so ties keep file order exactly as a fresh build orders them.
  const n = cache.n;
  const rowAt = new Uint32Array(n);
  const rawDay = new Int32Array(n);
  const rawActor = new Uint32Array(n);
  const rawTopic = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const g = cache.text.sourceOf(r);
    rowAt[g] = r;
    rawDay[g] = day[r];
    rawActor[g] = actor[r];
    rawTopic[g] = topic[r];
  }
  const steps = sortOrder(rawDay, rawActor, rawTopic, actors.length, topics.length);
  let step = steps.next();
  while (!step.done) step = steps.next();
  const src = step.value;
  const pick = <
    T extends Int32Array | Uint32Array | Uint8Array | Int8Array | Float32Array | Uint16Array,
  >(
    column: T,
  ): T => {
    const out = new (column.constructor as new (n: number) => T)(n);
    for (let k = 0; k < n; k++) out[k] = column[rowAt[src[k]]];
    return out;
  };
  const sorted: ColumnCache = {
    ...cache,
    day: pick(day),
    end: pick(end),
    precision: pick(precision),
    stance: pick(cache.stance),
    flags: pick(cache.flags),
    actor: pick(actor),
    affiliation: pick(affiliation),
    topic: pick(topic),
    confidence: pick(cache.confidence),
    line: pick(cache.line),
    dataset: pick(cache.dataset),
    text: cache.text.withEdits(cache.text.edits, src),
    actors,
    affiliations,
    topics,
  };
  sorted.actorAffiliation = mostFrequentAffiliation(
    sorted.actor,
    sorted.affiliation,
    actors.length,
    affiliations.length,
    affCode.get(''),
  );
  sorted.minDay = sorted.day[0];
  let last = sorted.end[0];
  for (let i = 1; i < n; i++) if (sorted.end[i] > last) last = sorted.end[i];
  sorted.maxDay = last - 1;
  return sorted;
}

/** True when cache row `row` has versions saved in the app. */
export function isEdited(cache: ColumnCache, row: number): boolean {
  const edits = cache.text.edits;
  return edits.size > 0 && edits.has(cache.text.sourceOf(row));
}

/** True when any of `rows` has versions saved in the app. */
export function anyEdited(cache: ColumnCache, rows: ArrayLike<number>): boolean {
  if (cache.text.edits.size === 0) return false;
  for (let i = 0; i < rows.length; i++) if (isEdited(cache, rows[i])) return true;
  return false;
}
