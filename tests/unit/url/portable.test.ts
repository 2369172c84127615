import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PORTABLE_MAX_BYTES,
  decodePortable,
  encodePortable,
  type PortablePayload,
} from '../../../src/url/portable';
import { toBase64Url } from '../../../src/util/base64';

const payload: PortablePayload = {
  v: 1,
  name: 'seed, Dec 2024',
  rows: [
    ['date', 'actor', 'affiliation', 'topic', 'stance', 'quote', 'source'],
    [
      '2024-12-18',
      'Keith Kellogg',
      'United States',
      'dialogue',
      'support',
      'both parties are prepared for peace negotiations',
      'Fox News',
    ],
    [
      '2024-12-26',
      'Sergey Lavrov',
      'Russia',
      'dialogue',
      'conditional',
      '“If the new administration in Washington sends serious signals … we will certainly respond.”',
      'Reuters',
    ],
  ],
};

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A fragment carrying arbitrary text as its "JSON". */
async function fragmentOf(text: string): Promise<string> {
  return `#d=${toBase64Url(await deflateRaw(new TextEncoder().encode(text)))}`;
}

describe('encodePortable / decodePortable', () => {
  it('reads back the statements it wrote', async () => {
    const fragment = await encodePortable(payload);
    expect(fragment.startsWith('d=')).toBe(true);
    expect(fragment).toMatch(/^d=[A-Za-z0-9_-]+$/);
    expect(await decodePortable(`#${fragment}`)).toEqual(payload);
    expect(await decodePortable(fragment)).toEqual(payload);
  });

  it('reads back any text in the cells, lone surrogates and emoji included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), {
          maxLength: 5,
        }),
        async (name, cells) => {
          const p: PortablePayload = {
            v: 1,
            name,
            rows: [['actor', 'summary'], ...cells.map(([a, b]) => [a, b])],
          };
          expect(await decodePortable(await encodePortable(p))).toEqual(p);
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it('compresses repetitive statements well below their JSON size', async () => {
    const rows = [payload.rows[0], ...Array.from({ length: 200 }, () => payload.rows[1])];
    const json = JSON.stringify({ ...payload, rows });
    const fragment = await encodePortable({ ...payload, rows });
    expect(fragment.length).toBeLessThan(json.length / 10);
  });
});

describe('decodePortable gives an error, never an exception', () => {
  it.each<[string, () => Promise<string> | string, string]>([
    ['an empty fragment', () => '', 'the link carries no data (expected #d=...)'],
    ['another fragment', () => '#section-2', 'the link carries no data (expected #d=...)'],
    ['no data after d=', () => '#d=', 'the link data is empty'],
    ['characters outside base64url', () => '#d=ab+/cd==', 'the link data is not valid base64url'],
    ['an impossible base64 length', () => '#d=abcde', 'the link data is not valid base64url'],
    [
      'bytes that are not deflate',
      () => `#d=${toBase64Url(new Uint8Array([255, 255, 255, 255]))}`,
      'the link data is damaged (it does not decompress)',
    ],
    [
      'cut-off deflate',
      async () => (await encodePortable(payload)).slice(0, 20),
      'the link data is damaged (it does not decompress)',
    ],
    [
      'deflated bytes that are not UTF-8',
      async () => `#d=${toBase64Url(await deflateRaw(new Uint8Array([0xff, 0xfe, 0x80])))}`,
      'the link data is not UTF-8 text',
    ],
    ['text that is not JSON', () => fragmentOf('{"v":1,'), 'the link data is not valid JSON'],
    [
      'JSON that is not an object',
      () => fragmentOf('[1,2]'),
      'the link data is not a statement list',
    ],
    [
      'an unknown version',
      () => fragmentOf('{"v":2,"name":"x","rows":[["date"]]}'),
      'the link data has an unknown version',
    ],
    [
      'a name that is not text',
      () => fragmentOf('{"v":1,"name":5,"rows":[["date"]]}'),
      'the link data has no valid dataset name',
    ],
    ['no rows', () => fragmentOf('{"v":1,"name":"x","rows":[]}'), 'the link data has no rows'],
    [
      'a header of numbers',
      () => fragmentOf('{"v":1,"name":"x","rows":[[1,2]]}'),
      'the link data has no header row',
    ],
    [
      'a column that is not native',
      () => fragmentOf('{"v":1,"name":"x","rows":[["date","<script>"]]}'),
      'the link data has an unknown column "<script>"',
    ],
    [
      'a repeated column',
      () => fragmentOf('{"v":1,"name":"x","rows":[["date","date"]]}'),
      'the link data repeats a column',
    ],
    [
      'a short row',
      () => fragmentOf('{"v":1,"name":"x","rows":[["date","actor"],["2024-12-18"]]}'),
      'the link data row 1 does not match the header',
    ],
    [
      'a row holding an object',
      () => fragmentOf('{"v":1,"name":"x","rows":[["date"],[{"a":1}]]}'),
      'the link data row 1 does not match the header',
    ],
  ])('for %s', async (_label, make, error) => {
    expect(await decodePortable(await make())).toEqual({ error });
  });

  it('stops unpacking a deflate bomb past 5 MB', async () => {
    // 6 MB of one character deflates to a few kilobytes: a link that would eat the memory.
    const bomb = await fragmentOf(
      `{"v":1,"name":"${'a'.repeat(PORTABLE_MAX_BYTES + 1024 * 1024)}","rows":[["date"]]}`,
    );
    expect(bomb.length).toBeLessThan(20_000);
    expect(await decodePortable(bomb)).toEqual({
      error: 'the link data is too large (over 5 MB when unpacked)',
    });
  });

  it('survives any string at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        const result = await decodePortable(`#d=${text}`);
        expect(result).toHaveProperty('error');
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
