import type { DatasetMeta, StatementChunk } from '../columnar/chunk';
import { applyParts, PART_CHUNK_BASE } from '../columnar/parts';

/**
 * The chunks an import stored, handed to the page as each is stored (its typed arrays moved,
 * not copied), so the page need not read back what the workers just built (~450 ms at 1M rows).
 * The store stays the truth: when what was handed over is not exactly the dataset the store
 * describes (a message lost, a chunk rewritten), the page reads the store.
 */
export class HandedChunks {
  private readonly byDataset = new Map<string, Map<number, StatementChunk>>();

  /** A chunk as stored; a later one with the same number replaces it (a rewritten chunk). */
  put(chunk: StatementChunk): void {
    let chunks = this.byDataset.get(chunk.datasetId);
    if (!chunks) this.byDataset.set(chunk.datasetId, (chunks = new Map()));
    chunks.set(chunk.chunk, chunk);
  }

  /** A chunk the import deleted again (every row of it was a duplicate). */
  gone(datasetId: string, chunk: number): void {
    this.byDataset.get(datasetId)?.delete(chunk);
  }

  /**
   * The dataset's chunks in chunk order, read as `datasetChunks` reads them (`meta.parts`
   * applied), or null when they are not exactly what `meta` describes: its chunk and statement
   * counts. Either way they are let go. A second worker's chunks count only when the dataset
   * has a part map (without one the import read the rest itself and deleted them).
   * `take({ id: 'd', chunkCount: 2, statementCount: 15, ... })` after `put`s of chunks 0 (10
   * rows) and 1 (5 rows) -> both chunks; after only chunk 0 -> null.
   */
  take(meta: DatasetMeta): StatementChunk[] | null {
    const handed = this.byDataset.get(meta.id);
    this.byDataset.delete(meta.id);
    if (!handed) return null;
    const chunks = [...handed.values()]
      .filter((c) => meta.parts || c.chunk < PART_CHUNK_BASE)
      .sort((a, b) => a.chunk - b.chunk);
    const rows = chunks.reduce((n, c) => n + c.count, 0);
    if (chunks.length !== meta.chunkCount || rows !== meta.statementCount) return null;
    return applyParts(chunks, meta.parts);
  }

  /** Lets everything go (a cancelled or failed import). */
  clear(): void {
    this.byDataset.clear();
  }
}
