/**
 * The one link check of the app: an absolute http(s) URL, normalized, or '' for anything else.
 * Ingest drops other schemes, and every place that renders a link checks again, because a
 * cache can also be built from a backup or a shared link's fragment.
 * `safeUrl(' https://tass.com/politics ')` -> `'https://tass.com/politics'`;
 * `safeUrl('javascript:alert(1)')` -> `''`; `safeUrl('www.reuters.com')` -> `''`.
 */
export function safeUrl(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  // `new URL` is slow in Chromium's workers (headless Chromium, 1M generated rows: 2.6 s of a
  // 17 s import); most links are already in the form it would return, and those are known by
  // their characters alone.
  if (isCanonicalHttpUrl(t)) return t;
  return parsedHttpUrl(t);
}

/**
 * The link as `new URL` normalizes it, or '' when it does not parse or is not http(s): the
 * reference `safeUrl`'s fast path must agree with. `parsedHttpUrl('HTTP://A.org')` ->
 * `'http://a.org/'`; `parsedHttpUrl('ftp://a.org/')` -> `''`.
 */
export function parsedHttpUrl(t: string): string {
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

const SLASH = 47;
const DOT = 46;
const HYPHEN = 45;
const QUERY = 63;
const HASH = 35;

/**
 * 1 for the characters every URL parser keeps unchanged in a path, query and fragment (ASCII
 * letters, digits and `-._~!$&()*+,;=:@/?`); 0 for the rest, which `new URL` may escape or
 * treat specially (space, quotes, `%`, `\`, `<>`, `` ` ``, `{}`, `^`, `|`, `[]`, `#`, anything
 * outside printable ASCII). `?` and `#` are checked apart, where they change the part.
 */
const PLAIN = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@/?') {
  PLAIN[c.charCodeAt(0)] = 1;
}

/** `a-z`. */
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** `a-z` or `0-9`. */
function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * True when `t` is an http(s) URL that `new URL(t).href` returns unchanged, decided by
 * character codes; false means "not sure", never "not a link". Accepted: `http://` or
 * `https://`, a host of lowercase ASCII labels (letters, digits, inner hyphens; no empty
 * label, no `xn--` label, the last label starting with a letter so it is never read as an
 * IPv4 address), no port or user, then a path starting with `/` without `.` or `..`
 * segments, and an optional query and fragment, all of characters no parser escapes.
 * `isCanonicalHttpUrl('https://example.org/s/123?a=1#top')` -> true;
 * `isCanonicalHttpUrl('https://Example.org/')` -> false (the host is lowercased);
 * `isCanonicalHttpUrl('https://example.org')` -> false (a `/` is added);
 * `isCanonicalHttpUrl('https://example.org/a/../b')` -> false (the segment is removed).
 */
export function isCanonicalHttpUrl(t: string): boolean {
  const n = t.length;
  // Scheme: `http://` or `https://`, lowercase.
  if (n < 10 || t.charCodeAt(0) !== 104 || t.charCodeAt(1) !== 116) return false;
  if (t.charCodeAt(2) !== 116 || t.charCodeAt(3) !== 112) return false;
  let i = 4;
  if (t.charCodeAt(i) === 115) i++;
  if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== SLASH || t.charCodeAt(i + 2) !== SLASH) {
    return false;
  }
  i += 3;

  // Host: labels of [a-z0-9-], each led and ended by a letter or digit, up to the first `/`.
  // Anything else (`:` of a port, `@` of a user, `%`, `\`, `?`, `#`, uppercase, non-ASCII)
  // is left to `new URL`. DNS lengths (63 a label, 253 in all) keep clear of parsers that
  // check them.
  const hostStart = i;
  let labelStart = i;
  for (;;) {
    if (i >= n) return false; // no path: `new URL` adds a `/`
    const c = t.charCodeAt(i);
    if (c === DOT || c === SLASH) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || t.charCodeAt(i - 1) === HYPHEN) return false;
      // `xn--` labels are punycode, which the parser decodes and checks.
      if (
        len >= 4 &&
        t.charCodeAt(labelStart) === 120 &&
        t.charCodeAt(labelStart + 1) === 110 &&
        t.charCodeAt(labelStart + 2) === HYPHEN &&
        t.charCodeAt(labelStart + 3) === HYPHEN
      ) {
        return false;
      }
      if (c === SLASH) {
        if (!isLower(t.charCodeAt(labelStart))) return false;
        break;
      }
      labelStart = i + 1;
    } else if (c === HYPHEN) {
      if (i === labelStart) return false;
    } else if (!isLowerAlnum(c)) {
      return false;
    }
    i++;
  }
  if (i - hostStart > 253) return false;

  // Path, query, fragment. In the path, a segment of only `.` or `..` is resolved away.
  let inPath = true;
  let segStart = i + 1;
  let hashes = 0;
  for (i++; i <= n; i++) {
    const c = i < n ? t.charCodeAt(i) : SLASH;
    if (inPath && (c === SLASH || c === QUERY || c === HASH || i === n)) {
      const len = i - segStart;
      if (
        (len === 1 && t.charCodeAt(segStart) === DOT) ||
        (len === 2 && t.charCodeAt(segStart) === DOT && t.charCodeAt(segStart + 1) === DOT)
      ) {
        return false;
      }
      segStart = i + 1;
      if (c !== SLASH) inPath = false;
    }
    if (i === n) break;
    if (c === HASH) {
      // A second `#` is kept by the standard but not by every browser: leave it to `new URL`.
      if (++hashes > 1) return false;
      continue;
    }
    if (c >= 128 || PLAIN[c] === 0) return false;
  }
  return true;
}
