import fc from 'fast-check';

/** Schemes a link column holds, and near misses `new URL` reads differently. */
const SCHEMES = [
  'https://',
  'http://',
  'HTTPS://',
  'Http://',
  'https:/',
  'https:',
  'https:\\\\',
  'https:///',
  'ftp://',
  'javascript:',
  'httpx://',
  ' https://',
  '',
];

/** Pieces of hosts: plain labels, and what the parser rewrites or rejects. */
const HOST_PARTS = [
  'example',
  'org',
  'www',
  'a1',
  '123',
  '0x1f',
  'Example',
  'ORG',
  'xn--nxasmq6b',
  'xn--zz',
  'bücher',
  '-a',
  'a-',
  'a-b',
  '.',
  '..',
  ':8080',
  ':443',
  ':',
  'user@',
  'user:pw@',
  '%41',
  '%2e',
  ' ',
  '\\',
  '_',
  '[::1]',
  '\t',
];

/** Pieces of paths, queries and fragments. */
const PATH_PARTS = [
  '/',
  '/s/123',
  '.',
  '..',
  '/./',
  '/../',
  '%2e',
  '%2E',
  '.%2e',
  '%20',
  '%zz',
  '%',
  '%41',
  ' ',
  '?',
  '#',
  '"',
  "'",
  '<',
  '>',
  '`',
  '{',
  '}',
  '^',
  '|',
  '[',
  ']',
  '\\',
  '~',
  '!',
  '$',
  '&',
  '(',
  ')',
  '*',
  '+',
  ',',
  ';',
  '=',
  ':',
  '@',
  'é',
  'Ж',
  '🕊️',
  '\u00a0',
  '\u0000',
  '\n',
  '\u007f',
  'a',
  'Z',
  '-',
  '_',
];

/**
 * URL-like strings: a scheme, a host, and a path/query/fragment, each mixed from plain pieces
 * and the ones a URL parser changes (uppercase, ports, users, dots, `%`, spaces, quotes, `\`,
 * `#`, `?`, Unicode), plus arbitrary text now and then. Plain pieces are weighted up so a good
 * share of the strings is already canonical and takes a fast path.
 */
export const urlLikeArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom('https://', 'http://') },
          { weight: 1, arbitrary: fc.constantFrom(...SCHEMES) },
        ),
        fc.array(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom('example', 'org', 'www', 'a1', 'b-2') },
            { weight: 1, arbitrary: fc.constantFrom(...HOST_PARTS) },
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom('/', '/', '/', '', '?', '#'),
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom('/', 's/123', 'a', '-', '?', '#', '=', '.') },
            { weight: 1, arbitrary: fc.constantFrom(...PATH_PARTS) },
            { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
          ),
          { maxLength: 8 },
        ),
      )
      .map(([scheme, labels, start, rest]) => scheme + labels.join('.') + start + rest.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
