import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rejectedRowsCsv } from '../../../src/export/rejected-rows';
import { mergeSummaries } from '../../../src/ingest/part';
import { importRows, type ImportSummary } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { MAX_REJECTED_CHARS, mergeRejected, RejectedKeeper } from '../../../src/ingest/rejected';
import type { StatementRecord } from '../../../src/domain/types';
import { asAsync, cut } from '../ingest/helpers';

/**
 * Issue 17 item 9: the rejected-rows download carries each row's own cells after `line, column,
 * reason`, under the file's header names, so it can be fixed in a spreadsheet and imported again.
 */

// Lines 4-5, 6, 7 and 9 are rejected: a day-first date (its quote holds a comma and a line
// break), a stance word, a short row (a bad date, no topic) and a bad date with an extra cell.
const FILE = [
  'date,Speaker,topic,stance,quote',
  '2024-12-18,Sergey Lavrov,dialogue,-1,"Talks, maybe',
  'next year"',
  '31/12/2024,Sergey Lavrov,ceasefire,-2,"We said no, twice',
  'and again"',
  '2024-12-20,"=HYPERLINK(""x"")",ceasefire,maybe',
  '2024-12-32,@kremlin',
  '2024-12-22,Antony Blinken,ceasefire,1,fine',
  '2024-13-01,Antony Blinken,ceasefire,1,bad,x',
].join('\n');

/** Previews the text as the worker does, then imports it, keeping the records. */
async function importText(text: string) {
  const preview = previewText(text);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    asAsync(cut(text, 64)),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      format: preview.format,
      rule: preview.rule,
    },
    { batch: (b) => void records.push(...b) },
  );
  return { summary, records };
}

const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { newline: '\n' }).data;
const download = (s: ImportSummary) => rejectedRowsCsv(s.issues, s.rejectedRows);

describe('the rejected-rows download', () => {
  it("adds each rejected row's own cells under the file's header names", async () => {
    const { summary } = await importText(FILE);
    expect(summary).toMatchObject({ added: 2, rejected: 4 });
    const csv = download(summary);
    const [header, ...rows] = parse(csv);
    expect(header).toEqual([
      ...['line', 'column', 'reason'],
      ...['date', 'Speaker', 'topic', 'stance', 'quote', 'extra_1'],
    ]);
    expect(rows.map((r) => r[0])).toEqual(['4', '6', '7', '9']);
    // The quoted cell keeps its comma and line break; the number is written as it is.
    expect(rows[0].slice(3)).toEqual([
      '31/12/2024',
      'Sergey Lavrov',
      'ceasefire',
      '-2',
      'We said no, twice\nand again',
    ]);
    // A cell a spreadsheet would run as a formula is guarded, and quoted.
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(rows[1][4]).toBe(`'=HYPERLINK("x")`);
    // The short row keeps just its own cells; both its problems on its one line.
    expect(rows[2]).toEqual([
      '7',
      'date; topic',
      expect.stringMatching(/2024-12-32.*; topic/),
      ...['2024-12-32', "'@kremlin"],
    ]);
    expect(csv).toContain(`,2024-12-32,'@kremlin\n`);
    expect(rows[3].slice(3)).toEqual([
      '2024-13-01',
      'Antony Blinken',
      'ceasefire',
      '1',
      'bad',
      'x',
    ]);
  });

  it('imports again once the first three columns are deleted and the cells fixed', async () => {
    const { summary } = await importText(FILE);
    const [header, ...rows] = parse(download(summary)).map((r) => r.slice(3));
    // As a spreadsheet would: each bad cell fixed, the extra column deleted.
    rows[0][0] = '2024-12-31';
    rows[1][3] = '0';
    rows[2][0] = '2024-12-21';
    rows[2].push('dialogue', '1');
    rows[3][0] = '2024-12-13';
    // The formula guard's apostrophe stays on import (a file not the app's own export): the
    // fixer takes it off where the text is meant as it is.
    for (const row of rows) row[1] = row[1].replace(/^'/, '');
    const fixed = Papa.unparse([header.slice(0, 5), ...rows.map((r) => r.slice(0, 5))]);
    const again = await importText(fixed);
    expect(again.summary).toMatchObject({ added: 4, rejected: 0 });
    const date = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
    expect(again.records.map((r) => [date(r.day), r.actor, r.stance, r.quote])).toEqual([
      ['2024-12-31', 'Sergey Lavrov', -2, 'We said no, twice\nand again'],
      ['2024-12-20', '=HYPERLINK("x")', 0, ''],
      ['2024-12-21', '@kremlin', 1, ''],
      ['2024-12-13', 'Antony Blinken', 1, 'bad'],
    ]);
  });

  it('carries the cells of rows the second worker read, at their own lines', async () => {
    const single = await importText(FILE);
    // Cut after line 6: the second half (lines 7-9) is read with the header given.
    const at = FILE.split('\n').slice(0, 6).join('\n').length + 1;
    const preview = previewText(FILE);
    const opts = {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      format: preview.format,
      rule: preview.rule,
    };
    let next = 0;
    const sink = { batch: () => undefined };
    const first = await importRows(
      asAsync([FILE.slice(0, at)]),
      { ...opts, onEnd: (line) => (next = line) },
      sink,
    );
    const second = await importRows(
      asAsync([FILE.slice(at)]),
      { ...opts, partHeaders: preview.headers },
      sink,
    );
    expect(second.rejectedRows?.rows.map((r) => r.line)).toEqual([1, 3]);
    const merged = mergeSummaries(first, second, next - 1, 0);
    expect(merged.rejectedRows?.rows.map((r) => r.line)).toEqual([4, 6, 7, 9]);
    expect(download(merged)).toBe(download(single.summary));
  });

  it('keeps the first rows within its bounds and says when more were rejected', () => {
    const keeper = new RejectedKeeper(['date', 'actor']);
    keeper.add(2, ['x'.repeat(MAX_REJECTED_CHARS - 1), 'y']);
    keeper.add(3, ['2024', 'too much']);
    keeper.add(4, ['z']);
    expect(keeper.kept.rows.map((r) => r.line)).toEqual([2]);
    expect(keeper.kept).toMatchObject({ lines: 3, cut: true });
    const issues = [3, 4].map((line) => ({ line, column: 'date', message: 'bad' }));
    const lines = rejectedRowsCsv(issues, keeper.kept).trimEnd().split('\n');
    expect(lines.slice(2)).toEqual([
      '3,date,bad',
      '4,date,bad',
      ',,Only the first 1 of 3 rejected rows carry their cells: the report keeps a bounded number.',
    ]);
    // A second half after a cut first half adds no cells, only its count.
    const second = new RejectedKeeper(['date', 'actor']);
    second.add(1, ['2024', 'a']);
    expect(mergeRejected(keeper.kept, second.kept, 10)).toMatchObject({
      lines: 4,
      cut: true,
      rows: [{ line: 2 }],
    });
  });
});
