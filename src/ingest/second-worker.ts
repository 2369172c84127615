import type { TextEncoding } from './formats/encoding';
import {
  cutAfterNewline,
  linkSecond,
  partOptions,
  SPLIT_MIN_BYTES,
  storePart,
  type FromPart,
  type SecondPart,
  type ToPart,
} from './part';
import type { ImportRequest, ToWorker } from './protocol';
import { decodeChunks } from './decode';
import { counted } from './read-file';
import { handOver, type Post, type TaskStore } from './task-io';

/** Starts reading a file from byte `start` elsewhere (a second worker). */
export type StartSecond = (
  file: Blob,
  start: number,
  request: ImportRequest,
  encoding: TextEncoding,
) => SecondPart;

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
export async function runPart(
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
