import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycleText, cyclicGroups, importGraph, type Graph } from './import-graph';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

const graph = importGraph(SRC);

/** Each group of files that import each other, as one of its cycles. */
function cycles(g: Graph): string[] {
  return cyclicGroups(g).map((group) => cycleText(g, group));
}

describe('the import graph of src', () => {
  it('reads the imports of .ts and .svelte files', () => {
    expect(graph.get('query/matrix.ts')).toContain('query/types.ts');
    expect(graph.get('App.svelte')).toContain('state/app.svelte.ts');
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('names each cycle it finds', () => {
    const g: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['db/store.ts', ['ingest/part.ts']],
      ['ingest/part.ts', ['ingest/protocol.ts']],
      ['ingest/protocol.ts', []],
    ]);
    expect(cycles(g)).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
    g.set('ingest/part.ts', ['ingest/protocol.ts', 'd.ts']);
    g.set('d.ts', ['db/store.ts']);
    expect(cycles(g)).toEqual([
      'a.ts -> b.ts -> c.ts -> a.ts',
      'd.ts -> db/store.ts -> ingest/part.ts -> d.ts',
    ]);
  });
});

/** Folders of src and the folders each may not import: arrows go ingest -> db -> query -> views. */
const FORBIDDEN: [string, string[]][] = [
  ['domain', ['columnar', 'db', 'ingest', 'query', 'state', 'views', 'export', 'url']],
  ['columnar', ['db', 'ingest', 'query', 'state', 'views', 'export', 'url']],
  ['query', ['db', 'state', 'views']],
  ['db', ['ingest', 'state', 'views']],
  ['util', ['domain', 'columnar', 'db', 'ingest', 'query', 'state', 'views', 'export', 'url']],
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
