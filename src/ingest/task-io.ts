/** What the worker's tasks share: the line to the page, and the store connection. */
import { CHUNK_NUMBERS, type StatementChunk } from '../columnar/chunk';
import type { StanceDB } from '../db/db';
import type { FromWorker } from './protocol';

/** Posts a message to the page, handing over the buffers in `transfer` (a chunk's arrays). */
export type Post = (m: FromWorker, transfer?: Transferable[]) => void;

/** Where a task gets its store connection, and whether it is the caller's to close. */
export interface TaskStore {
  open: () => StanceDB;
  shared: boolean;
}

/**
 * Sends a stored chunk to the page, its typed arrays moved rather than copied: IndexedDB took
 * its copy when the chunk was added, and this thread does not touch the chunk again.
 */
export function handOver(post: Post, chunk: StatementChunk): void {
  const views: ArrayBufferView[] = CHUNK_NUMBERS.map((k) => chunk[k]);
  for (const packed of Object.values(chunk.text)) {
    views.push(packed.ends);
    if (packed.codes) views.push(packed.codes);
  }
  post({ type: 'chunk', chunk }, [...new Set(views.map((v) => v.buffer as ArrayBuffer))]);
}
