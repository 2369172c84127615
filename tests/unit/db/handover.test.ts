import { describe, expect, it } from 'vitest';
import { HandedChunks } from '../../../src/db/handover';
import type { DatasetMeta, StatementChunk } from '../../../src/columnar/chunk';
import type { PartMap } from '../../../src/columnar/chunk';
import { PART_CHUNK_BASE } from '../../../src/columnar/parts';

function chunk(no: number, count: number, actor = 0): StatementChunk {
  return {
    datasetId: 'd',
    chunk: no,
    count,
    actor: new Uint32Array(count).fill(actor),
    affiliation: new Uint32Array(count),
    topic: new Uint32Array(count),
    line: new Uint32Array(count).fill(1),
  } as unknown as StatementChunk;
}

function meta(chunkCount: number, statementCount: number, parts?: PartMap[]): DatasetMeta {
  return { id: 'd', chunkCount, statementCount, ...(parts ? { parts } : {}) } as DatasetMeta;
}

const part: PartMap = {
  firstChunk: PART_CHUNK_BASE,
  lineOffset: 10,
  actors: [4],
  affiliations: [0],
  topics: [0],
};

describe('the chunks an import handed to the page', () => {
  it('are the new dataset, in chunk order, when they are exactly what the store describes', () => {
    const handed = new HandedChunks();
    handed.put(chunk(1, 5));
    handed.put(chunk(0, 10));
    expect(handed.take(meta(2, 15))?.map((c) => c.chunk)).toEqual([0, 1]);
  });

  it('are not used when one is missing, so the page reads the store instead', () => {
    const handed = new HandedChunks();
    handed.put(chunk(0, 10));
    expect(handed.take(meta(2, 15))).toBeNull();
  });

  it('use the rewritten version of a chunk, and leave out a chunk deleted again', () => {
    const handed = new HandedChunks();
    handed.put(chunk(0, 10));
    handed.put(chunk(PART_CHUNK_BASE, 6));
    handed.put(chunk(PART_CHUNK_BASE + 1, 4));
    handed.put(chunk(PART_CHUNK_BASE, 5));
    handed.gone('d', PART_CHUNK_BASE + 1);
    const taken = handed.take(meta(2, 15, [part]));
    expect(taken?.map((c) => [c.chunk, c.count])).toEqual([
      [0, 10],
      [PART_CHUNK_BASE, 5],
    ]);
  });

  it("read a second worker's chunks with the dataset's codes and lines", () => {
    const handed = new HandedChunks();
    handed.put(chunk(0, 2));
    handed.put(chunk(PART_CHUNK_BASE, 2));
    const [, second] = handed.take(meta(2, 4, [part]))!;
    expect([...second.actor, ...second.line]).toEqual([4, 4, 11, 11]);
  });

  it("leave out a second worker's chunks when the import read the rest itself", () => {
    const handed = new HandedChunks();
    handed.put(chunk(0, 10));
    handed.put(chunk(PART_CHUNK_BASE, 6));
    expect(handed.take(meta(1, 10))?.map((c) => c.chunk)).toEqual([0]);
  });

  it('are let go once taken', () => {
    const handed = new HandedChunks();
    handed.put(chunk(0, 10));
    expect(handed.take(meta(1, 10))).not.toBeNull();
    expect(handed.take(meta(1, 10))).toBeNull();
  });
});
