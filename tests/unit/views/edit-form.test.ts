import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/domain/dates';
import { diffFields, type StatementFields } from '../../../src/domain/edits';
import { draftOf, readDraft, utcTime, type EditDraft } from '../../../src/views/evidence/edit-form';

const lavrov: StatementFields = {
  day: parseIsoDay('2024-12-26')!,
  precision: 'day',
  actor: 'Sergey Lavrov',
  affiliation: 'Russia',
  topic: 'ceasefire',
  stance: -2,
  conditional: false,
  uncoded: false,
  conditions: '',
  quote: 'A truce leads to nowhere',
  summary: 'Lavrov rejects a fragile ceasefire',
  target: '',
  // As the cache holds it: a 32-bit float, shown as 0.95 and read back to the same value.
  confidence: Math.fround(0.95),
};

const read = (change: Partial<EditDraft>) => readDraft({ ...draftOf(lavrov), ...change }, lavrov);

describe('the statement editor form', () => {
  it('reads back unchanged as the same fields', () => {
    expect(draftOf(lavrov)).toMatchObject({ stance: '-2', date: '2024-12-26', confidence: '0.95' });
    expect(read({})).toEqual({ fields: lavrov });
  });

  it.each([
    [{ stance: 'uncoded' }, { uncoded: true, stance: 0, conditional: false }],
    [
      { stance: '1', conditional: true },
      { stance: 1, conditional: true },
    ],
    // Conditional belongs to support only: a box left ticked on oppose is dropped.
    [
      { stance: '-1', conditional: true },
      { stance: -1, conditional: false },
    ],
    [{ date: '2024-11' }, { day: parseIsoDay('2024-11-01'), precision: 'month' }],
    [{ date: ' 2024 ' }, { day: parseIsoDay('2024-01-01'), precision: 'year' }],
    [{ confidence: '' }, { confidence: NaN }],
    [{ actor: '  Sergei Lavrov ' }, { actor: 'Sergei Lavrov' }],
    // The quote is a transcription: kept exactly, spaces too.
    [{ quote: 'A truce leads to nowhere ' }, { quote: 'A truce leads to nowhere ' }],
  ] as [Partial<EditDraft>, Partial<StatementFields>][])('reads %o as %o', (change, fields) => {
    const result = read(change);
    expect(result).toEqual({ fields: { ...lavrov, ...fields } });
  });

  it.each([
    [{ date: '2024-02-30' }, 'date', /real date/],
    [{ date: '26.12.2024' }, 'date', /YYYY-MM-DD/],
    [{ date: '0999' }, 'date', /year must be/],
    [{ confidence: '2' }, 'confidence', /0\.\.1/],
    [{ confidence: 'high' }, 'confidence', /number/],
    [{ actor: ' ' }, 'actor', /actor is required/],
    [{ topic: '' }, 'topic', /topic is required/],
  ] as [Partial<EditDraft>, string, RegExp][])(
    'refuses %o at the %s field',
    (change, field, message) => {
      const result = read(change);
      expect('issues' in result && result.issues).toEqual([
        { field, message: expect.stringMatching(message) },
      ]);
    },
  );

  it("reads the cache's 32-bit confidence as written, and leaves it unchanged when not retyped", () => {
    const cached = { ...lavrov, confidence: Math.fround(0.95) };
    expect(draftOf(cached).confidence).toBe('0.95');
    expect(readDraft(draftOf(cached), cached)).toEqual({ fields: cached });
    const changed = readDraft({ ...draftOf(cached), confidence: '0.8' }, cached);
    expect('fields' in changed && diffFields(cached, changed.fields)).toEqual([
      { field: 'confidence', label: 'Confidence', before: '0.95', after: '0.8' },
    ]);
  });

  it('writes a save time in UTC to the second', () => {
    expect(utcTime('2026-12-07T21:43:05.120Z')).toBe('2026-12-07 21:43:05 UTC');
  });
});
