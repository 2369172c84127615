// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../../scripts/gen-lib.mjs';
import { backupOfDeleted, createBackup, restoreBackup } from '../../../src/db/backup';
import { StanceDB } from '../../../src/db/db';
import { HandedChunks } from '../../../src/db/handover';
import {
  datasetChunks,
  deleteDataset,
  deleteWithUndo,
  readyDatasets,
  undoDelete,
} from '../../../src/db/store';
import { PART_CHUNK_BASE } from '../../../src/columnar/parts';
import { importIntoDb } from '../../../src/ingest/importer';
import { requestFromPreview, type ImportRequest } from '../../../src/ingest/protocol';
import {
  firstHalf,
  linkSecond,
  partOptions,
  storePart,
  type SecondPart,
} from '../../../src/ingest/part';
import { previewText } from '../../../src/ingest/preview';
import { stripBom } from '../../../src/ingest/detect';
import { asAsync, fixtureText, type Fixture } from '../ingest/helpers';
import { loadAll, seen } from './helpers';

/**
 * A large file is read by two workers, split at a line feed (src/ingest/part.ts). Whatever the
 * cut, the stored statements and the report must be exactly those of one reader: the same ids,
 * lines, duplicates and rejected rows. The second worker is played here in-process by the same
 * code it runs (`storePart`).
 */
let databases: StanceDB[] = [];

beforeEach(() => {
  databases = [];
});

afterEach(async () => {
  for (const d of databases) await d.delete();
});

function freshDb(): StanceDB {
  const d = new StanceDB(`split-${Math.random().toString(36).slice(2)}`);
  databases.push(d);
  return d;
}

function requestFor(text: string): ImportRequest {
  return requestFromPreview(previewText(text), 'file', 'file.csv');
}

/** Text in pieces of 7 characters, as a stream would cut it. */
function pieces(text: string): AsyncIterable<string> {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 7) out.push(text.slice(i, i + 7));
  return asAsync(out);
}

/**
 * The second half read in-process by the code the second worker runs (`storePart`), storing
 * into the same database, and talking to the import through the same link as a real worker.
 */
function inProcessSecond(
  rest: string,
  request: ImportRequest,
  database: StanceDB,
  handed: HandedChunks,
): SecondPart {
  const stop = new AbortController();
  let begin!: (id: string) => void;
  const datasetId = new Promise<string>((resolve) => (begin = resolve));
  const { part, receive } = linkSecond((m) => {
    if (m.type === 'part-begin') begin(m.datasetId);
    else stop.abort();
  });
  storePart(
    pieces(rest),
    { ...partOptions(request), batchSize: 4, signal: stop.signal },
    database,
    datasetId,
    (ids) => receive({ type: 'part-ids', ...ids }),
    undefined,
    (chunk) => handed.put(structuredClone(chunk)),
  ).then(
    (result) => receive({ type: 'part-done', ...result }),
    (e: Error) => receive({ type: 'error', message: e.message, name: e.name }),
  );
  return part;
}

/** What the user sees after an import: the report and every stored statement. */
async function outcome(database: StanceDB, report: Awaited<ReturnType<typeof importIntoDb>>) {
  const cache = await loadAll(database);
  const datasets = (await readyDatasets(database)).map((d) => ({
    rows: d.rowCount,
    statements: d.statementCount,
    duplicates: d.duplicateCount,
    rejected: d.rejectedCount,
    days: [d.minDay, d.maxDay],
    fingerprint: d.fingerprint,
  }));
  return {
    summary: report.summary,
    datasets,
    statements: Array.from({ length: cache.n }, (_, i) => ({
      ...seen(cache, i),
      summaryText: cache.text.get('summary', i),
    })),
  };
}

async function single(text: string, before?: string) {
  const database = freshDb();
  if (before) await importIntoDb(database, pieces(before), requestFor(before));
  const report = await importIntoDb(database, pieces(text), requestFor(text), { batchSize: 5 });
  return outcome(database, report);
}

async function split(text: string, cut: number, before?: string) {
  const database = freshDb();
  if (before) await importIntoDb(database, pieces(before), requestFor(before));
  const request = requestFor(text);
  // What the page is handed as the chunks are stored (copies, as a message would carry them).
  const handed = new HandedChunks();
  const second = inProcessSecond(text.slice(cut), request, database, handed);
  const quotes = true;
  const first = firstHalf(
    pieces(text.slice(0, cut)),
    () => pieces(text.slice(cut)),
    quotes,
    second,
  );
  const report = await importIntoDb(database, first, request, {
    batchSize: 5,
    second,
    onChunk: (chunk) => handed.put(structuredClone(chunk)),
    onChunkGone: (id, chunk) => handed.gone(id, chunk),
  });
  // The page shows a new dataset from what it was handed: exactly what the store holds.
  for (const meta of await readyDatasets(database)) {
    if (meta.id === report.datasetId) {
      expect(handed.take(meta)).toEqual(await datasetChunks(database, meta));
    }
  }
  return { ...(await outcome(database, report)), used: second.use, database, report };
}

/** Every position just after a line feed, except the very end. */
function cuts(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) {
    out.push(i + 1);
  }
  return out;
}

const FIXTURES: Fixture[] = ['clean.csv', 'bad-rows.csv', 'messy.csv'];

describe('a file read in two halves by two workers', () => {
  it.each(FIXTURES)('stores what one reader stores, wherever %s is cut', async (name) => {
    const text = stripBom(fixtureText(name));
    const expected = await single(text);
    expect(expected.statements.length).toBeGreaterThan(0);
    let halves = 0;
    for (const cut of cuts(text)) {
      const { used, database: _d, report: _r, ...got } = await split(text, cut);
      expect({ cut, ...got }).toEqual({ cut, ...expected });
      if (used) halves++;
    }
    // Most cuts really are read as two halves (the others fall inside quotes).
    expect(halves).toBeGreaterThan(cuts(text).length / 2);
  });

  it('reads on alone when the cut falls inside a quoted field, with the same result', async () => {
    const text = stripBom(fixtureText('messy.csv'));
    const expected = await single(text);
    const insideQuotes = cuts(text).filter((c) => {
      let odd = false;
      for (let i = 0; i < c; i++) if (text[i] === '"') odd = !odd;
      return odd;
    });
    expect(insideQuotes.length).toBeGreaterThan(0);
    for (const cut of insideQuotes) {
      const { used, database, report: _r, ...got } = await split(text, cut);
      expect(used).toBe(false);
      // Nothing the second worker stored before it was stopped is left.
      expect((await database.chunks.toArray()).filter((c) => c.chunk >= PART_CHUNK_BASE)).toEqual(
        [],
      );
      expect(got).toEqual(expected);
    }
  });

  it('counts an id of the first half repeated in the second as a duplicate, as one reader does', async () => {
    const base = generateCsv({ rows: 60, seed: 3 }) as string;
    const lines = base.trimEnd().split('\n');
    // Rows 5 and 40 again near the end, and a row of the second half twice.
    const text = [...lines, lines[5], lines[40], lines[50], lines[50]].join('\n') + '\n';
    const expected = await single(text);
    expect(expected.summary.duplicates).toBe(4);
    for (const cut of cuts(text).filter((_, i) => i % 9 === 0)) {
      const { used, database: _d, report: _r, ...got } = await split(text, cut);
      expect(used).toBe(true);
      expect(got).toEqual(expected);
    }
  });

  it('counts ids already stored as duplicates in both halves', async () => {
    const text = generateCsv({ rows: 40, seed: 4 }) as string;
    const expected = await single(text, text);
    expect(expected.summary).toMatchObject({ added: 0, duplicates: 40 });
    const got = await split(text, cuts(text)[20], text);
    expect(got.summary).toEqual(expected.summary);
  });

  it('counts stored ids with other content as updates in either half, as one reader does', async () => {
    const text = generateCsv({ rows: 40, seed: 4 }) as string;
    const lines = text.trimEnd().split('\n');
    const restance = (line: string) => {
      const cells = line.split(',');
      cells[5] = cells[5] === '2' ? '1' : '2';
      return cells.join(',');
    };
    lines[5] = restance(lines[5]);
    lines[35] = restance(lines[35]);
    // Row 5 changed again at the end: the second time it is a duplicate, in whichever half.
    const edited = [...lines, lines[5]].join('\n') + '\n';
    const expected = await single(edited, text);
    expect(expected.summary).toMatchObject({ added: 0, updated: 2, duplicates: 39 });
    expect(expected.summary.updates.map((r) => [r.id, r.line])).toEqual([
      ['syn-4-5', 6],
      ['syn-4-35', 36],
    ]);
    for (const cut of cuts(edited).filter((_, i) => i % 4 === 1)) {
      const { used, ...got } = await split(edited, cut, text);
      expect(used).toBe(true);
      expect({ cut, summary: got.summary }).toEqual({ cut, summary: expected.summary });
    }
  });

  it('keeps the stored statements the second half also holds when their dataset is deleted', async () => {
    const text = generateCsv({ rows: 60, seed: 7 }) as string;
    const lines = text.trimEnd().split('\n');
    // The first dataset holds rows 41-60: all in the second half of the file read after it.
    const before = [lines[0], ...lines.slice(41)].join('\n') + '\n';
    const { database, report, used } = await split(text, cuts(text)[30], before);
    expect(used).toBe(true);
    expect(report.summary).toMatchObject({ added: 40, duplicates: 20 });
    const first = (await readyDatasets(database)).find((d) => d.id !== report.datasetId)!;
    await deleteWithUndo(database, first.id);
    expect((await loadAll(database)).n).toBe(60);
  });

  it('backs up and restores a file read in two halves with every statement as it was', async () => {
    const text = generateCsv({ rows: 50, seed: 5 }) as string;
    const { database, report, used: _u, ...before } = await split(text, cuts(text)[25]);
    expect(before.statements).toHaveLength(50);
    const backup = await createBackup(database);
    await deleteDataset(database, report.datasetId!);
    expect(await restoreBackup(database, backup)).toMatchObject({ restored: 1, statements: 50 });
    const after = await outcome(database, report);
    expect(after.statements).toEqual(before.statements);
    expect(after.datasets).toEqual(before.datasets);
  });

  it('makes a backup of a deleted file read in two halves that restores it, and still undoes', async () => {
    const text = generateCsv({ rows: 50, seed: 8 }) as string;
    const { database, report, used: _u, ...before } = await split(text, cuts(text)[30]);
    const deleted = (await deleteWithUndo(database, report.datasetId!))!;
    const held = structuredClone(deleted.chunks);

    await restoreBackup(database, await backupOfDeleted(deleted));
    expect((await outcome(database, report)).statements).toEqual(before.statements);
    // The chunks held for Undo are left as stored (the backup read copies).
    expect(deleted.chunks).toEqual(held);
    await deleteDataset(database, report.datasetId!);
    await undoDelete(database, deleted);
    expect((await outcome(database, report)).statements).toEqual(before.statements);
  });

  it('puts a deleted file read in two halves back as it was', async () => {
    const text = generateCsv({ rows: 50, seed: 6 }) as string;
    const { database, report, used: _u, ...before } = await split(text, cuts(text)[30]);
    const deleted = await deleteWithUndo(database, report.datasetId!);
    expect((await loadAll(database)).n).toBe(0);
    await undoDelete(database, deleted!);
    expect((await outcome(database, report)).statements).toEqual(before.statements);
  });

  it('refuses a chunk the second worker stores after the import gave up, leaving nothing', async () => {
    const database = freshDb();
    const text = generateCsv({ rows: 12, seed: 7 }) as string;
    const request = requestFor(text);
    // The import worker named the dataset, then was cancelled and deleted it.
    const stored = storePart(
      pieces(text.slice(text.indexOf('\n') + 1)),
      { ...partOptions(request), batchSize: 4 },
      database,
      Promise.resolve('gone'),
      () => undefined,
    );
    await expect(stored).rejects.toMatchObject({ name: 'AbortError' });
    expect(await database.chunks.count()).toBe(0);
  });
});
