import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/ingest/formats/encoding';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { decodeChunks } from '../../../src/ingest/decode';
import { runTask } from '../../../src/ingest/tasks';
import type { FromWorker } from '../../../src/ingest/protocol';
import type { StatementRecord } from '../../../src/domain/types';
import { asAsync, collect, cut } from './helpers';

const CSV =
  'date,actor,topic,stance,quote\n' +
  '2024-12-18,Сергей Лавров,dialogue,conditional,«Перемирие ведёт в никуда»\n' +
  '2024-12-19,Keith Kellogg,ceasefire,1,"two lines\nand a\u2028separator"\n';

function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  return bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
}

/** UTF-16 with its byte order mark, built by hand (TextEncoder writes only UTF-8). */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

/** Windows-1252 bytes of Latin text: ASCII as is, and the few letters the test uses. */
const CP1252: Record<string, number> = {
  é: 0xe9,
  ü: 0xfc,
  '€': 0x80,
  '«': 0xab,
  '»': 0xbb,
  '’': 0x92,
};
function cp1252(text: string): Uint8Array {
  return new Uint8Array([...text].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
}

const LATIN =
  'date,actor,topic,stance,quote\n' +
  '2024-12-18,José Manuel Albares,ceasefire,1,«Un alto el fuego ya» cost €5bn\n' +
  '2024-12-19,Jürgen Hardt,dialogue,-1,We don’t negotiate\n';

async function importBytes(bytes: Uint8Array, chunk = 5) {
  const guess = detectEncoding(bytes.subarray(0, 4096));
  const text = (await collect(decodeChunks(asAsync([bytes]), guess.encoding))).join('');
  const preview = previewText(text);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    decodeChunks(asAsync(cut(bytes, chunk)), guess.encoding),
    { ...preview, format: preview.format, rule: preview.rule },
    { batch: (batch) => void records.push(...batch) },
  );
  return { guess, summary, records };
}

describe('text encodings', () => {
  it.each([
    ['UTF-8 without BOM', utf8(CSV), 'utf-8', false],
    ['UTF-8 with BOM', utf8(CSV, true), 'utf-8', true],
    ['UTF-16 LE with BOM', utf16(CSV, true), 'utf-16le', true],
    ['UTF-16 BE with BOM', utf16(CSV, false), 'utf-16be', true],
    ['UTF-16 LE without BOM', utf16(CSV, true).subarray(2), 'utf-16le', false],
    ['UTF-16 BE without BOM', utf16(CSV, false).subarray(2), 'utf-16be', false],
  ] as const)(
    'reads %s, cut into 5-byte pieces, to the same statements',
    async (_, bytes, encoding, bom) => {
      const { guess, summary, records } = await importBytes(bytes);
      expect(guess).toMatchObject({ encoding, bom });
      expect(summary).toMatchObject({ rowsRead: 2, added: 2, rejected: 0, warningCount: 0 });
      expect(records[0].actor).toBe('Сергей Лавров');
      expect(records[0].quote).toBe('«Перемирие ведёт в никуда»');
      // The quoted line break and the U+2028 stay inside the one field.
      expect(records[1].quote).toBe('two lines\nand a\u2028separator');
    },
  );

  it('falls back to Windows-1252 when the bytes are not UTF-8, and says so', async () => {
    const { guess, records } = await importBytes(cp1252(LATIN));
    expect(guess.encoding).toBe('windows-1252');
    expect(guess.note).toMatch(/not valid UTF-8.*Windows-1252/);
    expect(records.map((r) => r.actor)).toEqual(['José Manuel Albares', 'Jürgen Hardt']);
    expect(records[0].quote).toBe('«Un alto el fuego ya» cost €5bn');
    expect(records[1].quote).toBe('We don’t negotiate');
  });

  it('reports invalid bytes past the sample on the rows they are in, without failing', async () => {
    const good = utf8('date,actor,topic,stance\n2024-12-18,Lavrov,dialogue,1\n');
    const bad = new Uint8Array([...utf8('2024-12-19,Kel'), 0xff, ...utf8('logg,ceasefire,1\n')]);
    const bytes = new Uint8Array([...good, ...bad]);
    const records: StatementRecord[] = [];
    const preview = previewText('date,actor,topic,stance\n');
    const summary = await importRows(
      decodeChunks(asAsync(cut(bytes, 7))),
      { ...preview, format: preview.format, rule: preview.rule },
      { batch: (batch) => void records.push(...batch) },
    );
    expect(summary).toMatchObject({ rowsRead: 2, added: 2, invalidChars: 1, warningCount: 1 });
    expect(summary.warnings[0]).toMatchObject({ line: 3, column: 'text' });
    expect(records[1].actor).toBe('Kel\uFFFDlogg');
  });
});

describe('the preview task', () => {
  async function previewOf(bytes: Uint8Array) {
    const messages: FromWorker[] = [];
    await runTask(
      { type: 'preview', file: new Blob([bytes as BlobPart]) },
      (m) => messages.push(m),
      new AbortController().signal,
    );
    return messages;
  }

  it('says the file was read as Windows-1252, and imports with that encoding', async () => {
    const messages = await previewOf(cp1252(LATIN));
    const preview = messages.find((m) => m.type === 'preview');
    expect(preview).toMatchObject({ encoding: 'windows-1252' });
    expect(preview?.type === 'preview' && preview.encodingNote).toMatch(/Windows-1252/);
    const checked = messages.find((m) => m.type === 'checked');
    expect(checked).toMatchObject({ summary: { added: 2, rejected: 0, warningCount: 0 } });
  });

  it('reads a UTF-16 file and counts every row', async () => {
    const messages = await previewOf(utf16(CSV, true));
    expect(messages.find((m) => m.type === 'preview')).toMatchObject({ encoding: 'utf-16le' });
    expect(messages.find((m) => m.type === 'checked')).toMatchObject({
      summary: { rowsRead: 2, added: 2 },
    });
  });

  it('does not count the rows of an ambiguous file until the date format is chosen', async () => {
    const text = 'date,actor,topic,stance\n03/04/2024,Lavrov,ceasefire,-1\n';
    const messages = await previewOf(utf8(text));
    expect(messages.map((m) => m.type)).toEqual(['preview']);
  });
});
