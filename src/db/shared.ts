import { chunkArrays, type DatasetMeta, type StatementChunk } from '../columnar/chunk';
import { ContentFingerprint } from '../columnar/content-fingerprint';
import { Dictionary, packFor } from '../columnar/encode';
import { packText, textAt, unpackText } from '../columnar/packed';
import type { PartMap } from '../columnar/chunk';
import { PART_CHUNK_BASE } from '../columnar/parts';
import { TEXT_COLUMNS, type TextColumn } from '../domain/types';
import type { StanceDB } from './db';

/**
 * Statements two datasets both hold. An import stores a statement whose id is already stored
 * only once, in the dataset that has it (the later one counts it as a duplicate), and the later
 * dataset notes its id in `meta.shared`. Deleting the first dataset then moves those statements
 * to the later one instead of removing them: a statement two files both contain belongs to both.
 */

/**
 * The ids stored in other datasets, each with its content hash (src/columnar/content-hash.ts), as
 * the import's duplicate and update check reads them; each one the file also holds is
 * remembered (`hits`), to be recorded as shared.
 * `k = new KnownIds([['a', 1]]); k.has('a'); k.has('b')` -> `k.hits` is `{'a'}`.
 */
export class KnownIds extends Map<string, number> {
  readonly hits = new Set<string>();

  override has(id: string): boolean {
    const found = super.has(id);
    if (found) this.hits.add(id);
    return found;
  }
}

/** What moving a deleted dataset's statements did to one dataset, to undo it. */
export interface Rehomed {
  /** The dataset's row before the move. */
  before: DatasetMeta;
  /** The chunk numbers added to it. */
  chunks: number[];
  /** How many statements moved to it. */
  moved: number;
}

/** Rows per chunk written for moved statements: the import's chunk size. */
const CHUNK_ROWS = 10_000;

/** The shared ids of a dataset row (none when it has no list). */
export function sharedIds(meta: DatasetMeta): string[] {
  return meta.shared ? unpackText(meta.shared) : [];
}

/**
 * Moves the statements of `gone` (its chunks as stored: `raw`) that other ready datasets list
 * as shared to the oldest of them, with the dataset's own codes; `stays` gives the ids that
 * need no move (a new version of `gone` holds them). Both are read only when some dataset
 * shares. Call inside a read-write transaction over datasets and chunks, before `gone` is
 * deleted. Returns what changed, to undo it.
 */
export async function rehomeShared(
  database: StanceDB,
  gone: DatasetMeta,
  raw: () => Promise<StatementChunk[]>,
  stays: () => Promise<ReadonlySet<string>> = async () => new Set(),
): Promise<Rehomed[]> {
  const others = (await database.datasets.where('status').equals('ready').toArray())
    .filter((d) => d.id !== gone.id && d.shared && d.shared.ends.length > 0)
    .sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  if (others.length === 0) return [];
  const ownerOf = new Map<string, DatasetMeta>();
  for (const other of others) {
    for (const id of sharedIds(other)) if (!ownerOf.has(id)) ownerOf.set(id, other);
  }
  const staying = await stays();
  const moving = new Map<DatasetMeta, Row[]>();
  for (const chunk of await raw()) {
    const map = partFor(chunk.chunk, gone.parts);
    for (let i = 0; i < chunk.count; i++) {
      const id = textAt(chunk.text.id, i);
      const owner = ownerOf.get(id);
      if (!owner || staying.has(id)) continue;
      // The first dataset that lists it takes it; it holds the id now, no longer shares it.
      ownerOf.delete(id);
      const rows = moving.get(owner) ?? [];
      rows.push({ chunk, i, map });
      moving.set(owner, rows);
    }
  }
  const changed: Rehomed[] = [];
  for (const [owner, rows] of moving) changed.push(await moveInto(database, gone, owner, rows));
  return changed;
}

/** One row of a stored chunk, with the part map its codes are read through (if any). */
interface Row {
  chunk: StatementChunk;
  i: number;
  map: PartMap | null;
}

function partFor(chunkNo: number, parts: readonly PartMap[] | undefined): PartMap | null {
  let map: PartMap | null = null;
  for (const p of parts ?? []) {
    if (chunkNo >= p.firstChunk && (!map || p.firstChunk > map.firstChunk)) map = p;
  }
  return map;
}

/** Writes `rows` of `gone` as new chunks of `owner` and updates its row; returns the undo. */
async function moveInto(
  database: StanceDB,
  gone: DatasetMeta,
  owner: DatasetMeta,
  rows: Row[],
): Promise<Rehomed> {
  const keys = await database.chunks.where('datasetId').equals(owner.id).primaryKeys();
  // Numbered after the owner's own first-half chunks: read with its own codes, not a part map.
  let next = 1 + Math.max(-1, ...keys.map((k) => k[1]).filter((n) => n < PART_CHUNK_BASE));
  const dicts = {
    actor: dictionary(owner.actors),
    affiliation: dictionary(owner.affiliations),
    topic: dictionary(owner.topics),
  };
  const from = { actor: gone.actors, affiliation: gone.affiliations, topic: gone.topics };
  const maps = { actor: 'actors', affiliation: 'affiliations', topic: 'topics' } as const;
  const written: StatementChunk[] = [];
  let { minDay, maxDay } = owner;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const part = rows.slice(start, start + CHUNK_ROWS);
    const n = part.length;
    const out: StatementChunk = {
      datasetId: owner.id,
      chunk: next++,
      count: n,
      // Zeros; `line` stays so: the row's line in the owner's file is not known (the import
      // skipped the row there).
      ...chunkArrays((_, Type) => new Type(n)),
      text: {} as StatementChunk['text'],
    };
    part.forEach(({ chunk, i, map }, k) => {
      out.day[k] = chunk.day[i];
      out.precision[k] = chunk.precision[i];
      out.stance[k] = chunk.stance[i];
      out.flags[k] = chunk.flags[i];
      out.confidence[k] = chunk.confidence[i];
      for (const col of ['actor', 'affiliation', 'topic'] as const) {
        const code = map ? map[maps[col]][chunk[col][i]] : chunk[col][i];
        out[col][k] = dicts[col].code(from[col][code] ?? '');
      }
      minDay = Math.min(minDay, chunk.day[i]);
      maxDay = Math.max(maxDay, chunk.day[i]);
    });
    for (const col of TEXT_COLUMNS) {
      out.text[col as TextColumn] = packFor(
        col,
        part.map(({ chunk, i }) => textAt(chunk.text[col], i)),
      );
    }
    written.push(out);
  }
  await database.chunks.bulkAdd(written);
  const moved = new Set(rows.map(({ chunk, i }) => textAt(chunk.text.id, i)));
  const fingerprint = new ContentFingerprint();
  await database.chunks
    .where('datasetId')
    .equals(owner.id)
    .each((c) => {
      for (let i = 0; i < c.count; i++) fingerprint.add(textAt(c.text.id, i));
    });
  await database.datasets.put({
    ...owner,
    statementCount: owner.statementCount + rows.length,
    chunkCount: owner.chunkCount + written.length,
    duplicateCount: Math.max(0, owner.duplicateCount - rows.length),
    actors: dicts.actor.values,
    affiliations: dicts.affiliation.values,
    topics: dicts.topic.values,
    minDay,
    maxDay,
    fingerprint: fingerprint.value(),
    shared: packText(sharedIds(owner).filter((id) => !moved.has(id))),
  });
  return { before: owner, chunks: written.map((c) => c.chunk), moved: rows.length };
}

function dictionary(values: readonly string[]): Dictionary {
  const d = new Dictionary();
  for (const v of values) d.code(v);
  return d;
}

/**
 * Takes moved statements out of the datasets they went to, as they were before the move (their
 * name and visibility as they are now). Call inside a read-write transaction.
 */
export async function undoRehome(database: StanceDB, changed: readonly Rehomed[]): Promise<void> {
  for (const { before, chunks } of changed) {
    const now = await database.datasets.get(before.id);
    if (!now) continue;
    await database.chunks.bulkDelete(chunks.map((n) => [before.id, n] as [string, number]));
    await database.datasets.put({ ...before, name: now.name, hidden: now.hidden });
  }
}
