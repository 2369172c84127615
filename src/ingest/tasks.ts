import { StanceDB } from '../db/db';
import { CHUNK_NUMBERS, type StatementChunk } from '../columnar/chunk';
import { importIntoDb } from './importer';
import { countInvalid, detectEncoding, type TextEncoding } from './formats/encoding';
import {
  cutAfterNewline,
  firstHalf,
  linkSecond,
  partOptions,
  SPLIT_MIN_BYTES,
  storePart,
  usesQuotes,
  type FromPart,
  type SecondPart,
  type ToPart,
} from './part';
import { importRows } from './pipeline';
import { previewText } from './preview';
import type { FromWorker, ImportRequest, ToWorker } from './protocol';
import { decodeChunks } from './decode';
import { ChunkEncoder } from '../columnar/encode';
import { ContentFingerprint } from '../columnar/content-fingerprint';
import { EncodingSink } from './encoding-sink';
import { plural } from '../util/plural';

/** Posts a message to the page, handing over the buffers in `transfer` (a chunk's arrays). */
export type Post = (m: FromWorker, transfer?: Transferable[]) => void;

/** Starts reading a file from byte `start` elsewhere (a second worker). */
export type StartSecond = (
  file: Blob,
  start: number,
  request: ImportRequest,
  encoding: TextEncoding,
) => SecondPart;

/** Where a task gets its store connection, and whether it is the caller's to close. */
interface TaskStore {
  open: () => StanceDB;
  shared: boolean;
}

/**
 * The work behind the import worker's messages, kept apart from the worker shell so the same
 * code runs in-process where no Worker exists (component tests in jsdom).
 */
export function runTask(
  msg: Exclude<ToWorker, { type: 'cancel' | 'part-port' | 'warm' }>,
  post: Post,
  signal: AbortSignal,
  openDb: () => StanceDB = () => new StanceDB(),
  startSecond?: StartSecond,
  /** `openDb` gives a connection its caller keeps open between tasks: a task must not close it. */
  shared = false,
): Promise<void> {
  const store = { open: openDb, shared };
  const task =
    msg.type === 'preview'
      ? preview(msg, signal, post)
      : msg.type === 'part'
        ? runPart(msg, signal, store, post)
        : runImport(msg, signal, post, store, startSecond);
  return task.catch((e: unknown) => {
    const err = e as Error;
    if (err?.name === 'AbortError') post({ type: 'cancelled' });
    else post({ type: 'error', message: err?.message ?? String(e), name: err?.name ?? 'Error' });
  });
}

/**
 * A file in the app's own format for `warmUp`: `rows` rows with quoted fields (commas, doubled
 * quotes), Latin and Cyrillic names, empty optional cells, links and confidences.
 * `warmSample(2)` -> `'id,date,actor,...\nwarm-1,2011-02-11,João Orlov,...\n...'`.
 */
export function warmSample(rows: number): string {
  const actors = ['Łukasz Nowak', 'João Orlov', 'Sofia Patel', 'Дмитрий Шевченко', 'Anna Berg'];
  const groups = ['European Union', 'United Nations', 'Ukraine', 'Russia', ''];
  const topics = ['ceasefire', 'talks', 'nato-membership', 'sanctions-relief'];
  const stances = ['1', 'oppose', 'conditional', '-2', 'strongly support', '0'];
  const lines = [
    'id,date,actor,affiliation,topic,stance,conditions,quote,summary,target,source,url,reported_via,confidence',
  ];
  for (let i = 1; i <= rows; i++) {
    const actor = actors[i % actors.length];
    const topic = topics[i % topics.length];
    lines.push(
      [
        `warm-${i}`,
        `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
        actor,
        groups[i % groups.length],
        topic,
        stances[i % stances.length],
        i % 5 === 0 ? 'if forces withdraw' : '',
        i % 3 === 0 ? '' : `"We will not move on ${topic}, ""now"", row ${i}."`,
        i % 4 === 0 ? '' : `${actor} spoke on ${topic} (${i}).`,
        i % 7 === 0 ? 'Ukraine' : '',
        `warm-up source ${i % 3}`,
        i % 2 === 0 ? `https://example.org/w/${i}` : '',
        i % 11 === 0 ? 'Reuters' : '',
        `0.${10 + (i % 90)}`,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Rows of the warm-up file: enough for V8 to give the reading code its optimizing tier (with
 * 3,000 it mostly stopped at the middle one, and TurboFan compiled 0.8 s during a 100k import;
 * with 20,000, 0.36 s).
 */
const WARM_ROWS = 20_000;

/**
 * Reads a generated file through the preview, the row checks and the chunk encoder, storing
 * nothing: run once when a worker starts, while the page is idle, so the user's first file is
 * read by optimized code rather than compiled on the way (compiling took ~0.7 s of CPU during
 * a 100k-row import, on the cores the import needs). Resolves to the rows it kept; rejects with
 * an AbortError when `signal` aborts (a message for the worker came), within ~8 ms.
 */
export async function warmUp(signal?: AbortSignal): Promise<number> {
  const sample = warmSample(WARM_ROWS);
  const preview = previewText(sample.slice(0, 64 * 1024), { truncated: true });
  const encoder = new ChunkEncoder('warm-up');
  let kept = 0;
  await importRows(
    decodeChunks(pieces(new TextEncoder().encode(sample), 64 * 1024)),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      signal,
      // A message (a preview, an import) waits at most this long for the warm-up to stop.
      yieldMs: 8,
    },
    // The import's own sink class, so what compiles here is what the import runs.
    new EncodingSink(encoder, new ContentFingerprint(), ({ chunk }) => void (kept += chunk.count)),
  );
  return kept;
}

/** How often the preview's count of the whole file lets a waiting message (Import) in. */
const CHECK_YIELD_MS = 8;

/** Preview reads this much of the file; enough for the detection and the first rows. */
const SAMPLE_BYTES = 256 * 1024;
/**
 * A header longer than the sample (50,000 columns) is read on to its end, up to this much: cut,
 * it named none of the columns and the preview said "required columns not found".
 */
const MAX_SAMPLE_BYTES = 8 * 1024 * 1024;

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

/**
 * The first SAMPLE_BYTES of a file, as bytes (the encoding is not known yet), or more, doubling
 * up to MAX_SAMPLE_BYTES, while they hold no line break.
 */
async function sampleBytes(file: Blob): Promise<Uint8Array> {
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

async function decodeAll(bytes: Uint8Array, encoding: TextEncoding): Promise<string> {
  let text = '';
  for await (const piece of decodeChunks(oneChunk(bytes), encoding)) text += piece;
  return text;
}

async function* oneChunk<T>(value: T): AsyncIterable<T> {
  yield value;
}

/** `bytes` in pieces of `size`, as a file's stream gives them. */
async function* pieces(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
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
  const bad = `${plural(invalid, 'character')} in the first rows could not be decoded and show as \uFFFD; the rows they are in are listed after import.`;
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
  const truncated = msg.file.size > bytes.length;
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
      // The user may click Import at any moment: measured here, the import's message waited
      // 40-110 ms behind this count at 50 ms between yields.
      yieldMs: CHECK_YIELD_MS,
      keepRejected: false,
    },
    {
      // Counts only: each kept record is dropped as it comes (a batch sink held 10,000 of them
      // at a time for nothing), and with no batch ever full nothing is written.
      add: () => undefined,
      size: 0,
      take: () => null,
      write: () => undefined,
      progress: (rows: number) => {
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
  post: Post,
  store: TaskStore,
  startSecond?: StartSecond,
) {
  const database = store.open();
  const encoding = msg.encoding ?? 'utf-8';
  let bytes = 0;
  let lastPost = 0;
  let second: SecondPart | undefined;
  let text = decodeChunks(
    counted(msg.file, (n) => (bytes = n)),
    encoding,
  );
  const cut = startSecond ? await splitPoint(msg.file, msg.request, encoding) : -1;
  if (startSecond && cut > 0) {
    second = startSecond(msg.file, cut, msg.request, encoding);
    const part = second;
    text = firstHalf(
      decodeChunks(
        counted(msg.file.slice(0, cut), (n) => (bytes = n + part.bytes)),
        encoding,
      ),
      () =>
        decodeChunks(
          counted(msg.file.slice(cut), (n) => (bytes = cut + n)),
          encoding,
          false,
        ),
      usesQuotes(msg.request.format, msg.request.formatRule),
      part,
    );
  }
  try {
    const report = await importIntoDb(database, text, msg.request, {
      signal,
      second,
      onChunk: (chunk) => handOver(post, chunk),
      onChunkGone: (datasetId, chunk) => post({ type: 'chunk-gone', datasetId, chunk }),
      onProgress: (rows) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', phase: 'import', rows, bytes, total: msg.file.size });
      },
    });
    post({ type: 'done', report });
  } finally {
    second?.stop();
    if (!store.shared) database.close();
  }
}

/**
 * Where a second worker may start reading (just after a line feed near the middle), or -1 when
 * the file is read by one: small files, UTF-16 (a line feed byte is not a line end there), a
 * headed file whose header row the preview did not pass on, and one with quotes read as text.
 */
export async function splitPoint(file: Blob, request: ImportRequest, encoding: TextEncoding) {
  if (file.size < SPLIT_MIN_BYTES) return -1;
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') return -1;
  if ((request.formatRule?.header ?? true) && !request.headers) return -1;
  // Lines whose quotes are text are numbered from the file's start: one reader reads them.
  if (request.formatRule?.textQuotes?.length) return -1;
  const mid = Math.floor(file.size / 2);
  // 64 KiB first, which holds a line feed in any ordinary file: reading the 1 MiB window at once
  // took 13-17 ms of every large import's start here (Chromium trace of a 100k-row import).
  let cut = -1;
  for (const size of [1 << 16, 1 << 20]) {
    const window = new Uint8Array(await file.slice(mid, mid + size).arrayBuffer());
    cut = cutAfterNewline(window, mid);
    if (cut > 0) break;
  }
  return cut > 0 && cut < file.size ? cut : -1;
}

/**
 * The second worker's task: read the file from `start` on and store it as the later part of the
 * dataset the import worker names through `port` ('part-begin'); a 'cancel' there stops it.
 */
async function runPart(
  msg: Extract<ToWorker, { type: 'part' }>,
  signal: AbortSignal,
  store: TaskStore,
  post: Post,
) {
  const { request, port } = msg;
  const send = (m: FromPart) => port.postMessage(m);
  const stop = new AbortController();
  const stopped = AbortSignal.any([signal, stop.signal]);
  let begin!: { resolve: (id: string) => void; reject: (e: unknown) => void };
  const datasetId = new Promise<string>((resolve, reject) => (begin = { resolve, reject }));
  datasetId.catch(() => undefined);
  port.onmessage = (e: MessageEvent<ToPart>) => {
    if (e.data.type === 'part-begin') return begin.resolve(e.data.datasetId);
    stop.abort();
    begin.reject(new DOMException('The import was cancelled.', 'AbortError'));
  };
  const database = store.open();
  let bytes = 0;
  let lastPost = 0;
  try {
    const result = await storePart(
      decodeChunks(
        counted(msg.file.slice(msg.start), (n) => (bytes = n)),
        msg.encoding,
        false,
      ),
      { ...partOptions(request), signal: stopped },
      database,
      datasetId,
      (ids) => send({ type: 'part-ids', ...ids }),
      (rows) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        send({ type: 'part-progress', rows, bytes });
      },
      (chunk) => handOver(post, chunk),
    );
    send({ type: 'part-done', ...result });
  } catch (e) {
    const err = e as Error;
    if (err?.name !== 'AbortError') {
      send({ type: 'error', message: err?.message ?? String(e), name: err?.name ?? 'Error' });
    }
  } finally {
    if (!store.shared) database.close();
  }
}

/**
 * Sends a stored chunk to the page, its typed arrays moved rather than copied: IndexedDB took
 * its copy when the chunk was added, and this thread does not touch the chunk again.
 */
function handOver(post: Post, chunk: StatementChunk): void {
  const views: ArrayBufferView[] = CHUNK_NUMBERS.map((k) => chunk[k]);
  for (const packed of Object.values(chunk.text)) {
    views.push(packed.ends);
    if (packed.codes) views.push(packed.codes);
  }
  post({ type: 'chunk', chunk }, [...new Set(views.map((v) => v.buffer as ArrayBuffer))]);
}

/**
 * The browser's second worker, started by the page on the import worker's request (a worker
 * started by a busy worker loads and reads its file only when its parent's thread is free:
 * measured here, a nested worker's half waited for the parent's half to finish). `port` is the
 * line to it, handed over by the page; what is said before it arrives waits for it.
 */
export function portSecond(port: Promise<MessagePort>): SecondPart {
  let line: MessagePort | null = null;
  const queue: ToPart[] = [];
  const { part, receive } = linkSecond((m) => {
    if (line) line.postMessage(m);
    else queue.push(m);
  });
  void port.then((p) => {
    line = p;
    p.onmessage = (e: MessageEvent<FromPart>) => receive(e.data);
    for (const m of queue.splice(0)) p.postMessage(m);
  });
  return part;
}

function readWhole(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
