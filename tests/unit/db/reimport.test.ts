// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCsv } from '../../../scripts/gen-lib.mjs';
import { StanceDB } from '../../../src/db/db';
import { importIntoDb } from '../../../src/ingest/importer';
import { knownIds, readyDatasets, renameDataset, setDatasetHidden } from '../../../src/db/store';
import { requestFromPreview } from '../../../src/ingest/protocol';
import { previewText } from '../../../src/ingest/preview';
import { asAsync } from '../ingest/helpers';
import { loadAll } from './helpers';
import { saveVersions } from '../../../src/db/edits';
import { fieldsAt } from '../../../src/query/edit-overlay';

/**
 * Re-importing rows whose ids are stored (issue 18): same editable content -> a duplicate,
 * other content -> an update, reported with the file's record and not stored again.
 */
let database: StanceDB | null = null;
afterEach(async () => {
  await database?.delete();
  database = null;
});

function fresh(): StanceDB {
  database = new StanceDB(`reimport-${Math.random().toString(36).slice(2)}`);
  return database;
}

function importText(d: StanceDB, text: string, batchSize = 7) {
  const request = requestFromPreview(previewText(text), 'file', 'file.csv');
  return importIntoDb(d, asAsync([text]), request, { batchSize });
}

/** The file with row `k` (1-based) given a new value in column `col` (0-based). */
function changed(text: string, k: number, col: number, value: string): string {
  const lines = text.trimEnd().split('\n');
  const cells = lines[k].split(',');
  cells[col] = value;
  lines[k] = cells.join(',');
  return lines.join('\n') + '\n';
}

const STANCE = 5;
const SOURCE = 10;
const TEXT = generateCsv({ rows: 30, seed: 11 }) as string;

describe('re-importing stored ids', () => {
  it('reports a row with other content as updated, keeps its record, stores nothing', async () => {
    const d = fresh();
    await importText(d, TEXT);
    const stance = TEXT.split('\n')[4].split(',')[STANCE];
    const other = stance === '2' ? '1' : '2';
    const report = await importText(d, changed(TEXT, 4, STANCE, other));
    expect(report.datasetId).toBeNull();
    const { added, duplicates, updated, rejected, rowsRead } = report.summary;
    expect({ added, duplicates, updated, rejected, rowsRead }).toEqual({
      added: 0,
      duplicates: 29,
      updated: 1,
      rejected: 0,
      rowsRead: 30,
    });
    expect(report.summary.updates).toHaveLength(1);
    expect(report.summary.updates[0]).toMatchObject({
      id: 'syn-11-4',
      stance: Number(other),
      line: 5,
    });
    // The stored statement keeps the file's first values until the update is applied.
    const cache = await loadAll(d);
    const row = cache.text.find('id', 'syn-11-4');
    expect(cache.stance[row]).toBe(Number(stance));
    expect(await readyDatasets(d)).toHaveLength(1);
  });

  it('counts a change of the source alone as a duplicate (it cannot be edited in the app)', async () => {
    const d = fresh();
    await importText(d, TEXT);
    const report = await importText(d, changed(TEXT, 4, SOURCE, 'another outlet'));
    expect(report.summary).toMatchObject({ added: 0, duplicates: 30, updated: 0, updates: [] });
  });

  it('adds new rows beside an update, and counts a stored id repeated in the file once', async () => {
    const d = fresh();
    const lines = TEXT.trimEnd().split('\n');
    await importText(d, lines.slice(0, 21).join('\n') + '\n');
    const edited = changed(
      TEXT,
      3,
      STANCE,
      TEXT.split('\n')[3].split(',')[STANCE] === '0' ? '1' : '0',
    );
    const again = edited.trimEnd().split('\n');
    const text = [...again, again[3]].join('\n') + '\n';
    const report = await importText(d, text);
    expect(report.summary).toMatchObject({ rowsRead: 31, added: 10, updated: 1, duplicates: 20 });
    const [meta] = (await readyDatasets(d)).filter((m) => m.id === report.datasetId);
    expect(meta).toMatchObject({ statementCount: 10, rowCount: 31, duplicateCount: 21 });
  });

  it('reads the stored hashes through each dataset names, as the import compares them', async () => {
    const d = fresh();
    await importText(d, TEXT, 4);
    const known = await knownIds(d);
    expect(known.size).toBe(30);
    const report = await importText(d, TEXT);
    expect(report.summary).toMatchObject({ duplicates: 30, updated: 0 });
    expect(new Set(known.values()).size).toBe(30);
  });
});

describe('Datasets -> Re-import', () => {
  it('keeps the renamed name and visibility, and reports added / updated / removed / unchanged', async () => {
    const d = fresh();
    const first = await importText(d, TEXT);
    await renameDataset(d, first.datasetId!, 'Renamed by me');
    await setDatasetHidden(d, first.datasetId!, true);
    const lines = changed(
      TEXT,
      10,
      STANCE,
      TEXT.split('\n')[10].split(',')[STANCE] === '2' ? '1' : '2',
    )
      .trimEnd()
      .split('\n');
    const extra = (generateCsv({ rows: 5, seed: 12 }) as string).trimEnd().split('\n').slice(1);
    // Rows 1-5 dropped, row 10 changed, five new rows.
    const text = [lines[0], ...lines.slice(6), ...extra].join('\n') + '\n';
    const request = {
      ...requestFromPreview(previewText(text), '', 'v2.csv'),
      replaces: first.datasetId!,
    };
    const report = await importIntoDb(d, asAsync([text]), request, { batchSize: 7 });
    expect(report.versions).toEqual({ added: 5, updated: 1, removed: 5, unchanged: 24 });
    const datasets = await readyDatasets(d);
    expect(datasets.map((m) => [m.name, m.hidden, m.statementCount])).toEqual([
      ['Renamed by me', true, 30],
    ]);
  });
});

describe('Datasets -> Re-import under edits made in the app', () => {
  /** Re-imports `text` as the new version of `replaces`. */
  function reimport(d: StanceDB, text: string, replaces: string) {
    const request = { ...requestFromPreview(previewText(text), '', 'v2.csv'), replaces };
    return importIntoDb(d, asAsync([text]), request, { batchSize: 7 });
  }

  it('reports each statement with versions whose file values changed: before, file, current', async () => {
    const d = fresh();
    const first = await importText(d, TEXT);
    const loaded = await loadAll(d);
    const fieldsOf = (id: string) => fieldsAt(loaded, loaded.text.find('id', id));
    const s4 = fieldsOf('syn-11-4');
    const s5 = fieldsOf('syn-11-5');
    const s6 = fieldsOf('syn-11-6');
    // The analyst edits rows 4 and 6 in the app; row 5 has only an applied file update.
    await saveVersions(d, [
      { id: 'syn-11-4', before: s4, after: { ...s4, summary: 'mine' }, origin: 'app' },
      { id: 'syn-11-5', before: s5, after: { ...s5, summary: 'from a file' }, origin: 'file' },
      { id: 'syn-11-6', before: s6, after: { ...s6, summary: 'mine too' }, origin: 'app' },
    ]);
    const other = (k: number) => (TEXT.split('\n')[k].split(',')[STANCE] === '2' ? '1' : '2');
    // The new file changes rows 4, 5 and 7 (7 has no version); row 6 is as it was.
    let text = changed(TEXT, 4, STANCE, other(4));
    text = changed(text, 5, STANCE, other(5));
    text = changed(text, 7, STANCE, other(7));
    const report = await reimport(d, text, first.datasetId!);
    expect(report.versions).toMatchObject({ updated: 3, unchanged: 27 });
    const found = report.changedUnderEdits!;
    expect(found.map((c) => [c.id, c.edited])).toEqual([
      ['syn-11-4', true],
      ['syn-11-5', false],
    ]);
    expect(found[0].before).toEqual(s4);
    expect(found[0].file).toEqual({ ...s4, stance: Number(other(4)) });
    expect(found[0].current).toEqual({ ...s4, summary: 'mine' });
    expect(found[1].current.summary).toBe('from a file');
  });

  it('reports nothing when no statement has versions', async () => {
    const d = fresh();
    const first = await importText(d, TEXT);
    const report = await reimport(d, changed(TEXT, 4, STANCE, '0'), first.datasetId!);
    expect(report.changedUnderEdits).toBeUndefined();
  });
});
