import { StanceDB } from '../db/db';
import { importIntoDb } from '../db/importer';
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

async function sampleText(file: Blob): Promise<string> {
  let text = '';
  for await (const piece of decodeChunks(counted(file.slice(0, SAMPLE_BYTES), () => undefined)))
    text += piece;
  return text;
}

async function preview(
  msg: Extract<ToWorker, { type: 'preview' }>,
  signal: AbortSignal,
  post: (m: FromWorker) => void,
) {
  const sample = await sampleText(msg.file);
  // A cut sample's last record may be a fragment (even inside a quoted field): previewText
  // drops it when told the sample is truncated.
  const result = previewText(sample, {
    delimiter: msg.delimiter,
    mapping: msg.mapping,
    truncated: msg.file.size > SAMPLE_BYTES,
  });
  const encodingNote = sample.includes('\uFFFD')
    ? 'Some bytes are not valid UTF-8 and show as \uFFFD; save the file as UTF-8 for exact text.'
    : null;
  post({ type: 'preview', preview: result, encodingNote });
  if (result.missing.length > 0) return;
  // Then a dry run over the whole file for the true record and problem counts.
  let bytes = 0;
  let lastPost = 0;
  const summary = await importRows(
    decodeChunks(counted(msg.file, (n) => (bytes = n))),
    { delimiter: result.delimiter, newline: result.newline, mapping: result.mapping, signal },
    {
      batch: () => undefined,
      progress: (rows) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', phase: 'check', rows, bytes, total: msg.file.size });
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
      decodeChunks(counted(msg.file, (n) => (bytes = n))),
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
