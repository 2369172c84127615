/// <reference lib="webworker" />
import type { ToWorker } from './protocol';
import { runTask, workerSecond } from './tasks';

/**
 * The import worker: parses and stores in the same thread (DESIGN.md: posting 1M parsed rows
 * to the page costs seconds of copying), so the page gets progress and a summary only.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: AbortController | null = null;

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  current?.abort();
  current = null;
  if (msg.type === 'cancel') return;
  const controller = new AbortController();
  current = controller;
  // A large import is split with a second copy of this worker (src/ingest/part.ts).
  void runTask(
    msg,
    (m, transfer) => scope.postMessage(m, transfer ?? []),
    controller.signal,
    undefined,
    workerSecond(scope.location.href),
  );
};
