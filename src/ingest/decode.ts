/** Bytes -> text chunks, in the file's encoding. */
import { stripBom } from './detect';
import type { TextEncoding } from './formats/encoding';

/** Bytes decoded at a time: a 64 KiB piece can make a string too large for V8's young
 * generation (100k rows: 746 -> 680 ms; docs/performance.md, "ingest/decode.ts"). */
const DECODE_PIECE = 32 * 1024;

/**
 * Bytes -> text chunks in the given encoding (UTF-8 unless told; see `detectEncoding`), with
 * characters cut between byte chunks put back together (`stream: true`) and a leading byte
 * order mark dropped. Invalid bytes become U+FFFD rather than failing the import (the pipeline
 * reports the rows they are in). Works wherever TextDecoder does: node, a page, a worker.
 * `decodeChunks(file.stream(), 'utf-16le')` -> `'date,actor\n'`, ... from UTF-16 LE bytes.
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  encoding: TextEncoding = 'utf-8',
  /** False for a later part of a file, where U+FEFF is a character, not a byte order mark. */
  fileStart = true,
): AsyncIterable<string> {
  // ignoreBOM: keep the mark in the output so that exactly one is removed, here.
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  let first = fileStart;
  for await (const chunk of bytes) {
    for (let at = 0; at < chunk.length; at += DECODE_PIECE) {
      const piece =
        at === 0 && chunk.length <= DECODE_PIECE ? chunk : chunk.subarray(at, at + DECODE_PIECE);
      let text = decoder.decode(piece, { stream: true });
      if (first && text.length > 0) {
        text = stripBom(text);
        first = false;
      }
      if (text.length > 0) yield text;
    }
  }
  let rest = decoder.decode();
  if (first) rest = stripBom(rest);
  if (rest.length > 0) yield rest;
}
