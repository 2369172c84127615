import type { StanceDB } from '../db/db';
import { SPLIT_MIN_BYTES, type FromWorker, type ToWorker } from './protocol';

/** Talks to the import work: a module worker in the browser, in-process where none exists. */
export interface ImportService {
  send(msg: ToWorker): void;
  onmessage: ((m: FromWorker) => void) | null;
  /**
   * A file of this size was chosen: get ready to import it (a large one is read by two
   * workers, and the second is started now, while the user looks at the preview).
   */
  prepare?(fileSize: number): void;
  /** The page is idle: start what a first large import will need. */
  warm?(): void;
  dispose(): void;
}

/** A module worker running the import tasks (PapaParse stays out of the page bundle). */
function importWorker(): Worker {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The browser path: one import worker per service, plus a second worker when it asks for one
 * to read the second half of a large file (src/ingest/part.ts). The page starts that one, so it
 * runs beside the import worker rather than waiting on its thread, and hands the two a channel.
 */
export class WorkerImportService implements ImportService {
  onmessage: ((m: FromWorker) => void) | null = null;
  private worker = importWorker();
  private parts: Worker[] = [];
  /** A second worker started ahead of need (`warm`, `prepare`), loaded and waiting. */
  private spare: Worker | null = null;

  constructor() {
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'spawn-part') this.startPart(m);
      else this.onmessage?.(m);
    };
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

  warm(): void {
    // Both warm up (parse.worker.ts) before a file comes; the spare is started now, idle.
    this.worker.postMessage({ type: 'warm' } satisfies ToWorker);
    this.spare ??= importWorker();
    this.spare.postMessage({ type: 'warm' } satisfies ToWorker);
  }

  prepare(fileSize: number): void {
    // Measured here: a new worker takes 80-150 ms to load and start reading, a delay the
    // second half would otherwise add to every large import.
    if (fileSize >= SPLIT_MIN_BYTES && !this.spare) {
      this.spare = importWorker();
      // Until the second half is sent to it: a few ms of compiling are better than none.
      this.spare.postMessage({ type: 'warm' } satisfies ToWorker);
    }
  }

  dispose(): void {
    this.worker.terminate();
    this.spare?.terminate();
    this.spare = null;
    for (const part of this.parts) part.terminate();
    this.parts = [];
  }

  private startPart(m: Extract<FromWorker, { type: 'spawn-part' }>): void {
    const part = this.spare ?? importWorker();
    this.spare = null;
    this.parts.push(part);
    // It hands the page each chunk it stores, as the import worker does (everything else it
    // says goes to the import worker, which speaks for the import).
    part.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'chunk') this.onmessage?.(e.data);
    };
    const channel = new MessageChannel();
    const { file, start, request, encoding } = m;
    const msg: ToWorker = { type: 'part', file, start, request, encoding, port: channel.port2 };
    part.postMessage(msg, [channel.port2]);
    const handOver: ToWorker = { type: 'part-port', port: channel.port1 };
    this.worker.postMessage(handOver, [channel.port1]);
  }
}

/** Same tasks on the calling thread: for tests (jsdom has no Worker). */
export class InProcessImportService implements ImportService {
  onmessage: ((m: FromWorker) => void) | null = null;
  private current: AbortController | null = null;

  constructor(private openDb?: () => StanceDB) {}

  send(msg: ToWorker): void {
    // A port is only ever handed to a real import worker (the page splits only there), and
    // only a worker is warmed up.
    if (msg.type === 'part-port' || msg.type === 'warm') return;
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
