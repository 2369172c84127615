import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalHttpUrl, parsedHttpUrl, safeUrl } from '../../../src/domain/links';
import { urlLikeArb } from './url-arbitrary';

/** What safeUrl returned before it had a fast path: every link through `new URL`. */
function viaUrl(text: string): string {
  const t = text.trim();
  return t === '' ? '' : parsedHttpUrl(t);
}

describe('safeUrl', () => {
  it('returns what new URL returns for any URL-like text', () => {
    fc.assert(
      fc.property(urlLikeArb, (text) => {
        expect(safeUrl(text)).toBe(viaUrl(text));
      }),
      { numRuns: 20_000, seed: 5 },
    );
  });

  it('takes the fast path only for links new URL leaves exactly as they are', () => {
    fc.assert(
      fc.property(urlLikeArb, (text) => {
        if (isCanonicalHttpUrl(text)) expect(parsedHttpUrl(text)).toBe(text);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('finds plenty of fast-path links among the generated ones, so the property tests them', () => {
    const sample = fc.sample(urlLikeArb, { numRuns: 2_000, seed: 11 });
    const fast = sample.filter(isCanonicalHttpUrl).length;
    expect(fast).toBeGreaterThan(200);
  });

  it.each([
    ['https://example.org/s/123', 'https://example.org/s/123', true],
    ['http://example.org/', 'http://example.org/', true],
    ['https://www.reuters.com/world/europe/x-2024-12-18/', null, true],
    ['https://a-b.example.org/a?x=1&y=2#top', null, true],
    ['https://example.org/a;b=c:d@e~f!$&()*+,', null, true],
    ['https://example.org/?', null, true],
    ['https://example.org/#', null, true],
    ['https://example.org/a/...', null, true],
    ['https://example.org/a?x=..#..', null, true],
    ['https://-a.org/a', null, false],
    ['https://example.org', 'https://example.org/', false],
    ['https://Example.org/a', 'https://example.org/a', false],
    ['HTTPS://example.org/a', 'https://example.org/a', false],
    ['https://example.org:443/a', 'https://example.org/a', false],
    ['https://example.org:8080/a', null, false],
    ['https://user@example.org/a', null, false],
    ['https://example.org./a', null, false],
    ['https://a..org/a', null, false],
    ['https://1.2.3.4/a', null, false],
    ['https://0x7f.1/a', 'https://127.0.0.1/a', false],
    ['https://example.123/a', '', false],
    ['https://bücher.de/a', 'https://xn--bcher-kva.de/a', false],
    ['https://xn--bcher-kva.de/a', null, false],
    ['https://xn--zz.de/a', '', false],
    ['https://example.org/a/../b', 'https://example.org/b', false],
    ['https://example.org/a/./b', 'https://example.org/a/b', false],
    ['https://example.org/..?x', 'https://example.org/?x', false],
    ['https://example.org/a/%2e%2E/b', 'https://example.org/b', false],
    ['https://example.org/a/%41', null, false],
    ['https://example.org/a b', 'https://example.org/a%20b', false],
    ['https://example.org/a"b', 'https://example.org/a%22b', false],
    ['https://example.org/a\\b', 'https://example.org/a/b', false],
    ['https://example.org\\a', 'https://example.org/a', false],
    ["https://example.org/a?q='x'", 'https://example.org/a?q=%27x%27', false],
    ['https://example.org/a#x y', 'https://example.org/a#x%20y', false],
    ['https://example.org/a#x#y', null, false],
    ['https://example.org/é', 'https://example.org/%C3%A9', false],
    ['https://example.org/a{b}', 'https://example.org/a%7Bb%7D', false],
    ['https://example.org/a`b', 'https://example.org/a%60b', false],
    ['  https://example.org/s/1\t', 'https://example.org/s/1', false],
    ['ftp://example.org/a', '', false],
    ['https:/example.org/a', 'https://example.org/a', false],
  ] as const)('reads %j as %j (fast path: %s)', (text, expected, fast) => {
    // null: the link is already canonical and comes back as it is.
    expect(safeUrl(text)).toBe(expected ?? text);
    expect(isCanonicalHttpUrl(text)).toBe(fast);
  });
});
