/// <reference lib="webworker" />
import { keptConnection, type StanceDB } from '../db/db';
import type { ToWorker } from './protocol';
import { portSecond, type StartSecond } from './second-worker';
import type { Post } from './task-io';
import { runTask } from './tasks';
import { warmUp } from './warm-up';

/**
 * The import worker: parses and stores in the same thread, so the page gets progress and a
 * summary only rather than seconds of copying 1M parsed rows to it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: AbortController | null = null;

/** Resolves the line to a second worker once the page has started it (`part-port`). */
let portWaiter: ((port: MessagePort) => void) | null = null;

/** A large import asks the page for a second worker on the rest of the file (src/ingest/part.ts). */
const startSecond: StartSecond = (file, start, request, encoding) => {
  const port = new Promise<MessagePort>((resolve) => (portWaiter = resolve));
  scope.postMessage({ type: 'spawn-part', file, start, request, encoding });
  return portSecond(port);
};

// Workers are started ahead of need (when the page is idle, when a large file is chosen) and
// warm up when the page says it is idle (`warm`), so the code that reads files is compiled
// before the first one arrives; not at start, since the page's first load imports the bundled
// file through this worker while it draws. Any other message stops the warm-up within ~8 ms;
// it goes on once a preview is done, and is not needed after an import.
let warming: AbortController | null = null;
let warmed = false;
let warmWanted = false;

function warmWhenIdle(): void {
  if (!warmWanted || warmed || warming || current) return;
  const controller = new AbortController();
  warming = controller;
  warmUp(controller.signal).then(
    () => {
      warmed = true;
      warming = null;
    },
    () => {
      if (warming === controller) warming = null;
    },
  );
}

const post: Post = (m, transfer) => scope.postMessage(m, transfer ?? []);

/**
 * The worker's store connection, opened once (at the warm-up) and kept for every task: opening
 * it was most of the ~25 ms between an import's start and its first row read, in a Chromium
 * trace of a 100k-row import. Closed, and opened again when next needed, if another tab opens
 * a newer schema, so an upgrade is never blocked by an idle worker.
 */
let connection: StanceDB | null = null;

function workerDb(): StanceDB {
  if (!connection) {
    const opened = keptConnection(() => {
      if (connection === opened) connection = null;
    });
    connection = opened;
  }
  return connection;
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'part-port') {
    portWaiter?.(msg.port);
    portWaiter = null;
    return;
  }
  if (msg.type === 'warm') {
    warmWanted = true;
    workerDb()
      .open()
      .catch(() => undefined); // a failure shows again, and is reported, when a task opens it
    warmWhenIdle();
    return;
  }
  warming?.abort();
  warming = null;
  current?.abort();
  current = null;
  if (msg.type === 'cancel') return;
  const controller = new AbortController();
  current = controller;
  if (msg.type === 'part') {
    // A second worker does one part and ends, done or stopped by the import worker.
    void runTask(msg, post, controller.signal, workerDb, undefined, true).then(() => {
      connection?.close();
      scope.close();
    });
    return;
  }
  void runTask(msg, post, controller.signal, workerDb, startSecond, true).then(() => {
    if (current !== controller) return;
    current = null;
    // An import has compiled the reading code itself: warming up after it would only take CPU
    // from the page drawing the new data. After a preview, an unfinished warm-up goes on.
    if (msg.type === 'import') warmed = true;
    else setTimeout(warmWhenIdle, 0);
  });
};
