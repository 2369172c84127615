import type { StatementChunk } from '../columnar/chunk';
import type { ContentFingerprint } from '../columnar/content-fingerprint';
import type { ChunkEncoder } from '../columnar/encode';
import type { StatementRecord } from '../domain/types';
import type { BuildingSink } from './pipeline';

/** A chunk as it is taken, with each row's id key (`ContentFingerprint.add`). */
export interface EncodedChunk {
  chunk: StatementChunk;
  keys: Uint32Array;
}

/**
 * Where an import puts its records: each is counted into the fingerprint and encoded into the
 * chunk being built, and each full chunk goes to `store`. A class, not an object of closures
 * made per import, so the warm-up's compiled `add` serves every later import of the worker
 * (see RowReader in pipeline.ts).
 * ```ts
 * const sink = new EncodingSink(new ChunkEncoder('d1'), new ContentFingerprint(), store);
 * await importRows(text, options, sink); // store gets { chunk, keys } per 10 000 records
 * ```
 */
export class EncodingSink implements BuildingSink<EncodedChunk> {
  private keys: number[] = [];

  constructor(
    readonly encoder: ChunkEncoder,
    readonly fingerprint: ContentFingerprint,
    private readonly store: (taken: EncodedChunk) => Promise<void> | void,
    readonly progress?: (rowsRead: number, charsRead: number) => void,
  ) {}

  add(record: StatementRecord): void {
    this.keys.push(this.fingerprint.add(record.id));
    this.encoder.add(record);
  }

  get size(): number {
    return this.encoder.size;
  }

  take(): EncodedChunk {
    const taken = { chunk: this.encoder.take(), keys: Uint32Array.from(this.keys) };
    this.keys = [];
    return taken;
  }

  write(taken: EncodedChunk): Promise<void> | void {
    return this.store(taken);
  }
}
