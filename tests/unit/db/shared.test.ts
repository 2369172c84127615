// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../../scripts/gen-lib.mjs';
import { createBackup, restoreBackup } from '../../../src/db/backup';
import { StanceDB } from '../../../src/db/db';
import { importIntoDb } from '../../../src/ingest/importer';
import { deleteWithUndo, readyDatasets, undoDelete } from '../../../src/db/store';
import { KnownIds } from '../../../src/db/shared';
import { requestFromPreview, type ImportRequest } from '../../../src/ingest/protocol';
import { previewText } from '../../../src/ingest/preview';
import { asAsync } from '../ingest/helpers';
import { loadAll, seen } from './helpers';

/**
 * A statement two datasets both hold (the second file's row was skipped as a duplicate) belongs
 * to both: deleting the dataset that stored it moves it to the other (issue 20, item 2).
 */
const databases: StanceDB[] = [];

afterEach(async () => {
  for (const d of databases.splice(0)) await d.delete();
});

function freshDb(): StanceDB {
  const d = new StanceDB(`shared-${Math.random().toString(36).slice(2)}`);
  databases.push(d);
  return d;
}

const B = generateCsv({ rows: 300, seed: 11 }) as string;
const LINES = B.trimEnd().split('\n');
/** The header and rows `from`..`to` (1-based, inclusive) of B, with extra rows after them. */
const rowsOf = (from: number, to: number, extra: string[] = []) =>
  [LINES[0], ...LINES.slice(from, to + 1), ...extra].join('\n') + '\n';
const A = rowsOf(1, 100);

async function importText(database: StanceDB, text: string, name: string, replaces?: string) {
  const request: ImportRequest = {
    ...requestFromPreview(previewText(text), name, `${name}.csv`),
    replaces,
  };
  return importIntoDb(database, asAsync([text]), request, { batchSize: 40 });
}

/** Every stored statement as a user sees it, by id; the line only where `withLines`. */
async function statements(database: StanceDB, withLines = false) {
  const cache = await loadAll(database);
  return Array.from({ length: cache.n }, (_, i) => {
    const { line, ...rest } = seen(cache, i);
    return withLines ? { ...rest, line } : rest;
  }).sort((a, b) => a.id.localeCompare(b.id));
}

const byName = async (database: StanceDB, name: string) =>
  (await readyDatasets(database)).find((d) => d.name === name)!;

describe('statements two datasets hold', () => {
  it('moves them to the other dataset when the first is deleted: 300 remain, not 200', async () => {
    const database = freshDb();
    const a = await importText(database, A, 'a');
    const b = await importText(database, B, 'b');
    expect(b.summary).toMatchObject({ added: 200, duplicates: 100 });

    await deleteWithUndo(database, a.datasetId!);

    // The same statements and dataset row as B imported alone into an empty browser.
    const alone = freshDb();
    await importText(alone, B, 'b');
    expect(await statements(database)).toEqual(await statements(alone));
    const kept = await byName(database, 'b');
    const fresh = await byName(alone, 'b');
    for (const key of ['statementCount', 'fingerprint', 'minDay', 'maxDay'] as const) {
      expect(kept[key]).toEqual(fresh[key]);
    }
    expect(kept.duplicateCount).toBe(0);
    expect([...kept.actors].sort()).toEqual([...fresh.actors].sort());
  });

  it('puts both datasets back as they were on undo', async () => {
    const database = freshDb();
    const a = await importText(database, A, 'a');
    await importText(database, B, 'b');
    const before = await statements(database, true);
    const metas = await readyDatasets(database);

    const deleted = await deleteWithUndo(database, a.datasetId!);
    expect(deleted!.rehomed).toHaveLength(1);
    await undoDelete(database, deleted!);

    expect(await statements(database, true)).toEqual(before);
    expect(await readyDatasets(database)).toEqual(metas);
  });

  it('removes only the statements of a deleted dataset that no other dataset holds', async () => {
    const database = freshDb();
    const a = await importText(database, rowsOf(1, 150), 'a');
    await importText(database, rowsOf(101, 300), 'b');
    await deleteWithUndo(database, a.datasetId!);
    expect((await statements(database)).map((s) => s.id)).toEqual(
      LINES.slice(101)
        .map((l) => l.split(',')[0])
        .sort(),
    );
  });

  it('passes them on along a chain: the oldest holder first, then the next', async () => {
    const database = freshDb();
    const extra = (generateCsv({ rows: 10, seed: 12 }) as string).trimEnd().split('\n').slice(1);
    const a = await importText(database, A, 'a');
    const b = await importText(database, B, 'b');
    await importText(database, rowsOf(1, 100, extra), 'c');

    await deleteWithUndo(database, a.datasetId!);
    expect((await byName(database, 'b')).statementCount).toBe(300);
    expect((await byName(database, 'c')).statementCount).toBe(10);

    await deleteWithUndo(database, b.datasetId!);
    expect((await byName(database, 'c')).statementCount).toBe(110);
    expect(await statements(database)).toHaveLength(110);
  });

  it('moves to the other dataset what a new version of the first no longer holds', async () => {
    const database = freshDb();
    const a = await importText(database, A, 'a');
    await importText(database, B, 'b');

    await importText(database, rowsOf(1, 50), 'a', a.datasetId!);

    expect(await statements(database)).toHaveLength(300);
    expect((await byName(database, 'b')).statementCount).toBe(250);
    expect((await byName(database, 'a')).statementCount).toBe(50);
  });
});

describe('statements two datasets hold, through a backup', () => {
  it('keeps what the datasets share after a restore into another browser', async () => {
    const database = freshDb();
    await importText(database, A, 'a');
    await importText(database, B, 'b');
    const other = freshDb();
    await restoreBackup(other, await createBackup(database));

    await deleteWithUndo(other, (await byName(other, 'a')).id);

    expect(await statements(other)).toHaveLength(300);
  });
});

describe('KnownIds', () => {
  it('remembers the ids it was asked about that it holds', () => {
    const known = new KnownIds([
      ['a', 1],
      ['b', 2],
    ]);
    expect([known.has('a'), known.has('c'), known.has('a')]).toEqual([true, false, true]);
    expect([...known.hits]).toEqual(['a']);
  });
});
