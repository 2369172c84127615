import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../../src/domain/edits';
import { PREVIEW_RECORDS, previewText } from '../../../src/ingest/preview';
import { cacheFromRecords } from '../../../src/query/cache';
import { applyEdits } from '../../../src/query/edit-overlay';
import { findIds, storedChanges } from '../../../src/query/stored-changes';

/** The previewed rows against the stored statements (issue 18: the preview lists updates). */
const seedText = readFileSync(path.resolve(__dirname, '../../../data/seed-statements.csv'), 'utf8');
const seed = previewText(seedText).rows;
const byId = (id: string) => seed.find((r) => r.id === id)!;
const stored = (id: string) => {
  const f = fieldsOf(byId(id));
  return { ...f, confidence: Math.fround(f.confidence) };
};

function rowsOf(cache: ReturnType<typeof cacheFromRecords>, ids: string[]) {
  const rows = new Map<string, number>();
  const wanted = new Set(ids);
  // Two slices, as the page sweeps them.
  findIds(cache, wanted, 0, 7, rows);
  findIds(cache, wanted, 7, cache.n, rows);
  return rows;
}

describe('storedChanges', () => {
  const cache = cacheFromRecords(seed);
  const file = [
    { ...byId('seed-017'), stance: -1 as const },
    byId('seed-002'),
    { ...byId('seed-001'), topic: 'us-blame', summary: 'new summary' },
    { ...byId('seed-017'), stance: 2 as const },
    { ...byId('seed-002'), id: 'new-1' },
  ];

  it('lists the rows whose stored id has other content, field by field, first per id', () => {
    const rows = rowsOf(
      cache,
      file.map((r) => r.id),
    );
    expect([...rows.keys()].sort()).toEqual(['seed-001', 'seed-002', 'seed-017']);
    const found = storedChanges(cache, file, rows, new Map());
    expect(found.map((c) => [c.id, c.actor, c.edited])).toEqual([
      ['seed-017', 'Sergey Lavrov', false],
      ['seed-001', 'Vladimir Putin', false],
    ]);
    expect(found[0].changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Stance', 'strongly oppose', 'oppose'],
    ]);
    expect(found[1].changes.map((c) => c.label)).toEqual(['Topic', 'Summary']);
  });

  it('compares an edited statement with its stored file values, and shows yours as before', () => {
    // The analyst coded seed-017 as neutral in the app.
    const edited = applyEdits(cache, new Map([['seed-017', { ...stored('seed-017'), stance: 0 }]]));
    const versioned = new Map([['seed-017', { stored: stored('seed-017'), edited: true }]]);
    const rows = rowsOf(edited, ['seed-017']);
    // The original file again: a duplicate, the edit stays; nothing to list.
    expect(storedChanges(edited, [byId('seed-017')], rows, versioned)).toEqual([]);
    // A corrected file: an update, offered as a conflict.
    const [change] = storedChanges(edited, [file[0]], rows, versioned);
    expect(change.edited).toBe(true);
    expect(change.changes.map((c) => [c.before, c.after])).toEqual([['neutral', 'oppose']]);
  });
});

describe('the preview keeps its records to compare', () => {
  it('holds every record of a whole file', () => {
    const p = previewText(seedText);
    expect([p.records.length, p.recordRows, p.wholeFile]).toEqual([19, 19, true]);
    expect(p.rows).toHaveLength(19);
  });

  it('says when only the first part of the file was read', () => {
    const p = previewText(seedText, { truncated: true });
    expect(p.wholeFile).toBe(false);
    expect(p.recordRows).toBe(p.records.length);
  });

  it(`keeps at most ${PREVIEW_RECORDS} records and counts the rows they came from`, () => {
    const lines = ['id,date,actor,topic,stance'];
    for (let i = 0; i < PREVIEW_RECORDS + 10; i++) lines.push(`r${i},2024-01-01,A,t,1`);
    lines.splice(3, 0, 'bad,2024-13-45,A,t,1');
    const p = previewText(lines.join('\n') + '\n');
    expect(p.records).toHaveLength(PREVIEW_RECORDS);
    expect(p.recordRows).toBe(PREVIEW_RECORDS + 1);
    expect(p.wholeFile).toBe(false);
  });
});
