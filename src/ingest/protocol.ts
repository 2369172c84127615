import type { ImportReport, ImportRequest } from '../db/importer';
import type { ColumnMapping } from './columns';
import type { ImportSummary, Preview } from './pipeline';

/** Messages from the page to the import worker. */
export type ToWorker =
  | { type: 'preview'; file: Blob; delimiter?: string; mapping?: ColumnMapping }
  | { type: 'import'; file: Blob; request: ImportRequest }
  | { type: 'cancel' };

/** Messages from the import worker to the page: progress and summaries, never row objects. */
export type FromWorker =
  | { type: 'preview'; preview: Preview; encodingNote: string | null }
  | { type: 'checked'; summary: ImportSummary }
  | { type: 'progress'; phase: 'check' | 'import'; rows: number; bytes: number; total: number }
  | { type: 'done'; report: ImportReport }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; name: string };
