import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycleText, cyclicGroups, importGraph, type Graph } from './import-graph';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

/** Groups of files that import each other, known and being taken apart elsewhere; a new cycle,
 * or a new file in a known group, fails the test. */
const KNOWN_CYCLES = [
  // Issue 21 item 1 moves the import orchestration and ImportRequest out of db/importer.
  ['db/importer.ts', 'ingest/part.ts', 'ingest/protocol.ts'],
];

const graph = importGraph(SRC);

/** Each group of files that import each other, but for the known ones, as one of its cycles. */
function unknownCycles(g: Graph): string[] {
  const known = new Set(KNOWN_CYCLES.map((pair) => [...pair].sort().join(' ')));
  return cyclicGroups(g)
    .filter((group) => !known.has(group.join(' ')))
    .map((group) => cycleText(g, group));
}

describe('the import graph of src', () => {
  it('reads the imports of .ts and .svelte files', () => {
    expect(graph.get('query/matrix.ts')).toContain('query/types.ts');
    expect(graph.get('App.svelte')).toContain('state/app.svelte.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import cycle but the known ones', () => {
    expect(unknownCycles(graph)).toEqual([]);
  });

  it('names a cycle it finds, and a new file in a known one', () => {
    const g: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['db/importer.ts', ['ingest/part.ts']],
      ['ingest/part.ts', ['db/importer.ts', 'ingest/protocol.ts']],
      ['ingest/protocol.ts', ['db/importer.ts']],
    ]);
    expect(unknownCycles(g)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
    g.set('ingest/part.ts', ['db/importer.ts', 'ingest/protocol.ts', 'd.ts']);
    g.set('d.ts', ['db/importer.ts']);
    expect(unknownCycles(g)).toEqual([
      'a.ts -> b.ts -> c.ts -> a.ts',
      'd.ts -> db/importer.ts -> ingest/part.ts -> d.ts',
    ]);
  });
});

/** Folders of src and the folders each may not import: arrows go ingest -> db -> query -> views. */
const FORBIDDEN: [string, string[]][] = [
  ['domain', ['db', 'ingest', 'query', 'state', 'views', 'export', 'url']],
  ['query', ['db', 'state', 'views']],
  ['db', ['state', 'views']],
  ['util', ['domain', 'db', 'ingest', 'query', 'state', 'views', 'export', 'url']],
];

const folder = (file: string) => file.split('/')[0];

describe('layers', () => {
  it.each(FORBIDDEN)('nothing in src/%s imports from %j', (from, forbidden) => {
    const wrong = [...graph]
      .filter(([file]) => folder(file) === from)
      .flatMap(([file, targets]) =>
        targets.filter((t) => forbidden.includes(folder(t))).map((t) => `${file} -> ${t}`),
      );
    expect(wrong).toEqual([]);
  });
});
