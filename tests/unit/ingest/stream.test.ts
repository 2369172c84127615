import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/ingest/normalize';
import { decodeChunks } from '../../../src/ingest/decode';
import type { CsvRow } from '../../../src/ingest/papa-rows';
import { CsvRowStream } from '../../../src/ingest/stream';
import {
  asAsync,
  collect,
  cut,
  FIXTURES,
  fixtureBytes,
  fixtureText,
  type Fixture,
} from './helpers';

const SIZES = [1, 2, 3, 7, 64, Infinity];

function rowsOf(chunks: Iterable<string>, stream = new CsvRowStream()): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const chunk of chunks) rows.push(...stream.push(chunk));
  rows.push(...stream.end());
  return rows;
}

/** The rows each fixture must give, written out by hand from the file. */
const EXPECTED_LINES: Record<Fixture, number[]> = {
  'clean.csv': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  'bad-rows.csv': [1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15],
  'messy.csv': [1, 2, 3, 4, 5, 9, 10, 12],
};

describe('CsvRowStream on the fixtures', () => {
  it.each(FIXTURES)('gives the rows of %s on the lines they start on', (name) => {
    const rows = rowsOf([fixtureText(name)]);
    expect(rows.map((r) => r.line)).toEqual(EXPECTED_LINES[name]);
  });

  it('splits the messy file on semicolons and CRLF, keeping quoted text intact', () => {
    const rows = rowsOf([fixtureText('messy.csv')]);
    expect(rows[0].fields[0]).toBe('Date');
    expect(rows[1].fields[5]).toBe('If Washington sends serious signals; we will respond');
    expect(rows[2].fields[5]).toBe('He said "a ceasefire is possible" on conditions');
    expect(rows[3].fields[5]).toBe('«Перемирие ведёт в никуда»');
    expect(rows[4].fields[5]).toBe('No concessions.\r\nNot one; not ever.\r\n"Never" again');
    expect(rows[6].fields[6]).toBe("Says he understands\nRussia's objection");
    expect(rows.every((r) => r.fields.length === 10)).toBe(true);
  });

  describe.each(FIXTURES)('%s cut into text chunks', (name) => {
    const whole = rowsOf([fixtureText(name)]);
    it.each(SIZES)('of %s characters gives the same rows and lines', (size) => {
      expect(rowsOf(cut(fixtureText(name), size))).toEqual(whole);
    });
  });

  describe.each(FIXTURES)('%s cut into byte chunks and decoded', (name) => {
    const whole = rowsOf([fixtureText(name)]);
    it.each(SIZES)('of %s bytes gives the same rows, with no U+FFFD', async (size) => {
      const text = await collect(decodeChunks(asAsync(cut(fixtureBytes(name), size))));
      const rows = rowsOf(text);
      expect(rows).toEqual(whole);
      expect(JSON.stringify(rows)).not.toContain('\uFFFD');
    });
  });

  it('detects the delimiter and line ending itself when not told', () => {
    const stream = new CsvRowStream();
    rowsOf(cut(fixtureText('messy.csv'), 3), stream);
    expect(stream.detectedDelimiter).toBe(';');
    expect(stream.detectedNewline).toBe('\r\n');
  });
});

describe('CsvRowStream', () => {
  it('returns a row only once its line ending has arrived', () => {
    const stream = new CsvRowStream({ delimiter: ',', newline: '\n' });
    expect(stream.push('date,actor\n2024-12-18,"Sergey\nLav')).toEqual([
      { fields: ['date', 'actor'], line: 1, clean: true },
    ]);
    expect(stream.push('rov"\n\n2024,Kellogg')).toEqual([
      { fields: ['2024-12-18', 'Sergey\nLavrov'], line: 2, clean: true },
    ]);
    expect(stream.end()).toEqual([{ fields: ['2024', 'Kellogg'], line: 5, clean: true }]);
  });

  it('waits for the LF after a CR cut at the end of a chunk', () => {
    const stream = new CsvRowStream({ delimiter: ',', newline: '\r\n' });
    expect(stream.push('a,b\r')).toEqual([]);
    expect(stream.push('\nc,d\r\n')).toEqual([
      { fields: ['a', 'b'], line: 1, clean: true },
      { fields: ['c', 'd'], line: 2, clean: true },
    ]);
  });

  it('skips blank and whitespace-only lines but counts them', () => {
    const rows = rowsOf(['a,b\n\n  \n\t\nc,d\n\n']);
    expect(rows).toEqual([
      { fields: ['a', 'b'], line: 1, clean: true },
      { fields: ['c', 'd'], line: 5, clean: true },
    ]);
  });

  it('keeps an escaped quote from ending a quoted field', () => {
    const rows = rowsOf(['q,n\n"say ""yes""\nplease",1\nx,2\n']);
    expect(rows).toEqual([
      { fields: ['q', 'n'], line: 1, clean: true },
      { fields: ['say "yes"\nplease', '1'], line: 2, clean: true },
      { fields: ['x', '2'], line: 4, clean: true },
    ]);
  });

  it('reads a file of CR line endings', () => {
    expect(rowsOf(['a,b\r1,2\r3,4\r'])).toEqual([
      { fields: ['a', 'b'], line: 1, clean: true },
      { fields: ['1', '2'], line: 2, clean: true },
      { fields: ['3', '4'], line: 3, clean: true },
    ]);
  });

  it('strips a leading byte order mark from pushed text', () => {
    expect(rowsOf(['\uFEFFdate,actor\n'])[0].fields).toEqual(['date', 'actor']);
  });

  it('detects the same format however a long file is cut', () => {
    const text =
      'date;note\n' + Array.from({ length: 200 }, (_, i) => `2024;"a, b\nc";${i}\n`).join('');
    const whole = rowsOf([text]);
    expect(whole).toHaveLength(201);
    expect(whole[200]).toEqual({
      fields: ['2024', 'a, b\nc', '199'],
      line: 2 + 199 * 2,
      clean: true,
    });
    expect(rowsOf(cut(text, 5))).toEqual(whole);
  });

  it('keeps line numbers right after a stray quote inside an unquoted field', () => {
    // Papa treats a quote inside an unquoted field as text; the row is still numbered by line.
    const rows = rowsOf(['a,b\n5" screen,1\nx,2\n9" wide,3\n']);
    expect(rows.map((r) => [r.fields[0], r.line])).toEqual([
      ['a', 1],
      ['5" screen', 2],
      ['x', 3],
      ['9" wide', 4],
    ]);
  });

  it('gives an unterminated quoted field the rest of the file, marked with its last line', () => {
    const rows = rowsOf(['a,b\n"open,1\nx,2\n']);
    expect(rows[1]).toEqual({
      fields: ['open,1\nx,2\n'],
      line: 2,
      clean: true,
      openQuote: { line: 2, last: 3, rows: 2 },
    });
  });

  it('reads the quotes of chosen lines as text', () => {
    const stream = new CsvRowStream({ delimiter: ',', textQuotes: [2] });
    expect(rowsOf(['a,b\n"open,1\nx,"2', '"\n'], stream)).toEqual([
      { fields: ['a', 'b'], line: 1, clean: true },
      { fields: ['"open', '1'], line: 2, clean: true },
      { fields: ['x', '2'], line: 3, clean: true },
    ]);
  });

  it('ends a record at a line ending of any kind outside quotes, whatever was detected', () => {
    for (const newline of ['\n', '\r\n', '\r'] as const) {
      const stream = new CsvRowStream({ delimiter: ',', newline });
      const rows = rowsOf(['a,b\r\n1,2\n3,"x\ny"\r4,5\r\n6,7'], stream);
      expect(rows.map((r) => [r.fields, r.line])).toEqual([
        [['a', 'b'], 1],
        [['1', '2'], 2],
        [['3', 'x\ny'], 3],
        [['4', '5'], 5],
        [['6', '7'], 6],
      ]);
    }
  });

  it('marks the rows whose own text has characters that cleaning changes, however the file is cut', () => {
    const text = 'a,b\r\nx\u0007y,1\r\n"p\r\nq",2\r\nok,3\r\n';
    const expected = [true, false, false, true];
    for (const size of [1, 4, Infinity]) {
      const stream = new CsvRowStream({ delimiter: ',', newline: '\r\n' });
      // The CRLF ending a row is not part of its text; a CR inside quotes is.
      expect(rowsOf(cut(text, size), stream).map((r) => r.clean)).toEqual(expected);
    }
  });

  it('refuses text after end()', () => {
    const stream = new CsvRowStream();
    stream.end();
    expect(() => stream.push('a')).toThrow();
  });
});

/** Text pieces of the given sizes, cycled; the last piece takes what is left. */
function cutBy(text: string, sizes: number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = sizes[k % sizes.length];
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

/** What the import keeps of a row: its cells as cleaned, and its line. */
function kept(rows: CsvRow[]) {
  return rows.map((r) => ({
    line: r.line,
    cells: r.fields.map((f) => (r.clean ? f.trim() : cleanText(f))),
  }));
}

describe('CsvRowStream shortcut for one-line records', () => {
  // Cells mixing what changes where a record ends: delimiters, quotes, line breaks of each
  // kind, blanks, control characters, non-ASCII. A cell with a quote, delimiter or line break
  // is quoted, as a CSV writer quotes it. (A stray quote in an unquoted cell makes the scan hold
  // every later line in one record, which it then reads apart line by line: tested above.)
  const piece = fc.constantFrom('a', 'b c', ',', '"', '\n', '\r', '\r\n', ' ', '\u0007', 'Ł', '');
  const cell = fc.tuple(fc.array(piece, { maxLength: 4 }), fc.boolean());
  const record = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) =>
    cells
      .map(([parts, quoted]) => {
        const v = parts.join('');
        return quoted || /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
      })
      .join(','),
  );
  const file = fc.record({
    newline: fc.constantFrom('\n' as const, '\r\n' as const),
    records: fc.array(fc.oneof({ weight: 5, arbitrary: record }, fc.constant('')), {
      maxLength: 30,
    }),
    trailing: fc.boolean(),
    sizes: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 5 }),
  });

  it('gives the rows, lines and cleaned cells the record scan gives, however the text is cut', () => {
    fc.assert(
      fc.property(file, ({ newline, records, trailing, sizes }) => {
        const text = records.join(newline) + (trailing ? newline : '');
        const read = (shortcut: boolean) =>
          rowsOf(cutBy(text, sizes), new CsvRowStream({ delimiter: ',', newline, shortcut }));
        const scanned = read(false);
        const short = read(true);
        expect(kept(short)).toEqual(kept(scanned));
        // A row marked clean by the shortcut needs no cleaning.
        for (const r of short)
          if (r.clean) expect(r.fields.map((f) => f.trim())).toEqual(r.fields.map(cleanText));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads ordinary one-line records with the shortcut and gets them right', () => {
    const text = 'id,quote\r\n1,"We back talks, he said."\r\n\r\n2,Ceasefire\u0007\r\n3,Łódź\r\n';
    const stream = new CsvRowStream({ delimiter: ',', newline: '\r\n' });
    expect(rowsOf(cutBy(text, [20]), stream)).toEqual([
      { fields: ['id', 'quote'], line: 1, clean: true },
      { fields: ['1', 'We back talks, he said.'], line: 2, clean: true },
      { fields: ['2', 'Ceasefire\u0007'], line: 4, clean: false },
      { fields: ['3', 'Łódź'], line: 5, clean: true },
    ]);
  });
});

describe('decodeChunks', () => {
  it('puts a Cyrillic character cut between byte chunks back together', async () => {
    const bytes = new TextEncoder().encode('Перемирие');
    const pieces = await collect(decodeChunks(asAsync(cut(bytes, 1))));
    expect(pieces.join('')).toBe('Перемирие');
  });

  it('decodes a large read in pieces without cutting a character', async () => {
    // Each 32 KiB piece of one 100 KiB read is decoded on its own; 'П' is two bytes, so one of
    // them straddles every piece boundary.
    const text = 'x' + 'П'.repeat(50_000);
    const pieces = await collect(decodeChunks(asAsync([new TextEncoder().encode(text)])));
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(32 * 1024);
  });

  it('drops one leading byte order mark, even when it arrives byte by byte', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xef, 0xbb, 0xbf]);
    const pieces = await collect(decodeChunks(asAsync(cut(bytes, 1))));
    expect(pieces.join('')).toBe('a\uFEFF');
  });

  it('turns invalid bytes into U+FFFD instead of failing', async () => {
    const pieces = await collect(decodeChunks(asAsync([new Uint8Array([0x61, 0xff, 0x62])])));
    expect(pieces.join('')).toBe('a\uFFFDb');
  });
});
