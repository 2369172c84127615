/**
 * The import graph of `src`, read as text: every relative specifier of an `import`/`export ...
 * from`, a bare `import '...'` or a dynamic `import('...')` in .ts and .svelte files, resolved to
 * a file. Keys and targets are paths relative to `src`, like `query/matrix.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type Graph = Map<string, string[]>;

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** `./steps` from `query/matrix.ts` -> `query/steps.ts`; null for a non-source file (a CSV). */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  const base = resolve(dirname(join(root, from)), specifier.replace(/\?.*$/, ''));
  for (const path of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (/\.(ts|svelte)$/.test(path) && existsSync(path)) return relative(root, path);
  }
  return null;
}

/** Every source file of `root` with the source files it imports, sorted. */
export function importGraph(root: string): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)
    .map((f) => relative(root, f))
    .sort()) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = new Set<string>();
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      const target = resolveSpecifier(root, file, specifier);
      if (target) targets.add(target);
      else if (/\.(ts|svelte)$|^[^.]*$/.test(specifier.split('/').pop()!)) {
        throw new Error(`${file}: cannot resolve ${specifier}`);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), each sorted. */
export function cyclicGroups(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A shortest cycle through a group's first file, as `a -> b -> a`. */
export function cycleText(graph: Graph, group: string[]): string {
  const inGroup = new Set(group);
  const start = group[0];
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0 && !parent.has(start)) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inGroup.has(w) || parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  const path = [start];
  for (let v = parent.get(start)!; v !== start; v = parent.get(v)!) path.unshift(v);
  return [start, ...path].join(' -> ');
}
