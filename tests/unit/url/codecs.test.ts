import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/domain/dates';
import {
  MAX_LIST_ITEMS,
  MAX_TEXT_CHARS,
  PARAMS,
  boolCodec,
  dayCodec,
  decodeText,
  encodeText,
  enumCodec,
  intCodec,
  listCodec,
  nameCodec,
  stanceListCodec,
  stringCodec,
  wellFormed,
  type Codec,
} from '../../../src/url/codecs';
import { DEFAULT_VIEW, type ViewState } from '../../../src/url/view-state';
import { dayArb, nameListArb, textArb, viewStateArb } from './arbitraries';

const SEED = { seed: 20241218 };

function roundTrips<T>(codec: Codec<T>, arb: fc.Arbitrary<T>): void {
  fc.assert(
    fc.property(arb, (value) => {
      const parsed = codec.parse(codec.serialize(value));
      expect(parsed).not.toBeNull();
      expect(codec.eq(parsed as T, value)).toBe(true);
    }),
    SEED,
  );
}

describe('codecs round-trip every valid value', () => {
  it('reads back every day from 1900 to 2100', () => roundTrips(dayCodec, dayArb));
  it('reads back any search text, URL syntax and emoji included', () =>
    roundTrips(stringCodec, textArb));
  it('reads back any list of names, commas inside names included', () =>
    roundTrips(listCodec(nameCodec), nameListArb));
  it('reads back any whole number in range', () =>
    roundTrips(intCodec(1, 3650), fc.integer({ min: 1, max: 3650 })));

  it.each(Object.keys(PARAMS) as (keyof ViewState)[])(
    'reads back every valid value of the %s parameter',
    (key) => {
      const codec = PARAMS[key].codec as Codec<unknown>;
      roundTrips(
        codec,
        viewStateArb.map((s) => s[key]).filter((v) => v !== null),
      );
    },
  );
});

describe('dayCodec', () => {
  it.each([
    ['2024-12-18', dayNumber(2024, 12, 18)],
    ['2024-02-29', dayNumber(2024, 2, 29)],
    ['1970-01-01', 0],
  ])('reads %s as a real day', (text, day) => {
    expect(dayCodec.parse(text)).toBe(day);
  });

  it.each([
    '2024-13-45',
    '2023-02-29',
    '2024-1-5',
    '2024-12-18T00:00',
    ' 2024-12-18',
    '',
    '20075',
    '%E0%A4%A',
  ])('rejects %j', (text) => {
    expect(dayCodec.parse(text)).toBeNull();
  });

  it('writes YYYY-MM-DD', () => {
    expect(dayCodec.serialize(dayNumber(2024, 12, 26))).toBe('2024-12-26');
  });
});

describe('listCodec', () => {
  const names = listCodec(nameCodec);

  it('keeps commas readable between items and encodes commas inside a name', () => {
    expect(names.serialize(['Kyiv, UA', 'NATO', 'Sergey Lavrov'])).toBe(
      'Kyiv%2C+UA,NATO,Sergey+Lavrov',
    );
    expect(names.parse('Kyiv%2C+UA,NATO,Sergey+Lavrov')).toEqual([
      'Kyiv, UA',
      'NATO',
      'Sergey Lavrov',
    ]);
  });

  it('reads the empty value as the empty list and writes the empty list as nothing', () => {
    expect(names.parse('')).toEqual([]);
    expect(names.serialize([])).toBe('');
  });

  it('keeps the order given and drops duplicates and empty items', () => {
    expect(names.parse('b,a,,b,a,')).toEqual(['b', 'a']);
  });

  it('rejects the whole list when one item is broken', () => {
    expect(names.parse('a,%E0%A4%A,b')).toBeNull();
  });

  it(`rejects a list of more than ${MAX_LIST_ITEMS} items`, () => {
    const many = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `a${i}`).join(',');
    expect(names.parse(many)).toBeNull();
    const enough = Array.from({ length: MAX_LIST_ITEMS }, (_, i) => `a${i}`).join(',');
    expect(names.parse(enough)).toHaveLength(MAX_LIST_ITEMS);
  });

  it('compares lists item by item, in order', () => {
    expect(names.eq(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(names.eq(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(names.eq(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('stanceListCodec', () => {
  it('reads the stance scale and c for conditional', () => {
    expect(stanceListCodec.parse('-2,-1,0,1,2,c')).toEqual([-2, -1, 0, 1, 2, 'c']);
    expect(stanceListCodec.serialize([-2, 1, 'c'])).toBe('-2,1,c');
  });

  it.each(['3', '-3', '1.0', 'C', 'support', '+1', '2,x'])('rejects %j', (text) => {
    expect(stanceListCodec.parse(text)).toBeNull();
  });
});

describe('intCodec and enumCodec', () => {
  const stale = intCodec(1, 3650);
  it.each(['0', '3651', '90.5', '1e2', '0x5a', '', ' 90', '99999999999999999999'])(
    'stale days rejects %j',
    (text) => {
      expect(stale.parse(text)).toBeNull();
    },
  );

  it('reads a plain number in range', () => {
    expect(stale.parse('30')).toBe(30);
  });

  it('reads only the exact words of an enum', () => {
    const lanes = enumCodec(['actor', 'topic'] as const);
    expect(lanes.parse('topic')).toBe('topic');
    expect(lanes.parse('Topic')).toBeNull();
    expect(lanes.parse('toString')).toBeNull();
    expect(lanes.parse('__proto__')).toBeNull();
  });
});

describe('boolCodec', () => {
  it('reads 1 and 0 and writes them back', () => {
    expect(boolCodec.parse('1')).toBe(true);
    expect(boolCodec.parse('0')).toBe(false);
    expect(boolCodec.serialize(true)).toBe('1');
    expect(boolCodec.serialize(false)).toBe('0');
  });

  it.each(['', 'true', 'yes', 'on', '01', ' 1', '2'])('rejects %j', (text) => {
    expect(boolCodec.parse(text)).toBeNull();
  });
});

describe('text encoding', () => {
  it('writes spaces as + and keeps a literal + apart', () => {
    expect(encodeText('a b+c')).toBe('a+b%2Bc');
    expect(decodeText('a+b%2Bc')).toBe('a b+c');
  });

  it('gives null, not an exception, for broken percent-encoding', () => {
    expect(decodeText('%E0%A4%A')).toBeNull();
    expect(decodeText('%')).toBeNull();
  });

  it('replaces lone surrogates instead of throwing', () => {
    expect(wellFormed('a\uD800b\uDC00')).toBe('a\uFFFDb\uFFFD');
    expect(wellFormed('🕊️')).toBe('🕊️');
    expect(() => encodeText('\uD800')).not.toThrow();
  });

  it(`rejects search text over ${MAX_TEXT_CHARS} characters`, () => {
    expect(stringCodec.parse('a'.repeat(MAX_TEXT_CHARS))).toHaveLength(MAX_TEXT_CHARS);
    expect(stringCodec.parse('a'.repeat(MAX_TEXT_CHARS + 1))).toBeNull();
  });
});

describe('PARAMS', () => {
  it('gives every parameter a distinct name', () => {
    const names = Object.values(PARAMS).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(Object.keys(DEFAULT_VIEW).length);
  });
});
