import type { StanceDB } from '../db/db';
import type { FromWorker, ToWorker } from './protocol';

/** Talks to the import work: a module worker in the browser, in-process where none exists. */
export interface ImportService {
  send(msg: ToWorker): void;
  onmessage: ((m: FromWorker) => void) | null;
  dispose(): void;
}

/** The browser path: one module worker per service (PapaParse stays out of the page bundle). */
export class WorkerImportService implements ImportService {
  onmessage: ((m: FromWorker) => void) | null = null;
  private worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onmessage?.(e.data);
    this.worker.onerror = (e) =>
      this.onmessage?.({
        type: 'error',
        name: 'WorkerError',
        message: e.message || 'The import worker failed to start.',
      });
  }

  send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  dispose(): void {
    this.worker.terminate();
  }
}

/** Same tasks on the calling thread: for tests (jsdom has no Worker). */
export class InProcessImportService implements ImportService {
  onmessage: ((m: FromWorker) => void) | null = null;
  private current: AbortController | null = null;

  constructor(private openDb?: () => StanceDB) {}

  send(msg: ToWorker): void {
    this.current?.abort();
    this.current = null;
    if (msg.type === 'cancel') return;
    const controller = new AbortController();
    this.current = controller;
    void import('./tasks').then(({ runTask }) =>
      runTask(msg, (m) => this.onmessage?.(m), controller.signal, this.openDb),
    );
  }

  dispose(): void {
    this.current?.abort();
  }
}

export function createImportService(): ImportService {
  return typeof Worker === 'function' ? new WorkerImportService() : new InProcessImportService();
}
