import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  parseConfidence,
  parseDate,
  parseStance,
  recordId,
  safeUrl,
  type IdFields,
} from '../../../src/ingest/normalize';
import { dayNumber } from '../../../src/domain/dates';

describe('parseDate', () => {
  it.each([
    ['2024-12-18', dayNumber(2024, 12, 18), 'day'],
    ['2024-02-29', dayNumber(2024, 2, 29), 'day'],
    ['1970-01-01', 0, 'day'],
    ['2000-02-29', dayNumber(2000, 2, 29), 'day'],
    ['0999-04-30', dayNumber(999, 4, 30), 'day'],
    [' 2025-01-07 ', dayNumber(2025, 1, 7), 'day'],
    ['2024-12', dayNumber(2024, 12, 1), 'month'],
    ['2024-01', dayNumber(2024, 1, 1), 'month'],
    ['2024', dayNumber(2024, 1, 1), 'year'],
    ['1962', dayNumber(1962, 1, 1), 'year'],
  ])('reads %j as day %i with %s precision', (text, day, precision) => {
    expect(parseDate(text)).toEqual({ day, precision });
  });

  it.each([
    '31/12/2024',
    '18.12.2024',
    '12/18/2024',
    '2024-02-30',
    '2023-02-29',
    '2024-13',
    '2024-00',
    '2024-12-00',
    '2024-12-32',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2100-02-29',
    '2024-1a-05',
    '2024/12/18',
    '\uFF12\uFF10\uFF12\uFF14-12-18',
    '2024-1-5',
    '24-12-18',
    '2024-12-18T10:00',
    'December 2024',
    '',
    'yesterday',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('parseStance', () => {
  it.each([
    ['-2', -2, false],
    ['-1', -1, false],
    ['0', 0, false],
    ['1', 1, false],
    ['2', 2, false],
    ['+1', 1, false],
    ['+2', 2, false],
    ['−1', -1, false],
    [' 2 ', 2, false],
    ['strongly oppose', -2, false],
    ['Strongly Oppose', -2, false],
    ['strongly_oppose', -2, false],
    ['oppose', -1, false],
    ['OPPOSE', -1, false],
    ['neutral', 0, false],
    ['support', 1, false],
    ['  Support  ', 1, false],
    ['strongly support', 2, false],
    ['strongly-support', 2, false],
    ['strongly  support', 2, false],
    ['conditional', 1, true],
    ['Conditional', 1, true],
    ['conditional support', 1, true],
    ['Conditional_Support', 1, true],
  ])('reads %j as %i (conditional: %s)', (text, stance, conditional) => {
    expect(parseStance(text)).toEqual({ stance, conditional });
  });

  it.each(['maybe', '3', '-3', '1.5', '++1', 'supports', 'strongly', '', 'conditional oppose'])(
    'rejects %j',
    (text) => {
      expect(parseStance(text)).toBeNull();
    },
  );

  it('reads -0 as a plain 0', () => {
    expect(Object.is(parseStance('-0')?.stance, 0)).toBe(true);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://www.reuters.com/world/x', 'https://www.reuters.com/world/x'],
    ['http://tass.com/politics', 'http://tass.com/politics'],
    ['  https://tass.ru/politika  ', 'https://tass.ru/politika'],
    ['HTTPS://Example.org/A', 'https://example.org/A'],
    ['https://example.org', 'https://example.org/'],
  ])('keeps %j', (text, expected) => {
    expect(safeUrl(text)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'mailto:press@example.org',
    'www.reuters.com/world',
    '/relative/path',
    '//example.org/protocol-relative',
    'not a url',
    '',
  ])('drops %j', (text) => {
    expect(safeUrl(text)).toBe('');
  });
});

describe('parseConfidence', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['0.75', 0.75],
    ['.5', 0.5],
    ['0,8', 0.8],
    [' 0.9 ', 0.9],
    ['7', 7],
    ['-0.5', -0.5],
  ])('reads %j as %d', (text, value) => {
    expect(parseConfidence(text)).toBe(value);
  });

  it.each(['', '  ', 'high', '0x1', '1,000,000', '50%', 'NaN', 'Infinity'])(
    'gives NaN for %j',
    (text) => {
      expect(parseConfidence(text)).toBeNaN();
    },
  );

  it.each([
    ['0.63', 0.63],
    ['0.1', 0.1],
    ['0.3', 0.3],
    ['00.5', 0.5],
    ['1.', 1],
    ['0.123456789012', 0.123456789012],
    ['123456789012345', 123456789012345],
    ['0.9999999999999999', 0.9999999999999999],
  ])('reads the plain decimal %j exactly as Number does: %d', (text, value) => {
    expect(parseConfidence(text)).toBe(value);
  });

  it('agrees with the regex reading for any text made of number characters', () => {
    const numberish = fc
      .array(fc.constantFrom('0', '1', '5', '9', '.', ',', '+', '-', 'e', ' ', '\u2212'), {
        maxLength: 18,
      })
      .map((parts) => parts.join(''));
    const decimals = fc
      .tuple(fc.nat({ max: 10 ** 9 }), fc.nat({ max: 10 ** 9 }), fc.nat({ max: 12 }))
      .map(([a, b, zeros]) => `${a % 100}.${'0'.repeat(zeros)}${b}`);
    fc.assert(
      fc.property(fc.oneof(numberish, decimals, fc.double().map(String)), (text) => {
        expect(Object.is(parseConfidence(text), confidenceViaRegex(text))).toBe(true);
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });
});

/** parseConfidence before its fast path, the reference it must agree with. */
function confidenceViaRegex(text: string): number {
  let t = text.trim();
  if (t.includes(',')) t = t.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/** cleanText before its fast path, the reference it must agree with. */
function cleanViaRegex(text: string): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
  return text.replace(/\r\n?/g, '\n').replace(control, '').trim();
}

describe('cleanText', () => {
  it('trims and keeps Unicode, tabs and line breaks inside', () => {
    expect(cleanText('  «Перемирие ведёт в никуда»\tок\nда  ')).toBe(
      '«Перемирие ведёт в никуда»\tок\nда',
    );
  });

  it('turns CRLF and CR into LF and drops other control characters', () => {
    expect(cleanText('a\r\nb\rc\u0000d\u0007e\u001Bf\u007Fg\u0085h')).toBe('a\nb\ncdefgh');
  });

  it('does not collapse inner spaces', () => {
    expect(cleanText('Sergey   Lavrov')).toBe('Sergey   Lavrov');
  });

  it.each([
    ['Sergey Lavrov', 'Sergey Lavrov'],
    ['', ''],
    ['\u00a0Kyiv\u3000', 'Kyiv'],
    ['\ufeffKyiv', 'Kyiv'],
    ['Kyiv\u2028', 'Kyiv'],
    ['\u180eKyiv', '\u180eKyiv'],
    ['a\tb\nc', 'a\tb\nc'],
    ['\ta\n', 'a'],
    ['a\u0085', 'a'],
    ['\u009fa', 'a'],
    ['a\u00a0b', 'a\u00a0b'],
    ['a\r', 'a'],
    ['\r\n', ''],
  ])('cleans %j to %j', (text, expected) => {
    expect(cleanText(text)).toBe(expected);
  });

  it('agrees with the regex cleaning for any text', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\u0000', '\u007f', '\u0085', '\u00a0'),
      fc.constantFrom('\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u3000'),
      fc.constantFrom('\ufeff', '\u180e', 'Lavrov', 'ведёт', '🕊️'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
        (text) => {
          expect(cleanText(text)).toBe(cleanViaRegex(text));
        },
      ),
      { numRuns: 20_000, seed: 4 },
    );
  });
});

describe('recordId', () => {
  const base: IdFields = {
    day: dayNumber(2024, 12, 18),
    precision: 'day',
    actor: 'Sergey Lavrov',
    affiliation: 'Russia',
    topic: 'dialogue',
    stance: 1,
    conditional: true,
    quote: 'we will certainly respond',
    summary: '',
    source: 'Reuters',
    url: 'https://www.reuters.com/x',
    target: 'United States',
    conditions: 'if Washington sends serious signals',
    reportedVia: '',
  };

  it('is an h followed by 16 hex digits, the same every time', () => {
    expect(recordId(base)).toMatch(/^h[0-9a-f]{16}$/);
    expect(recordId({ ...base })).toBe(recordId(base));
  });

  it('keeps the ids of records already stored (the same hash as every earlier version)', () => {
    expect(recordId(base)).toBe('h86ef4499093fe94b');
    const other = { ...base, day: -4000, stance: -2, conditional: false, actor: 'Ж🕊️', quote: '' };
    expect(recordId(other as IdFields)).toBe('hfa6779a4ea2fee6a');
  });

  it.each<[string, Partial<IdFields>]>([
    ['day', { day: base.day + 1 }],
    ['precision', { precision: 'month' }],
    ['actor', { actor: 'Sergei Lavrov' }],
    ['affiliation', { affiliation: 'Russian Federation' }],
    ['topic', { topic: 'ceasefire' }],
    ['stance', { stance: 2 }],
    ['conditional flag', { conditional: false }],
    ['quote', { quote: 'we will respond' }],
    ['summary', { summary: 'x' }],
    ['source', { source: 'TASS' }],
    ['url', { url: '' }],
    ['target', { target: '' }],
    ['conditions', { conditions: '' }],
    ['reported via', { reportedVia: 'Reuters report' }],
  ])('changes when the %s changes', (_name, change) => {
    expect(recordId({ ...base, ...change })).not.toBe(recordId(base));
  });

  it('tells apart text moved from one field to the next', () => {
    expect(recordId({ ...base, quote: 'ab', summary: '' })).not.toBe(
      recordId({ ...base, quote: 'a', summary: 'b' }),
    );
  });

  it('gives distinct ids to 100 000 distinct records', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(recordId({ ...base, quote: `statement ${i}` }));
    expect(ids.size).toBe(100_000);
  });
});
