import { StanceDB } from '../db/db';
import { importIntoDb } from '../db/importer';
import { countInvalid, detectEncoding, type TextEncoding } from './formats/encoding';
import { importRows, previewText } from './pipeline';
import type { FromWorker, ToWorker } from './protocol';
import { decodeChunks } from './stream';

/**
 * The work behind the import worker's messages, kept apart from the worker shell so the same
 * code runs in-process where no Worker exists (component tests in jsdom).
 */
export function runTask(
  msg: Exclude<ToWorker, { type: 'cancel' }>,
  post: (m: FromWorker) => void,
  signal: AbortSignal,
  openDb: () => StanceDB = () => new StanceDB(),
): Promise<void> {
  const task =
    msg.type === 'preview' ? preview(msg, signal, post) : runImport(msg, signal, post, openDb);
  return task.catch((e: unknown) => {
    const err = e as Error;
    if (err?.name === 'AbortError') post({ type: 'cancelled' });
    else post({ type: 'error', message: err?.message ?? String(e), name: err?.name ?? 'Error' });
  });
}

/** Preview reads this much of the file; enough for the detection and the first rows. */
const SAMPLE_BYTES = 256 * 1024;

/** Counts bytes as they stream by, for the progress bar. */
async function* counted(file: Blob, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
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

/** The first SAMPLE_BYTES of a file, as bytes (the encoding is not known yet). */
async function sampleBytes(file: Blob): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of counted(file.slice(0, SAMPLE_BYTES), () => undefined)) {
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

async function decodeAll(bytes: Uint8Array, encoding: TextEncoding): Promise<string> {
  let text = '';
  for await (const piece of decodeChunks(oneChunk(bytes), encoding)) text += piece;
  return text;
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * The encoding sentence for the preview: the fallback or byte order mark, and how many
 * characters of the sample could not be decoded (a cut character at the end of a truncated
 * sample is not counted).
 */
function encodingNote(note: string | null, sample: string, truncated: boolean): string | null {
  const whole = truncated ? sample.slice(0, Math.max(0, sample.lastIndexOf('\n'))) : sample;
  const invalid = countInvalid(whole);
  if (invalid === 0) return note;
  const bad = `${invalid.toLocaleString('en')} character${invalid === 1 ? '' : 's'} in the first rows could not be decoded and show as \uFFFD; the rows they are in are listed after import.`;
  return note ? `${note} ${bad}` : bad;
}

async function preview(
  msg: Extract<ToWorker, { type: 'preview' }>,
  signal: AbortSignal,
  post: (m: FromWorker) => void,
) {
  const bytes = await sampleBytes(msg.file);
  const guess = detectEncoding(bytes);
  const sample = await decodeAll(bytes, guess.encoding);
  const truncated = msg.file.size > SAMPLE_BYTES;
  // A cut sample's last record may be a fragment (even inside a quoted field): previewText
  // drops it when told the sample is truncated.
  const result = previewText(sample, {
    delimiter: msg.delimiter,
    mapping: msg.mapping,
    format: msg.format,
    rule: msg.rule,
    truncated,
  });
  post({
    type: 'preview',
    preview: result,
    encoding: guess.encoding,
    encodingNote: encodingNote(guess.note, sample, truncated),
  });
  if (result.missing.length > 0 || result.needs.length > 0) return;
  // Then a dry run over the whole file for the true record and problem counts.
  let read = 0;
  let lastPost = 0;
  const summary = await importRows(
    decodeChunks(
      counted(msg.file, (n) => (read = n)),
      guess.encoding,
    ),
    {
      delimiter: result.delimiter,
      newline: result.newline,
      format: result.format,
      rule: result.rule,
      mapping: result.mapping,
      signal,
    },
    {
      batch: () => undefined,
      progress: (rows) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', phase: 'check', rows, bytes: read, total: msg.file.size });
      },
    },
  );
  post({ type: 'checked', summary });
}

async function runImport(
  msg: Extract<ToWorker, { type: 'import' }>,
  signal: AbortSignal,
  post: (m: FromWorker) => void,
  openDb: () => StanceDB,
) {
  const database = openDb();
  let bytes = 0;
  let lastPost = 0;
  try {
    const report = await importIntoDb(
      database,
      decodeChunks(
        counted(msg.file, (n) => (bytes = n)),
        msg.encoding ?? 'utf-8',
      ),
      msg.request,
      {
        signal,
        onProgress: (rows) => {
          const now = performance.now();
          if (now - lastPost < 100) return;
          lastPost = now;
          post({ type: 'progress', phase: 'import', rows, bytes, total: msg.file.size });
        },
      },
    );
    post({ type: 'done', report });
  } finally {
    database.close();
  }
}

function readWhole(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
