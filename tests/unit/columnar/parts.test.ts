import { describe, expect, it } from 'vitest';
import type { StatementChunk } from '../../../src/columnar/chunk';
import type { PartMap } from '../../../src/columnar/chunk';
import { applyParts, dayRange, PART_CHUNK_BASE } from '../../../src/columnar/parts';

/** A chunk with only the columns a part map touches filled in. */
function chunk(no: number, actor: number[], line: number[]): StatementChunk {
  return {
    chunk: no,
    count: actor.length,
    actor: Uint32Array.from(actor),
    affiliation: Uint32Array.from(actor),
    topic: Uint32Array.from(actor),
    line: Uint32Array.from(line),
  } as unknown as StatementChunk;
}

const map: PartMap = {
  firstChunk: PART_CHUNK_BASE,
  lineOffset: 500,
  actors: [7, 3],
  affiliations: [0, 1],
  topics: [4, 2],
};

describe('reading chunks a second import worker stored', () => {
  it("gives the second worker's chunks the dataset's codes and file lines", () => {
    const [read] = applyParts([chunk(PART_CHUNK_BASE + 1, [1, 0], [1, 9])], [map]);
    expect([...read.actor]).toEqual([3, 7]);
    expect([...read.affiliation]).toEqual([1, 0]);
    expect([...read.topic]).toEqual([2, 4]);
    expect([...read.line]).toEqual([501, 509]);
  });

  it("leaves the import worker's own chunks as they are", () => {
    const [read] = applyParts([chunk(3, [1, 0], [1, 9])], [map]);
    expect([...read.actor]).toEqual([1, 0]);
    expect([...read.line]).toEqual([1, 9]);
  });

  it('changes nothing for a dataset read by one worker', () => {
    const [read] = applyParts([chunk(PART_CHUNK_BASE, [1], [2])], undefined);
    expect([...read.actor, ...read.line]).toEqual([1, 2]);
  });
});

describe('dayRange', () => {
  it.each([
    [
      [20075, 19000, 19500],
      [19000, 20075],
    ],
    [[], [Infinity, -Infinity]],
  ])('of %j is %j', (days, range) => {
    expect(dayRange(Int32Array.from(days))).toEqual(range);
  });
});
