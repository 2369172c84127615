import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../src/export/csv';

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+x', "'+x"],
    ['-2', "'-2"],
    ['@a', "'@a"],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['normal', 'normal'],
    ['1-2', '1-2'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('writes %j as %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it.each([
    ['a,b', '"a,b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1,"x")', `"'=SUM(A1,""x"")"`],
    ['x;=1+1;y', '"x;=1+1;y"'],
    ['a\t=1', '"a\t=1"'],
    ["'=1", "''=1"],
  ])('quotes %j as %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });
});

describe('csvLine', () => {
  it('joins the cells with commas, each quoted and guarded on its own', () => {
    expect(csvLine(['Lavrov', '-1', 'a, b'])).toBe(`Lavrov,'-1,"a, b"`);
  });
});
