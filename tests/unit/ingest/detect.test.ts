import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectNewline, stripBom } from '../../../src/ingest/detect';

describe('detectDelimiter', () => {
  it.each([
    ['commas', 'date,actor,topic\n2024,Lavrov,ceasefire\n', ','],
    ['semicolons', 'date;actor;topic\n2024;Lavrov;ceasefire\n', ';'],
    ['tabs', 'date\tactor\ttopic\n2024\tLavrov\tceasefire\n', '\t'],
    [
      'semicolons with commas inside quotes',
      'date;quote;stance\n2024;"yes, no, maybe, so, on";1\n2024;"a, b, c";-1\n',
      ';',
    ],
    [
      'commas with semicolons inside quotes',
      'date,quote,stance\n2024,"a; b; c; d",1\n2024,"x; y",0\n',
      ',',
    ],
    [
      'semicolons with unquoted decimal commas',
      'date;actor;topic;confidence\n2024;Lavrov;ceasefire;0,9\n2024;Putin;ceasefire;0,5\n',
      ';',
    ],
    [
      'semicolons with a quoted line break',
      'date;quote;stance\r\n2024;"one,\r\ntwo, three";1\r\n',
      ';',
    ],
    ['a single line without a line ending', 'date;actor;topic;stance', ';'],
  ])('finds %s', (_name, sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });

  it('ignores an unfinished last line of the sample', () => {
    // The fragment has many commas but is cut off: only whole lines count.
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5,5,5,5,5,5,5,5')).toBe(';');
  });

  it('falls back to a comma when nothing splits the lines', () => {
    expect(detectDelimiter('just words\nmore words\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('detectNewline', () => {
  it.each([
    ['LF', 'a,b\n1,2\n', '\n'],
    ['CRLF', 'a,b\r\n1,2\r\n', '\r\n'],
    ['CR', 'a,b\r1,2\r', '\r'],
    ['CRLF, ignoring LF inside quotes', 'a,b\r\n"x\ny\nz",2\r\n', '\r\n'],
    ['LF, ignoring CRLF inside quotes', 'a,b\n"x\r\ny\r\nz",2\n', '\n'],
  ])('finds %s', (_name, sample, expected) => {
    expect(detectNewline(sample)).toBe(expected);
  });

  it('does not guess CR from a sample cut between CR and LF', () => {
    expect(detectNewline('a,b\r')).toBe('\n');
    expect(detectNewline('a,b\r\n1,2\r')).toBe('\r\n');
  });

  it('takes a final CR as a line ending when the sample is the whole file', () => {
    expect(detectNewline('a,b\r', true)).toBe('\r');
  });

  it('defaults to LF when there is no whole line', () => {
    expect(detectNewline('date,actor')).toBe('\n');
  });
});

describe('stripBom', () => {
  it('removes one leading byte order mark and nothing else', () => {
    expect(stripBom('\uFEFFdate')).toBe('date');
    expect(stripBom('date\uFEFF')).toBe('date\uFEFF');
    expect(stripBom('date')).toBe('date');
  });
});
