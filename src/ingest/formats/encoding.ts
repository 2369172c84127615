/**
 * Which text encoding a file is in, from its first bytes: a byte order mark says UTF-8, UTF-16
 * LE or UTF-16 BE; without one, UTF-16 when zero bytes fall between the letters, UTF-8 when the
 * sample decodes strictly, else Windows-1252 (what Excel on Windows writes as "CSV"), said in
 * the preview so the user knows.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** The file starts with a byte order mark (dropped when decoding). */
  bom: boolean;
  /** A sentence for the preview, or null when there is nothing to say (plain UTF-8). */
  note: string | null;
}

export const ENCODING_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

/**
 * Detects the encoding of the first bytes of a file (the sample may end inside a character).
 * `detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))` -> `{ encoding: 'utf-16le', bom: true, ... }`;
 * `detectEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))` (`café` in Windows-1252)
 * -> `{ encoding: 'windows-1252', bom: false, note: 'This file is not valid UTF-8 ...' }`.
 */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const [a, b, c] = sample;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: true, note: null };
  if (a === 0xff && b === 0xfe) {
    return {
      encoding: 'utf-16le',
      bom: true,
      note: 'Read as UTF-16 LE (from its byte order mark).',
    };
  }
  if (a === 0xfe && b === 0xff) {
    return {
      encoding: 'utf-16be',
      bom: true,
      note: 'Read as UTF-16 BE (from its byte order mark).',
    };
  }
  const wide = utf16ByZeros(sample);
  if (wide) {
    return {
      encoding: wide,
      bom: false,
      note: `Read as ${ENCODING_LABEL[wide]} (no byte order mark; found from the zero bytes between its letters).`,
    };
  }
  try {
    // stream: true, so a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bom: false, note: null };
  } catch {
    return {
      encoding: 'windows-1252',
      bom: false,
      note: 'This file is not valid UTF-8, so it was read as Windows-1252 (Western European). If letters look wrong, save the file as UTF-8 and import it again.',
    };
  }
}

/**
 * UTF-16 without a byte order mark, from where the zero bytes fall: Latin text in UTF-16 LE has
 * a zero after every letter (odd offsets), in BE before it (even offsets); UTF-8 and
 * Windows-1252 text has none. Null when the first 4 KiB show neither pattern.
 * `utf16ByZeros(new Uint8Array([0x61, 0, 0x62, 0]))` -> 'utf-16le'.
 */
export function utf16ByZeros(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  // Mostly Latin text: well over a third of the pairs have their zero on one side only.
  if (odd > pairs * 0.35 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.35 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Counts U+FFFD replacement characters, which a decoder writes for bytes that are not valid in
 * the encoding. `countInvalid('a\uFFFDb')` -> 1.
 */
export function countInvalid(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}
