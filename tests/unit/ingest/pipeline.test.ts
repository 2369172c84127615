import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importRows, type ImportSummary } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import { CsvRowStream } from '../../../src/ingest/stream';
import { toRecord } from '../../../src/ingest/validate';
import { openQuoteIssue } from '../../../src/ingest/open-quotes';
import type { Newline } from '../../../src/ingest/detect';
import { guessMapping } from '../../../src/ingest/columns';
import type { RowIssue, StatementRecord } from '../../../src/domain/types';
import { dayNumber } from '../../../src/domain/dates';
import { asAsync, cut, FIXTURES, fixtureBytes, fixtureText, type Fixture } from './helpers';

interface Expected {
  rowsRead: number;
  added: number;
  duplicates: number;
  rejected: number;
  rejectedLines: number[];
  warningLines: number[];
}

/** From tests/fixtures/README.md. */
const EXPECTED: Record<Fixture, Expected> = {
  'clean.csv': {
    rowsRead: 12,
    added: 12,
    duplicates: 0,
    rejected: 0,
    rejectedLines: [],
    warningLines: [],
  },
  'bad-rows.csv': {
    rowsRead: 12,
    added: 5,
    duplicates: 1,
    rejected: 6,
    rejectedLines: [5, 6, 7, 8, 11, 15],
    warningLines: [9],
  },
  'messy.csv': {
    rowsRead: 7,
    added: 6,
    duplicates: 0,
    rejected: 1,
    rejectedLines: [12],
    warningLines: [],
  },
};

/** Imports a fixture the way the worker does: preview for the format, then the whole file. */
async function importFixture(
  name: Fixture,
  options: { byteChunk?: number; knownIds?: Set<string>; batchSize?: number } = {},
) {
  const preview = previewText(fixtureText(name));
  const batches: StatementRecord[][] = [];
  const summary = await importRows(
    decodeChunks(asAsync(cut(fixtureBytes(name), options.byteChunk ?? Infinity))),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      knownIds: options.knownIds,
      batchSize: options.batchSize,
    },
    { batch: (records) => void batches.push(records) },
  );
  return { summary, records: batches.flat(), batches };
}

function uniqueLines(issues: ImportSummary['issues']): number[] {
  return [...new Set(issues.map((i) => i.line))];
}

const ACCEPTED =
  '(accepted: -2..2, strongly oppose, oppose, neutral, support, strongly support, conditional, or a value mapped in Stance values)';

describe('importRows on the fixtures', () => {
  describe.each(FIXTURES)('%s', (name) => {
    const expected = EXPECTED[name];

    it('adds, skips and rejects the rows the README lists', async () => {
      const { summary, records } = await importFixture(name);
      expect(summary).toMatchObject({
        rowsRead: expected.rowsRead,
        added: expected.added,
        duplicates: expected.duplicates,
        rejected: expected.rejected,
      });
      expect(records).toHaveLength(expected.added);
      expect(uniqueLines(summary.issues)).toEqual(expected.rejectedLines);
      expect(uniqueLines(summary.warnings)).toEqual(expected.warningLines);
      expect(summary.added + summary.duplicates + summary.updated + summary.rejected).toBe(
        summary.rowsRead,
      );
    });

    it.each([1, 2, 3, 7, 64])('gives the same result read %i bytes at a time', async (size) => {
      const whole = await importFixture(name);
      expect(await importFixture(name, { byteChunk: size })).toEqual(whole);
    });

    it('adds nothing when imported again with the ids already stored', async () => {
      const first = await importFixture(name);
      const again = await importFixture(name, {
        knownIds: new Set(first.records.map((r) => r.id)),
      });
      expect(again.summary.added).toBe(0);
      expect(again.summary.duplicates).toBe(first.summary.added + first.summary.duplicates);
      expect(again.summary.rejected).toBe(first.summary.rejected);
      expect(again.records).toEqual([]);
    });
  });

  it('names each rejected row of bad-rows.csv with its line, column and reason', async () => {
    const { summary } = await importFixture('bad-rows.csv');
    expect(summary.issues).toEqual([
      { line: 5, column: 'date', message: 'date "31/12/2024" is not YYYY-MM-DD, YYYY-MM or YYYY' },
      {
        line: 6,
        column: 'stance',
        message: `stance "maybe" is not -2..2 or a stance label ${ACCEPTED}`,
      },
      { line: 7, column: 'actor', message: 'actor is empty' },
      { line: 8, column: 'confidence', message: 'confidence "7" is outside 0..1' },
      { line: 11, column: 'date', message: 'date "2024-02-30" is not a real calendar day' },
      { line: 15, column: 'date', message: 'date "2024-13" is not YYYY-MM-DD, YYYY-MM or YYYY' },
      { line: 15, column: 'actor', message: 'actor is empty' },
      {
        line: 15,
        column: 'stance',
        message: `stance "sort of" is not -2..2 or a stance label ${ACCEPTED}`,
      },
    ]);
    expect(summary.issueCount).toBe(8);
    expect(summary.warnings).toEqual([
      {
        line: 9,
        column: 'url',
        message: 'url "javascript:alert(1)" is not an http(s) link; dropped',
      },
    ]);
  });

  it('keeps the row with the javascript: link, without the link', async () => {
    const { records } = await importFixture('bad-rows.csv');
    const usOfficials = records.find((r) => r.actor === 'US officials');
    expect(usOfficials).toMatchObject({ line: 9, url: '' });
  });

  it('reads the messy file: aliases, decimal commas, Cyrillic, month and year dates', async () => {
    const { records } = await importFixture('messy.csv');
    const byLine = new Map(records.map((r) => [r.line, r]));
    expect(byLine.get(2)).toMatchObject({
      actor: 'Sergey Lavrov',
      affiliation: 'Russia',
      topic: 'dialogue',
      stance: 1,
      conditional: true,
      confidence: 0.9,
      source: 'Reuters',
      summary: 'Initiative must come from Washington',
    });
    expect(byLine.get(3)).toMatchObject({ day: dayNumber(2024, 12, 1), precision: 'month' });
    expect(byLine.get(4)).toMatchObject({
      quote: '«Перемирие ведёт в никуда»',
      source: 'ТАСС',
      stance: -2,
    });
    expect(byLine.get(5)).toMatchObject({
      day: dayNumber(2024, 1, 1),
      precision: 'year',
      quote: 'No concessions.\nNot one; not ever.\n"Never" again',
    });
    expect(byLine.get(9)).toMatchObject({ stance: 2, confidence: 0.8 });
    expect(byLine.get(10)?.confidence).toBeNaN();
  });

  it('counts a statement repeated within one file once', async () => {
    const { records, summary } = await importFixture('bad-rows.csv');
    expect(summary.duplicates).toBe(1);
    expect(records.filter((r) => r.actor === 'Sergey Lavrov')).toHaveLength(1);
  });

  it('keeps the first of repeated ids, and none of the ids already stored', async () => {
    const text = [
      'id,date,actor,topic,stance',
      'a,2024-01-01,Lavrov,ceasefire,oppose',
      'stored,2024-01-02,Lavrov,ceasefire,oppose',
      'a,2024-01-03,Kellogg,ceasefire,support',
      'b,2024-01-04,Kellogg,ceasefire,support',
      'stored,2024-01-05,Kellogg,ceasefire,support',
      'b,2024-01-06,Lavrov,ceasefire,support',
      '',
    ].join('\n');
    const records: StatementRecord[] = [];
    const summary = await importRows(
      asAsync([text]),
      {
        delimiter: ',',
        newline: '\n',
        mapping: previewText(text).mapping,
        knownIds: new Set(['stored']),
      },
      { batch: (batch) => void records.push(...batch) },
    );
    expect(summary).toMatchObject({ rowsRead: 6, added: 2, duplicates: 4, rejected: 0 });
    expect(records.map((r) => [r.id, r.line])).toEqual([
      ['a', 2],
      ['b', 5],
    ]);
  });

  it('gives the same ids on every import of the same file', async () => {
    const a = await importFixture('clean.csv');
    const b = await importFixture('clean.csv', { byteChunk: 7 });
    expect(b.records.map((r) => r.id)).toEqual(a.records.map((r) => r.id));
    expect(new Set(a.records.map((r) => r.id)).size).toBe(12);
  });

  it('hands records over in batches of the requested size', async () => {
    const { batches } = await importFixture('clean.csv', { batchSize: 5 });
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
  });

  it('reports progress in rows and characters read', async () => {
    const calls: [number, number][] = [];
    const text = fixtureText('clean.csv');
    await importRows(
      asAsync(cut(text, 100)),
      { delimiter: ',', mapping: guessMapping(text.split('\n')[0].split(',')) },
      { batch: () => undefined, progress: (rows, chars) => calls.push([rows, chars]) },
    );
    expect(calls.at(-1)).toEqual([12, text.length]);
    expect(calls.map((c) => c[1])).toEqual([...calls.map((c) => c[1])].sort((x, y) => x - y));
  });

  it('stops with an AbortError when the signal is aborted, before the next batch', async () => {
    const controller = new AbortController();
    const batches: number[] = [];
    const text = fixtureText('clean.csv');
    const run = importRows(
      asAsync(cut(text, 50)),
      {
        delimiter: ',',
        mapping: guessMapping(text.split('\n')[0].split(',')),
        batchSize: 2,
        signal: controller.signal,
      },
      {
        batch: (records) => {
          batches.push(records.length);
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toEqual([2]);
  });

  it('parses the next batch while a write is pending, but never starts a second write', async () => {
    // Enough lines that rows flow chunk by chunk once the delimiter and line ending are known.
    const lines = Array.from({ length: 300 }, (_, i) => `2024-01-01,Actor ${i},t,1`);
    const text = ['date,actor,topic,stance', ...lines].join('\n') + '\n';
    let inFlight = 0;
    let most = 0;
    let readWhileWriting = false;
    const sizes: number[] = [];
    const summary = await importRows(
      asAsync(cut(text, 200)),
      { delimiter: ',', mapping: { date: 0, actor: 1, topic: 2, stance: 3 }, batchSize: 50 },
      {
        batch: async (records) => {
          sizes.push(records.length);
          most = Math.max(most, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
        },
        progress: () => {
          if (inFlight > 0) readWhileWriting = true;
        },
      },
    );
    expect(readWhileWriting).toBe(true);
    expect(most).toBe(1);
    expect(inFlight).toBe(0);
    expect(sizes).toEqual([50, 50, 50, 50, 50, 50]);
    expect(summary.added).toBe(300);
  });

  it('fails the import when a write fails, even while the next batch is being parsed', async () => {
    const text = fixtureText('clean.csv');
    let calls = 0;
    const run = importRows(
      asAsync(cut(text, 40)),
      { delimiter: ',', mapping: guessMapping(text.split('\n')[0].split(',')), batchSize: 2 },
      {
        batch: async () => {
          calls++;
          if (calls === 2) throw new Error('disk full');
        },
      },
    );
    await expect(run).rejects.toThrow('disk full');
    expect(calls).toBe(2);
  });

  it('does not start when the signal is already aborted', async () => {
    const signal = AbortSignal.abort();
    let batches = 0;
    await expect(
      importRows(
        asAsync(['date,actor,topic,stance\n2024,A,t,1\n']),
        { delimiter: ',', mapping: { date: 0, actor: 1, topic: 2, stance: 3 }, signal },
        { batch: () => void batches++ },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(batches).toBe(0);
  });

  it('reads a file with only a header, or nothing, as zero rows', async () => {
    for (const text of ['date,actor,topic,stance\n', '', '\n\n']) {
      const summary = await importRows(
        asAsync([text]),
        { delimiter: ',', mapping: { date: 0, actor: 1, topic: 2, stance: 3 } },
        { batch: () => undefined },
      );
      expect(summary).toMatchObject({ rowsRead: 0, added: 0, duplicates: 0, rejected: 0 });
    }
  });

  it('stores at most 50 000 issues but counts them all', async () => {
    const header = 'date,actor,topic,stance\n';
    const bad = 'bad,,,x\n'.repeat(13_000); // 4 issues per row: 52 000 in all
    const summary = await importRows(
      asAsync([header, bad]),
      { delimiter: ',', mapping: { date: 0, actor: 1, topic: 2, stance: 3 } },
      { batch: () => undefined },
    );
    expect(summary.rejected).toBe(13_000);
    expect(summary.issueCount).toBe(52_000);
    expect(summary.issues).toHaveLength(50_000);
  });
});

describe('previewText', () => {
  it('detects the format of the messy file and maps its aliased headers', () => {
    const preview = previewText(fixtureText('messy.csv'));
    expect(preview).toMatchObject({
      delimiter: ';',
      newline: '\r\n',
      headers: [
        'Date',
        'Speaker',
        'Country',
        'Issue',
        'Position score',
        'Text',
        'Notes',
        'Outlet',
        'Link',
        'Certainty',
      ],
      missing: [],
      sampleRows: 7,
      sampleProblemRows: 1,
    });
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 9, 10]);
    expect(preview.issues.map((i) => [i.line, i.column])).toEqual([[12, 'date']]);
  });

  it('shows the bad rows of a sample with their lines', () => {
    const preview = previewText(fixtureText('bad-rows.csv'));
    expect(preview.sampleRows).toBe(12);
    expect(preview.sampleProblemRows).toBe(6);
    expect(preview.warnings.map((w) => w.line)).toEqual([9]);
  });

  it('lists the required columns it cannot find', () => {
    const preview = previewText('when,who,what\n2024,Lavrov,ceasefire\n');
    expect(preview.mapping).toEqual({ date: 0, actor: 1 });
    expect(preview.missing).toEqual(['topic']);
  });

  it('uses the delimiter and mapping it is given instead of guessing', () => {
    const preview = previewText('a|b\nx|y\n', { delimiter: ';', mapping: { date: 0 } });
    expect(preview.delimiter).toBe(';');
    expect(preview.headers).toEqual(['a|b']);
    expect(preview.mapping).toEqual({ date: 0 });
  });

  it('shows at most 20 rows', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2024,Actor ${i},ceasefire,1`).join('\n');
    const preview = previewText(`date,actor,topic,stance\n${rows}`);
    expect(preview.rows).toHaveLength(20);
    expect(preview.sampleRows).toBe(30);
  });

  it('leaves out the unfinished last line of a truncated sample', () => {
    const sample = 'date,actor,topic,stance\n2024,Lavrov,ceasefire,1\n2024,Put';
    expect(previewText(sample, { truncated: true }).sampleRows).toBe(1);
    expect(previewText(sample).sampleRows).toBe(2);
  });
});

describe('importRows on arbitrary text', () => {
  const mapping = { date: 0, actor: 1, topic: 2, stance: 3, url: 4, confidence: 5 };
  const csvish = fc.string({
    unit: fc.oneof(
      fc.constantFrom(
        ',',
        ';',
        '"',
        '\n',
        '\r',
        '\r\n',
        ' ',
        '2024-12-18',
        'Lavrov',
        '-1',
        '\uFEFF',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    maxLength: 60,
  });

  async function run(chunks: string[], signal?: AbortSignal) {
    return importRows(
      asAsync(chunks),
      { delimiter: ',', mapping, signal },
      { batch: () => undefined },
    );
  }

  it('never throws, counts add up, and chunking does not change the result', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, fc.integer({ min: 1, max: 9 }), async (text, size) => {
        const whole = await run([text]);
        expect(whole.added + whole.duplicates + whole.updated + whole.rejected).toBe(
          whole.rowsRead,
        );
        expect(await run(cut(text, size))).toEqual(whole);
      }),
      { seed: 20241218, numRuns: 300 },
    );
  });

  it('throws only an AbortError when aborted', async () => {
    await fc.assert(
      fc.asyncProperty(csvish, async (text) => {
        await expect(run([text], AbortSignal.abort())).rejects.toMatchObject({
          name: 'AbortError',
        });
      }),
      { seed: 7, numRuns: 50 },
    );
  });
});

describe('importRows cleaning cells', () => {
  const mapping = { id: 0, date: 1, actor: 2, topic: 3, stance: 4, quote: 5, source: 6 };
  const header = 'id,date,actor,topic,stance,quote,source';

  /**
   * Every row the stream gives for the same pieces through toRecord, which cleans each cell with
   * cleanText. (The same pieces: how the stream reads a malformed row can depend on the cuts.)
   */
  function reference(chunks: string[], newline: Newline | undefined) {
    const stream = new CsvRowStream({ delimiter: ',', newline });
    const rows = [...chunks.flatMap((c) => stream.push(c)), ...stream.end()].slice(1);
    const records: StatementRecord[] = [];
    const issues: RowIssue[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.openQuote !== undefined) {
        issues.push(openQuoteIssue(row.openQuote));
        continue;
      }
      const result = toRecord(row.fields, mapping, row.line);
      if (!result.record) issues.push(...result.issues);
      else if (!seen.has(result.record.id)) {
        seen.add(result.record.id);
        records.push(result.record);
      }
    }
    return { records, issues };
  }

  async function imported(chunks: string[], newline: Newline | undefined) {
    const records: StatementRecord[] = [];
    const summary = await importRows(
      asAsync(chunks),
      { delimiter: ',', newline, mapping, batchSize: 3 },
      { batch: (batch) => void records.push(...batch) },
    );
    return { records, issues: summary.issues };
  }

  /** Cut at the given places (taken modulo the text's length). */
  function cutAt(text: string, places: number[]): string[] {
    const at = [...new Set(places.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
    const pieces: string[] = [];
    let from = 0;
    for (const to of at) {
      pieces.push(text.slice(from, to));
      from = to;
    }
    pieces.push(text.slice(from));
    return pieces;
  }

  const cell = fc
    .array(
      fc.oneof(
        fc.constantFrom(' ', '\t', '\r', '\n', '\r\n', '\u0000', '\u0007', '\u001f', '\u007f'),
        fc.constantFrom('\u0085', '\u00a0', '\u3000', '"', ',', 'Lavrov', 'ведёт', '🕊️', '2024'),
        fc.string({ unit: 'binary', maxLength: 2 }),
      ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join(''));
  /** A cell as a CSV writer would put it, or (sometimes) raw, quotes and line breaks and all. */
  const written = fc
    .tuple(cell, fc.boolean())
    .map(([text, raw]) =>
      raw || !/[",\r\n]/.test(text) ? text : `"${text.replaceAll('"', '""')}"`,
    );
  const file = fc
    .tuple(
      fc.array(fc.array(written, { minLength: 2, maxLength: 3 }), { maxLength: 6 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
    )
    .map(([rows, eol, last]) => {
      const lines = rows.map(([actor, quote, source], k) =>
        [`r${k}`, '2024-12-18', actor, 'dialogue', '1', quote, source ?? ''].join(','),
      );
      return [header, ...lines].join(eol) + (last ? eol : '');
    });

  it('gives the records and issues cleanText gives, however the file is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.constantFrom<Newline | undefined>('\n', '\r\n', undefined),
        async (text, places, newline) => {
          const chunks = cutAt(text, places);
          expect(await imported(chunks, newline)).toEqual(reference(chunks, newline));
        },
      ),
      { seed: 20250101, numRuns: 1500 },
    );
  });

  it('gives the records cleanText gives for a CRLF file with line breaks inside quotes', async () => {
    const text =
      `${header}\r\n` +
      'r1,2024-12-18,Lavrov,dialogue,1,"We back talks\r\nnow ",TASS\r\n' +
      'r2,2024-12-18, Kellogg ,dialogue,1,"one\rtwo",Reuters\r\n';
    const { records } = await imported(cutAt(text, [40, 90]), '\r\n');
    expect(records.map((r) => [r.actor, r.quote])).toEqual([
      ['Lavrov', 'We back talks\nnow'],
      ['Kellogg', 'one\ntwo'],
    ]);
  });
});

describe('importRows and messages waiting for the worker', () => {
  it('lets a Cancel in while it reads a file whose pieces are already in memory', async () => {
    const header = 'date,actor,topic,stance\n';
    const row = '2024-12-18,Sergey Lavrov,dialogue,conditional\n';
    // 2,000 pieces of 200 rows each: reads that resolve at once, as a File's do in a worker.
    async function* pieces() {
      yield header;
      for (let i = 0; i < 2000; i++) yield row.repeat(200);
    }
    const controller = new AbortController();
    // A message queued behind the loop (as the worker's Cancel or Import would be).
    setTimeout(() => controller.abort(), 0);
    let rows = 0;
    const run = importRows(
      pieces(),
      {
        delimiter: ',',
        newline: '\n',
        mapping: { date: 0, actor: 1, topic: 2, stance: 3 },
        signal: controller.signal,
      },
      { batch: () => undefined, progress: (n) => (rows = n) },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBeLessThan(400_000);
  });
});

describe('a header line over 64 KiB', () => {
  const header = (length: number) => `date,actor,topic,stance,${'x'.repeat(length - 24)}`;

  it('is refused as too long, with its length and the limit, not as missing columns', () => {
    const preview = previewText(`${header(65_537)}\n2024-12-18,Lavrov,dialogue,1,\n`);
    expect(preview.missing).toEqual([]);
    expect(preview.needs).toEqual([
      'The header line is too long: 65,537 characters, more than the 65,536 a header line may have. Is the first line a header?',
    ]);
  });

  it('says "or more" when the sample ends inside it', () => {
    const preview = previewText(header(70_000), { truncated: true });
    expect(preview.needs[0]).toMatch(/^The header line is too long: 70,000 characters or more,/);
  });

  it('is read when it is 64 KiB at most', () => {
    const preview = previewText(`${header(65_536)}\n2024-12-18,Lavrov,dialogue,1,\n`);
    expect(preview).toMatchObject({ needs: [], missing: [] });
    expect(preview.rows).toHaveLength(1);
  });
});
