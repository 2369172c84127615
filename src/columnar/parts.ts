import type { PartMap, StatementChunk } from './chunk';

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
