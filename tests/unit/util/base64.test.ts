import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from '../../../src/util/base64';

describe('base64', () => {
  it('agrees with the platform base64, past one slice of 32 KiB', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 131) & 255);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('reads only the bytes a view covers', () => {
    const view = new Uint16Array(Uint16Array.of(1, 2, 3).buffer, 2, 1);
    expect(toBase64(view)).toBe(Buffer.from([2, 0]).toString('base64'));
  });

  it('refuses text that is not base64', () => {
    expect(fromBase64('ab$d')).toBeNull();
    expect(fromBase64('abcde')).toBeNull();
  });
});

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
      { seed: 3 },
    );
  });

  it('agrees with the platform base64url', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0x00, 0x10, 0x83]);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it.each([
    ['-_8', [0xfb, 0xff]],
    ['-_8=', [0xfb, 0xff]],
    ['+/8', null],
    ['-_ 8', null],
    ['-_8x9', null],
  ])('reads %j as %j', (text, expected) => {
    const bytes = fromBase64Url(text);
    expect(bytes && Array.from(bytes)).toEqual(expected);
  });
});
