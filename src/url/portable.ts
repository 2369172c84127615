/**
 * Portable links: the filtered statements themselves, compressed into the URL `#fragment`, so a
 * small view opens in a browser that has never seen the data (after the user agrees to import
 * it). The fragment never reaches a server. Encoding: JSON -> UTF-8 -> deflate-raw (the
 * platform's CompressionStream) -> base64url, behind `d=`.
 */
import { NATIVE_COLUMNS } from '../domain/types';
import { fromBase64Url, toBase64Url } from '../util/base64';

export interface PortablePayload {
  v: 1;
  /** Dataset name to offer on import. */
  name: string;
  /** Native CSV rows, header first (a subset of NATIVE_COLUMNS, in any order). */
  rows: string[][];
}

/** Fragment prefix: `#d=...`. */
export const PORTABLE_PREFIX = 'd=';

/**
 * The longest portable link the app makes; beyond it Copy portable link refuses and says why.
 * 8,000 characters hold about 70 real-shaped statements and stay whole in Slack, Teams, WhatsApp
 * and webmail (docs/performance.md, "url/portable.ts").
 */
export const PORTABLE_MAX_URL_CHARS = 8000;

/**
 * Links up to this length survive every common chat and mail tool (Discord's 2,000-character
 * messages; Outlook and old tools cutting long links); longer ones come with a caution.
 */
export const PORTABLE_SAFE_URL_CHARS = 2000;

/** Cap on the decompressed JSON, so a crafted link (a deflate bomb) cannot eat the memory. */
export const PORTABLE_MAX_BYTES = 5 * 1024 * 1024;
/** Longest fragment read at all; far beyond any URL a browser keeps. */
const MAX_FRAGMENT_CHARS = 4 * 1024 * 1024;
const MAX_NAME_CHARS = 200;

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, stopping as soon as the output passes `max` bytes (returns null then). */
async function inflate(bytes: Uint8Array, max: number): Promise<Uint8Array | null> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The fragment text (without `#`) that carries the payload: `d=` then base64url of the
 * deflate-raw of its JSON. `encodePortable({ v: 1, name: 'seed', rows: [['date'], ['2024-12-18']] })`
 * -> `'d=q1Yq...'`; decodePortable of it gives the payload back.
 */
export async function encodePortable(payload: PortablePayload): Promise<string> {
  const json = JSON.stringify({ v: payload.v, name: payload.name, rows: payload.rows });
  return PORTABLE_PREFIX + toBase64Url(await deflate(new TextEncoder().encode(json)));
}

/**
 * Reads a fragment (with or without `#`) back into a payload. Never throws: bad base64, bad
 * deflate, bad JSON, a wrong shape or a payload over 5 MB all give `{ error }` with the reason.
 *
 * `await decodePortable('#d=!!')` -> `{ error: 'the link data is not valid base64url' }`.
 */
export async function decodePortable(
  fragment: string,
): Promise<PortablePayload | { error: string }> {
  try {
    const text =
      typeof fragment === 'string' && fragment.startsWith('#') ? fragment.slice(1) : fragment;
    if (typeof text !== 'string' || !text.startsWith(PORTABLE_PREFIX)) {
      return { error: 'the link carries no data (expected #d=...)' };
    }
    const body = text.slice(PORTABLE_PREFIX.length);
    if (body.length === 0) return { error: 'the link data is empty' };
    if (body.length > MAX_FRAGMENT_CHARS) return { error: 'the link data is too long' };
    const bytes = fromBase64Url(body);
    if (!bytes) return { error: 'the link data is not valid base64url' };
    let inflated: Uint8Array | null;
    try {
      inflated = await inflate(bytes, PORTABLE_MAX_BYTES);
    } catch {
      return { error: 'the link data is damaged (it does not decompress)' };
    }
    if (!inflated) return { error: 'the link data is too large (over 5 MB when unpacked)' };
    let json: string;
    try {
      json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return { error: 'the link data is not UTF-8 text' };
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return { error: 'the link data is not valid JSON' };
    }
    return checkPayload(value);
  } catch {
    // Belt and braces: nothing above should throw, but a link must never crash the app.
    return { error: 'the link data could not be read' };
  }
}

const NATIVE = new Set<string>(NATIVE_COLUMNS);

/** The payload if `value` has its shape, else `{ error }` naming what is wrong. */
function checkPayload(value: unknown): PortablePayload | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'the link data is not a statement list' };
  }
  const { v, name, rows } = value as Record<string, unknown>;
  if (v !== 1) return { error: 'the link data has an unknown version' };
  if (typeof name !== 'string' || name.length > MAX_NAME_CHARS) {
    return { error: 'the link data has no valid dataset name' };
  }
  if (!Array.isArray(rows) || rows.length === 0) return { error: 'the link data has no rows' };
  const header = rows[0];
  if (!isStringRow(header) || header.length === 0) {
    return { error: 'the link data has no header row' };
  }
  const unknown = header.find((column) => !NATIVE.has(column));
  if (unknown !== undefined) return { error: `the link data has an unknown column "${unknown}"` };
  if (new Set(header).size !== header.length) {
    return { error: 'the link data repeats a column' };
  }
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    if (!isStringRow(row) || row.length !== header.length) {
      return { error: `the link data row ${i} does not match the header` };
    }
  }
  return { v: 1, name, rows: rows as string[][] };
}

function isStringRow(row: unknown): row is string[] {
  return Array.isArray(row) && row.every((cell) => typeof cell === 'string');
}
