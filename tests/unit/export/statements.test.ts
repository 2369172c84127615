import { describe, expect, it } from 'vitest';
import { NATIVE_COLUMNS, type StatementRecord } from '../../../src/domain/types';
import {
  float32Text,
  statementsCsv,
  statementsCsvParts,
  statementsJson,
  type StatementJson,
} from '../../../src/export/statements';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { cacheFromRecords } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';
import { rec } from '../query/helpers';

const all = (cache: ColumnCache) => Uint32Array.from({ length: cache.n }, (_, i) => i);

/** Statements with text that breaks naive CSV writers. */
const TRICKY: StatementRecord[] = [
  rec({
    id: 'seed-017',
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: -2,
    quote: 'A truce leads to nowhere',
    source: 'Defence Talks',
    confidence: 0.95,
  }),
  rec({
    id: 'seed-009',
    date: '2024-11',
    actor: 'Vladimir Putin',
    affiliation: 'Russia',
    topic: 'ceasefire',
    stance: 'c',
    conditions: 'no significant territorial concessions, and Kyiv drops its NATO bid',
    target: 'Donald Trump',
    reportedVia: 'Reuters report',
    confidence: 0.6,
  }),
  rec({
    id: 'west-2014',
    date: '2014',
    actor: 'Western nations',
    affiliation: 'West',
    topic: 'russia-invasion-ukraine',
    stance: -1,
  }),
  rec({
    id: 'cyr-1',
    date: '2024-12-26',
    actor: 'Сергей Лавров',
    affiliation: 'Россия',
    topic: 'ceasefire',
    stance: 0,
    quote: '«Перемирие ведёт в никуда», — сказал он.',
    summary: 'Says "no", then, after a pause,\nadds: maybe',
    source: 'ТАСС, Москва',
    url: 'https://example.org/a?b=1,2&c=%22d%22',
    confidence: 1,
  }),
  rec({
    id: 'sup-2',
    date: '2024-12-26',
    actor: 'Sergey Lavrov',
    topic: 'binding-settlement',
    stance: 2,
    summary: 'a tab\tinside, and a closing quote"',
    confidence: 0,
  }),
  rec({
    id: 'zel-1',
    date: '2025-02-28',
    actor: 'Volodymyr Zelenskiy',
    affiliation: 'Ukraine',
    topic: 'nato-membership-ukraine',
    stance: 1,
    quote: 'attainable',
    confidence: 0.123456,
  }),
];

/** Text cells that start like a spreadsheet formula. */
const FORMULAS = rec({
  id: 'inj-1',
  date: '2024-12-27',
  actor: 'Anonymous',
  topic: 'ceasefire',
  stance: 1,
  summary: '=HYPERLINK("https://evil.example","click")',
  target: '+7 days',
  quote: '-- a dash first',
  source: '@tass_agency',
});

async function* pieces(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Imports CSV text through the pure pipeline, as the worker does, in chunks of `size` chars. */
async function reimport(csv: string, size = csv.length) {
  const preview = previewText(csv);
  expect(preview.missing).toEqual([]);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    pieces(csv, size),
    { delimiter: preview.delimiter, newline: preview.newline, mapping: preview.mapping },
    { batch: (batch) => void records.push(...batch) },
  );
  return { summary, records };
}

/** A record without its file line, which an export cannot keep. */
const comparable = ({ line: _line, ...rest }: StatementRecord) => rest;
const byId = (records: StatementRecord[]) =>
  new Map(records.map((r) => [r.id, comparable(r)] as const));

describe('float32Text', () => {
  it.each([
    [Math.fround(0.9), '0.9'],
    [Math.fround(0.95), '0.95'],
    [Math.fround(0.123456), '0.123456'],
    [0, '0'],
    [1, '1'],
    [NaN, ''],
  ])('writes %f as %j', (value, text) => {
    expect(float32Text(value)).toBe(text);
  });
});

describe('statementsCsv', () => {
  const cache = cacheFromRecords(TRICKY);
  const putin = cache.text.find('id', 'seed-009');

  it('writes the native columns as the header', () => {
    expect(statementsCsv(cache, []).split('\n')[0]).toBe(NATIVE_COLUMNS.join(','));
  });

  it('writes only the header when no row is given', () => {
    expect(statementsCsv(cache, [])).toBe(NATIVE_COLUMNS.join(',') + '\n');
  });

  it('writes a month-precise, conditional, second-hand statement as the file would give it', () => {
    expect(statementsCsv(cache, [putin]).split('\n')[1]).toBe(
      'seed-009,2024-11,Vladimir Putin,Russia,ceasefire,conditional,' +
        '"no significant territorial concessions, and Kyiv drops its NATO bid",,,Donald Trump,,,' +
        'Reuters report,0.6',
    );
  });

  it.each([
    ['seed-017', 'strongly oppose'],
    ['west-2014', 'oppose'],
    ['cyr-1', 'neutral'],
    ['zel-1', 'support'],
    ['sup-2', 'strongly support'],
    ['seed-009', 'conditional'],
  ])('writes the stance of %s as the label %j', (id, label) => {
    const line = statementsCsv(cache, [cache.text.find('id', id)]).split('\n')[1];
    expect(line.split(',')[5]).toBe(label);
  });

  it('leaves the confidence empty when the file gave none', () => {
    const line = statementsCsv(cache, [cache.text.find('id', 'west-2014')]).split('\n')[1];
    expect(line).toBe('west-2014,2014,Western nations,West,russia-invasion-ukraine,oppose,,,,,,,,');
  });

  it('writes the rows given, in the order given', () => {
    const rows = [cache.text.find('id', 'zel-1'), cache.text.find('id', 'seed-017')];
    const ids = statementsCsv(cache, rows)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toEqual(['zel-1', 'seed-017']);
  });

  it('neutralizes text cells that start like a formula', () => {
    const csv = statementsCsv(cacheFromRecords([FORMULAS]), [0]);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(csv).toContain(",'+7 days,");
    expect(csv).toContain(",'-- a dash first,");
    expect(csv).toContain(",'@tass_agency,");
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('splits a large export into parts that join into whole lines', () => {
    const many = Array.from({ length: 12_345 }, (_, i) =>
      rec({ id: `m${i}`, date: '2024-01-01', actor: `A${i % 7}`, topic: 't', stance: 0 }),
    );
    const big = cacheFromRecords(many);
    const parts = statementsCsvParts(big, all(big));
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(part.endsWith('\n')).toBe(true);
    expect(parts.join('').trim().split('\n')).toHaveLength(12_346);
  });
});

describe('a CSV export re-imported', () => {
  it('gives back the same statements: ids, dates, precision, stances, flags and text', async () => {
    const cache = cacheFromRecords(TRICKY);
    const { summary, records } = await reimport(statementsCsv(cache, all(cache)));
    expect(summary).toMatchObject({ rowsRead: 6, added: 6, duplicates: 0, rejected: 0 });
    expect(byId(records)).toEqual(byId(TRICKY));
  });

  it('gives back the same statements when the file arrives in small chunks', async () => {
    const cache = cacheFromRecords(TRICKY);
    const { records } = await reimport(statementsCsv(cache, all(cache)), 7);
    expect(byId(records)).toEqual(byId(TRICKY));
  });

  it('adds nothing when re-imported next to the statements it came from', async () => {
    const cache = cacheFromRecords(TRICKY);
    const csv = statementsCsv(cache, all(cache));
    const preview = previewText(csv);
    const summary = await importRows(
      pieces(csv, csv.length),
      { delimiter: ',', mapping: preview.mapping, knownIds: new Set(TRICKY.map((r) => r.id)) },
      { batch: () => {} },
    );
    expect(summary).toMatchObject({ added: 0, duplicates: 6 });
  });

  it('takes off the apostrophe that neutralized a formula: the same text comes back', async () => {
    const cache = cacheFromRecords([FORMULAS]);
    const { records } = await reimport(statementsCsv(cache, [0]));
    expect(comparable(records[0])).toEqual(comparable(FORMULAS));
  });

  it('adds nothing for ids that start like a formula (- + @ =), and keeps their text', async () => {
    const ids = ['-x1', '+x2', '@x3', '=x4', "'=x5", "''-x6"];
    const statements = ids.map((id) => ({ ...FORMULAS, id }));
    const cache = cacheFromRecords(statements);
    const csv = statementsCsv(cache, all(cache));
    const preview = previewText(csv);
    const summary = await importRows(
      pieces(csv, csv.length),
      { delimiter: ',', mapping: preview.mapping, knownIds: new Set(ids) },
      { batch: () => {} },
    );
    expect(summary).toMatchObject({ added: 0, duplicates: 6, rejected: 0 });
    const { records } = await reimport(csv);
    expect(records.map((r) => r.id)).toEqual(ids);
  });

  it('keeps an apostrophe in a file that is not its own export', async () => {
    const csv = "date,actor,topic,stance,quote\n2024-12-18,Lavrov,dialogue,1,'=1+2\n";
    const { records } = await reimport(csv);
    expect(records[0].quote).toBe("'=1+2");
  });

  it('exports again to the very same file (the apostrophe is not doubled)', async () => {
    const cache = cacheFromRecords([...TRICKY, FORMULAS]);
    const first = statementsCsv(cache, all(cache));
    const again = cacheFromRecords((await reimport(first)).records);
    expect(statementsCsv(again, all(again))).toBe(first);
  });
});

describe('statementsJson', () => {
  const cache = cacheFromRecords([...TRICKY, FORMULAS]);
  const parsed = JSON.parse(statementsJson(cache, all(cache))) as StatementJson[];
  const get = (id: string) => parsed.find((s) => s.id === id)!;

  it('is an array with one object per row, in row order', () => {
    expect(parsed.map((s) => s.id)).toEqual([...all(cache)].map((r) => cache.text.get('id', r)));
  });

  it('names every native column, plus the precision and the conditional flag', () => {
    expect(Object.keys(parsed[0]).sort()).toEqual(
      [...NATIVE_COLUMNS, 'precision', 'conditional'].sort(),
    );
  });

  it('gives the stance as a number and the conditional flag as a boolean', () => {
    expect(get('seed-009')).toMatchObject({ stance: 1, conditional: true });
    expect(get('seed-017')).toMatchObject({ stance: -2, conditional: false });
  });

  it('gives the date as written with its precision', () => {
    expect(get('seed-009')).toMatchObject({ date: '2024-11', precision: 'month' });
    expect(get('west-2014')).toMatchObject({ date: '2014', precision: 'year' });
    expect(get('zel-1')).toMatchObject({ date: '2025-02-28', precision: 'day' });
  });

  it('gives a missing confidence as null and a present one as the number coded', () => {
    expect(get('west-2014').confidence).toBeNull();
    expect(get('seed-017').confidence).toBe(0.95);
  });

  it('keeps text exactly, formulas included (JSON is read by programs, not spreadsheets)', () => {
    expect(get('inj-1').summary).toBe('=HYPERLINK("https://evil.example","click")');
    expect(get('cyr-1')).toMatchObject({
      actor: 'Сергей Лавров',
      summary: 'Says "no", then, after a pause,\nadds: maybe',
      reported_via: '',
    });
    expect(get('seed-009').reported_via).toBe('Reuters report');
  });

  it('is an empty array when no row is given', () => {
    expect(JSON.parse(statementsJson(cache, []))).toEqual([]);
  });
});
