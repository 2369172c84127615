import { describe, expect, it } from 'vitest';
import { SPLIT_MIN_BYTES, type ImportRequest } from '../../../src/ingest/protocol';
import { splitPoint } from '../../../src/ingest/second-worker';

const request: ImportRequest = {
  name: 'split',
  sourceFile: 'split.csv',
  rule: '',
  format: 'native',
  delimiter: ',',
  mapping: {},
  headers: ['id', 'date'],
};

/** A file of `size` bytes of short lines, with one line of `longLine` bytes across its middle. */
function fileWith(size: number, longLine = 0): Blob {
  const line = 'a,2024-01-01\n';
  const half = Math.floor(size / 2);
  const before = line.repeat(Math.ceil((half - longLine / 2) / line.length));
  const long = longLine > 0 ? 'x'.repeat(longLine) + '\n' : '';
  const after = line.repeat(Math.ceil((size - before.length - long.length) / line.length));
  return new Blob([before, long, after]);
}

describe('where a second worker starts reading a large file', () => {
  it('cuts just after the first line ending past the middle', async () => {
    const file = fileWith(SPLIT_MIN_BYTES + 1000);
    const cut = await splitPoint(file, request, 'utf-8');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes[cut - 1]).toBe(10);
    expect(cut).toBeGreaterThan(file.size / 2);
    expect(bytes.subarray(Math.floor(file.size / 2), cut - 1).includes(10)).toBe(false);
  });

  it('looks further when the middle falls in a line longer than its first window', async () => {
    const file = fileWith(SPLIT_MIN_BYTES + 1000, 200_000);
    const cut = await splitPoint(file, request, 'utf-8');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(cut - file.size / 2).toBeGreaterThan(1 << 16);
    expect(bytes[cut - 1]).toBe(10);
    expect(bytes[cut - 2]).toBe('x'.charCodeAt(0));
  });

  it('leaves the file to one reader when no line ends within a megabyte of the middle', async () => {
    const file = fileWith(SPLIT_MIN_BYTES + 1000, 3 << 20);
    expect(await splitPoint(file, request, 'utf-8')).toBe(-1);
  });

  it('leaves small files and UTF-16 to one reader', async () => {
    expect(await splitPoint(fileWith(1 << 20), request, 'utf-8')).toBe(-1);
    expect(await splitPoint(fileWith(SPLIT_MIN_BYTES + 1000), request, 'utf-16le')).toBe(-1);
  });
});
