import { describe, expect, it } from 'vitest';
import { toRecord } from '../../../src/ingest/validate';
import type { ColumnMapping } from '../../../src/ingest/columns';
import { dayNumber } from '../../../src/domain/dates';

const mapping: ColumnMapping = {
  date: 0,
  actor: 1,
  topic: 2,
  stance: 3,
  url: 4,
  confidence: 5,
  quote: 6,
  id: 7,
};

/** A good row with one cell replaced. */
function row(change: Record<number, string> = {}): string[] {
  const cells = [
    '2024-12-18',
    'Sergey Lavrov',
    'dialogue',
    'conditional',
    'https://www.reuters.com/x',
    '0.9',
    'we will certainly respond',
    '',
  ];
  for (const [i, v] of Object.entries(change)) cells[Number(i)] = v;
  return cells;
}

describe('toRecord', () => {
  it('normalizes a good row and keeps the line it started on', () => {
    const result = toRecord(row(), mapping, 7);
    expect(result.record).toMatchObject({
      day: dayNumber(2024, 12, 18),
      precision: 'day',
      actor: 'Sergey Lavrov',
      topic: 'dialogue',
      stance: 1,
      conditional: true,
      url: 'https://www.reuters.com/x',
      confidence: 0.9,
      quote: 'we will certainly respond',
      affiliation: '',
      line: 7,
    });
    expect(result.record?.id).toMatch(/^h[0-9a-f]{16}$/);
    expect(result).toHaveProperty('warnings', []);
  });

  it.each([
    [0, '31/12/2024', 'date', 'date "31/12/2024" is not YYYY-MM-DD, YYYY-MM or YYYY'],
    [0, '2024-02-30', 'date', 'date "2024-02-30" is not a real calendar day'],
    [0, '', 'date', 'date is empty'],
    [1, '', 'actor', 'actor is empty'],
    [1, '   ', 'actor', 'actor is empty'],
    [2, '', 'topic', 'topic is empty'],
    [
      3,
      'maybe',
      'stance',
      'stance "maybe" is not -2..2 or a stance label (accepted: -2..2, strongly oppose, oppose, neutral, support, strongly support, conditional, or a value mapped in Stance values)',
    ],
    [5, '7', 'confidence', 'confidence "7" is outside 0..1'],
    [5, '-0.1', 'confidence', 'confidence "-0.1" is outside 0..1'],
    [5, 'high', 'confidence', 'confidence "high" is not a number in 0..1'],
  ])('rejects cell %i = %j with an issue on %s', (index, value, column, message) => {
    expect(toRecord(row({ [index]: value }), mapping, 5)).toEqual({
      issues: [{ line: 5, column, message }],
    });
  });

  it('reports every problem of a row, not just the first', () => {
    const result = toRecord(row({ 0: '2024-13', 1: '', 3: 'strongly against' }), mapping, 15);
    expect(result.issues?.map((i) => i.column)).toEqual(['date', 'actor', 'stance']);
  });

  it('keeps a row with a javascript: link but drops the link and warns', () => {
    const result = toRecord(row({ 4: 'javascript:alert(1)' }), mapping, 9);
    expect(result.record?.url).toBe('');
    expect(result).toHaveProperty('warnings', [
      {
        line: 9,
        column: 'url',
        message: 'url "javascript:alert(1)" is not an http(s) link; dropped',
      },
    ]);
  });

  it('takes missing trailing cells as empty and ignores extra cells', () => {
    const short = toRecord(['2024', 'Mark Rutte', 'ceasefire', 'support'], mapping, 3);
    expect(short.record).toMatchObject({ precision: 'year', url: '', quote: '' });
    expect(short.record?.confidence).toBeNaN();
    const long = toRecord([...row(), 'extra', 'cells'], mapping, 3);
    expect(long.record?.actor).toBe('Sergey Lavrov');
  });

  it('uses the file id when there is one', () => {
    expect(toRecord(row({ 7: ' s-42 ' }), mapping, 2).record?.id).toBe('s-42');
  });

  it('gives the same hash id to the same statement on different lines', () => {
    expect(toRecord(row(), mapping, 2).record?.id).toBe(toRecord(row(), mapping, 90).record?.id);
  });

  it('gives the same id whatever the spelling of the stance or the spacing', () => {
    const a = toRecord(row({ 3: 'conditional' }), mapping, 2).record?.id;
    const b = toRecord(row({ 3: ' Conditional support ', 1: ' Sergey Lavrov' }), mapping, 2);
    expect(b.record?.id).toBe(a);
  });

  it('says when a required column is not mapped at all', () => {
    const result = toRecord(row(), { date: 0, actor: 1, stance: 3 }, 2);
    expect(result.issues).toEqual([
      { line: 2, column: 'topic', message: 'no column is mapped to topic' },
    ]);
  });

  it('shortens a very long value in the message', () => {
    const result = toRecord(row({ 0: 'x'.repeat(500) }), mapping, 2);
    expect(result.issues?.[0].message.length).toBeLessThan(120);
  });

  it('never throws, even on rows with no cells', () => {
    expect(toRecord([], mapping, 2).issues).toHaveLength(3);
  });

  it('keeps a row with no stance as an uncoded statement', () => {
    expect(toRecord(row({ 3: '' }), mapping, 4).record).toMatchObject({
      stance: 0,
      conditional: false,
      uncoded: true,
      line: 4,
    });
  });

  it('does not change the fields it is given', () => {
    const fields = row({ 1: '  Sergey Lavrov  ' });
    const copy = [...fields];
    toRecord(fields, mapping, 2);
    expect(fields).toEqual(copy);
  });
});
