import { StanceDB } from '../db/db';
import { importIntoDb } from './importer';
import { firstHalf, usesQuotes, type SecondPart } from './part';
import type { ToWorker } from './protocol';
import { decodeChunks } from './decode';
import { previewTask } from './preview-task';
import { counted } from './read-file';
import { runPart, splitPoint, type StartSecond } from './second-worker';
import { handOver, type Post, type TaskStore } from './task-io';

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
      ? previewTask(msg, signal, post)
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
 * The import message's task: reads the file (its later half in a second worker when it is
 * large) and stores it as a dataset, handing each stored chunk to the page.
 */
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
