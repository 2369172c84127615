import { describe, expect, it } from 'vitest';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import type { Rule } from '../../../src/ingest/formats/types';
import { asAsync, cut } from './helpers';

/**
 * Every row of a file is accounted for (issue 20, item 1): added + duplicates + rejected = the
 * rows the file holds, whatever its line endings, and a quote that never closes is reported at
 * its line, with the choice to read it as text.
 */

const HEADER = 'id,date,actor,topic,stance,quote';

/** Row `k` of a generated file: a valid statement with its own id. */
function row(k: number): string {
  return `r${k},2024-12-18,Sergey Lavrov,dialogue,1,We back talks ${k}`;
}

function rows(from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k <= to; k++) out.push(row(k));
  return out;
}

/** Previews the text as the worker does, then reads all of it in 4 KiB pieces. */
async function importText(text: string, rule?: Partial<Rule>) {
  const preview = previewText(text, { rule });
  const summary = await importRows(
    asAsync(cut(text, 4096)),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      format: preview.format,
      rule: preview.rule,
    },
    { batch: () => undefined },
  );
  return { preview, summary };
}

describe('mixed line endings', () => {
  it('reads every row of a CRLF file with LF-terminated rows appended', async () => {
    // As a spreadsheet writes it (60 rows), then 1,000 rows appended by a script.
    const text = [HEADER, ...rows(1, 60)].join('\r\n') + '\r\n' + rows(61, 1060).join('\n') + '\n';
    const { preview, summary } = await importText(text);
    expect(preview.newline).toBe('\r\n');
    expect(summary).toMatchObject({ rowsRead: 1060, added: 1060, duplicates: 0, rejected: 0 });
  });

  it('reads every row of an LF file with CRLF and lone-CR rows among them', async () => {
    const text =
      [HEADER, ...rows(1, 100)].join('\n') +
      '\n' +
      rows(101, 150).join('\r\n') +
      '\r' +
      rows(151, 200).join('\r') +
      '\n';
    const { summary } = await importText(text);
    expect(summary).toMatchObject({ rowsRead: 200, added: 200, rejected: 0 });
  });

  it('keeps the file line of each row after a change of line ending', async () => {
    const text = `${HEADER}\r\n${row(1)}\r\n${row(2)}\n${row(3)}\rr4,2024-13-01,x,dialogue,1,\n`;
    const { summary } = await importText(text);
    expect(summary.issues).toEqual([{ line: 5, column: 'date', message: expect.any(String) }]);
  });
});

describe('a quote that never closes', () => {
  // Row 5 (line 6) opens a quote it never closes; 10,000 rows in all.
  const lines = rows(1, 10_000);
  lines[4] = 'r5,2024-12-18,Vladimir Putin,dialogue,0,"Putin said we will see';
  const text = [HEADER, ...lines].join('\n') + '\n';

  it('is reported at its line, and the rows it took in are rejected, not lost', async () => {
    const { summary } = await importText(text);
    expect(summary.openQuote).toEqual({ line: 6, last: 10_001 });
    expect(summary.issues).toContainEqual({
      line: 6,
      column: 'text',
      message: 'an opening quote at line 6 is never closed: lines 6-10,001 were read as one cell',
    });
    expect(summary).toMatchObject({ added: 4, duplicates: 0, rejected: 9_996, rowsRead: 10_000 });
  });

  it('is read as text when the user chooses so: every row imported', async () => {
    const { summary } = await importText(text, { textQuotes: [6] });
    expect(summary.openQuote).toBeUndefined();
    expect(summary).toMatchObject({ rowsRead: 10_000, added: 10_000, rejected: 0 });
  });

  it('keeps the quote as text in the cell it was read into', async () => {
    const small = `${HEADER}\n${row(1)}\nr2,2024-12-18,Putin,dialogue,0,"we will see\n${row(3)}\n`;
    const first = previewText(small);
    expect(first.openQuote).toEqual({ line: 3, last: 4 });
    expect(first.sampleProblemRows).toBe(2);
    const chosen = previewText(small, { rule: { textQuotes: [3] } });
    expect(chosen.openQuote).toBeUndefined();
    expect(chosen.rows.map((r) => r.quote)).toEqual([
      'We back talks 1',
      '"we will see',
      'We back talks 3',
    ]);
  });

  it("leaves the file's other quoted cells as they are", async () => {
    const small =
      `${HEADER}\nr1,2024-12-18,"Lavrov, Sergey",dialogue,1,"a ""quoted""\nline"\n` +
      `r2,2024-12-18,Putin,dialogue,0,"never closed\nr3,2024-12-18,"Kellogg, Keith",dialogue,1,x\n`;
    const chosen = previewText(small, { rule: { textQuotes: [4] } });
    expect(chosen.rows.map((r) => [r.actor, r.quote, r.line])).toEqual([
      ['Lavrov, Sergey', 'a "quoted"\nline', 2],
      ['Putin', '"never closed', 4],
      ['Kellogg, Keith', 'x', 5],
    ]);
  });
});
