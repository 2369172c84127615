/** Reading a file's bytes for the worker's tasks: streamed, sampled, or decoded whole. */
import { decodeChunks } from './decode';
import type { TextEncoding } from './formats/encoding';

/** Preview reads this much of the file; enough for the detection and the first rows. */
const SAMPLE_BYTES = 256 * 1024;
/**
 * A header longer than the sample (50,000 columns) is read on to its end, up to this much: cut,
 * it named none of the columns and the preview said "required columns not found".
 */
const MAX_SAMPLE_BYTES = 8 * 1024 * 1024;

/** Counts bytes as they stream by, for the progress bar. */
export async function* counted(
  file: Blob,
  onBytes: (n: number) => void,
): AsyncIterable<Uint8Array> {
  if (typeof file.stream !== 'function') {
    // jsdom's Blob has no stream(): read it whole (tests only; browsers always stream).
    // (`new Response(blob)` throws synchronously on jsdom's Blob, so it cannot be the fallback.)
    const whole = new Uint8Array(
      typeof file.arrayBuffer === 'function' ? await file.arrayBuffer() : await readWhole(file),
    );
    onBytes(whole.byteLength);
    yield whole;
    return;
  }
  const reader = file.stream().getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
    onBytes(total);
    yield value;
  }
}

/**
 * The first SAMPLE_BYTES of a file, as bytes (the encoding is not known yet), or more, doubling
 * up to MAX_SAMPLE_BYTES, while they hold no line break.
 */
export async function sampleBytes(file: Blob): Promise<Uint8Array> {
  let bytes = await bytesOf(file, SAMPLE_BYTES);
  for (let size = SAMPLE_BYTES * 2; size <= MAX_SAMPLE_BYTES; size *= 2) {
    if (bytes.length >= file.size || bytes.includes(10)) break;
    bytes = await bytesOf(file, size);
  }
  return bytes;
}

/** The first `limit` bytes of a file. */
async function bytesOf(file: Blob, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of counted(file.slice(0, limit), () => undefined)) {
    parts.push(part);
    size += part.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

export async function decodeAll(bytes: Uint8Array, encoding: TextEncoding): Promise<string> {
  let text = '';
  for await (const piece of decodeChunks(oneChunk(bytes), encoding)) text += piece;
  return text;
}

async function* oneChunk<T>(value: T): AsyncIterable<T> {
  yield value;
}

/** `bytes` in pieces of `size`, as a file's stream gives them. */
export async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function readWhole(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
