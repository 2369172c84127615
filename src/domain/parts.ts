import type { StatementChunk } from './columns';

/**
 * Chunks stored by a second import worker (src/ingest/part.ts), which reads the later half of
 * a large file at the same time as the import worker reads the first. That worker cannot know
 * the dataset's dictionary codes or the file line its half starts on until the first half is
 * read, so its chunks are stored with its own codes and lines counted from its own first line,
 * and the dataset's metadata keeps this map to read them by. Rewriting them instead would clone
 * all their text into IndexedDB a second time, on the import's critical path.
 */
export interface PartMap {
  /** Chunks numbered from here on belong to the part (`PART_CHUNK_BASE`). */
  firstChunk: number;
  /** Added to each stored line: the file line before the part's first line. */
  lineOffset: number;
  /** The dataset's code of each of the part's own codes (index = the part's code). */
  actors: number[];
  affiliations: number[];
  topics: number[];
}

/**
 * The second worker numbers its chunks from here: far past any first half (2^24 chunks of 10k
 * rows), so chunk order stays file order and the two workers never write the same key.
 */
export const PART_CHUNK_BASE = 2 ** 24;

/**
 * Rewrites, in place, the codes and lines of the chunks a part map covers, so they read as the
 * dataset's own; chunks before every map's `firstChunk` are left as they are. Returns `chunks`.
 * `applyParts([{ chunk: 2 ** 24, actor: [0], line: [1], ... }],
 *   [{ firstChunk: 2 ** 24, lineOffset: 500, actors: [7], ... }])`
 * -> that chunk with `actor: [7]` and `line: [501]`.
 */
export function applyParts(
  chunks: StatementChunk[],
  parts: readonly PartMap[] | undefined,
): StatementChunk[] {
  if (!parts || parts.length === 0) return chunks;
  for (const chunk of chunks) {
    let map: PartMap | null = null;
    for (const p of parts) {
      if (chunk.chunk >= p.firstChunk && (!map || p.firstChunk > map.firstChunk)) map = p;
    }
    if (!map) continue;
    remap(chunk.actor, map.actors);
    remap(chunk.affiliation, map.affiliations);
    remap(chunk.topic, map.topics);
    const { line } = chunk;
    for (let i = 0; i < line.length; i++) line[i] += map.lineOffset;
  }
  return chunks;
}

function remap(codes: Uint32Array, to: readonly number[]): void {
  for (let i = 0; i < codes.length; i++) codes[i] = to[codes[i]];
}

/**
 * The lowest and highest day of a chunk's rows; `[Infinity, -Infinity]` for none.
 * `dayRange(Int32Array.of(20075, 19000))` -> `[19000, 20075]`.
 */
export function dayRange(days: Int32Array): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const day of days) {
    if (day < low) low = day;
    if (day > high) high = day;
  }
  return [low, high];
}
