import type { ImportReport, ImportRequest } from '../db/importer';
import type { StatementChunk } from '../domain/columns';
import type { ColumnMapping } from './columns';
import type { TextEncoding } from './formats/encoding';
import type { FormatId, Rule } from './formats/types';
import type { ImportSummary, Preview } from './pipeline';

/**
 * Files smaller than this are read by one worker: starting a second costs more than it saves.
 * At 8 MB a 100k-row generated file (21 MB) is split: 1.7-1.9 s -> 1.15-1.25 s, file chosen ->
 * visible, three alternating runs each in headless Chromium here. (Here rather than in part.ts,
 * so the page can know it without loading the parser.)
 */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/** Messages from the page to the import worker. */
export type ToWorker =
  | {
      type: 'preview';
      file: Blob;
      delimiter?: string;
      mapping?: ColumnMapping;
      /** A format the user chose; detected when absent. */
      format?: FormatId;
      /** The user's changes to the format's rule. */
      rule?: Partial<Rule>;
    }
  | { type: 'import'; file: Blob; request: ImportRequest; encoding?: TextEncoding }
  /**
   * From the page to a second worker: read the file from byte `start` on, and send what you
   * read to the import worker through `port`.
   */
  | {
      type: 'part';
      file: Blob;
      start: number;
      request: ImportRequest;
      encoding: TextEncoding;
      port: MessagePort;
    }
  /** From the page to the import worker: the line to the second worker it asked for. */
  | { type: 'part-port'; port: MessagePort }
  /** The page is idle: compile the reading code on a generated file (stopped by any message). */
  | { type: 'warm' }
  | { type: 'cancel' };

/** Messages from the import worker to the page: progress and summaries, never row objects. */
export type FromWorker =
  | {
      type: 'preview';
      preview: Preview;
      /** The text encoding the file is read in (detected from its first bytes); UTF-8 when absent. */
      encoding?: TextEncoding;
      /** What the preview says about the encoding (a fallback, undecodable bytes), or null. */
      encodingNote: string | null;
    }
  | { type: 'checked'; summary: ImportSummary }
  | { type: 'progress'; phase: 'check' | 'import'; rows: number; bytes: number; total: number }
  | { type: 'done'; report: ImportReport }
  /** A chunk just stored (by the import worker or a second worker), for the page to show. */
  | { type: 'chunk'; chunk: StatementChunk }
  /** A stored chunk deleted again before the import finished. */
  | { type: 'chunk-gone'; datasetId: string; chunk: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string; name: string }
  /** From the import worker to the page: start a second worker on the file from `start` on. */
  | {
      type: 'spawn-part';
      file: Blob;
      start: number;
      request: ImportRequest;
      encoding: TextEncoding;
    };

/**
 * The request that imports a file as its preview reads it, under the name given. (Here, beside
 * the messages, so the page builds it without loading the parser.)
 * `requestFromPreview(previewText(text), 'Talks', 'talks.csv')`
 * -> `{ name: 'Talks', sourceFile: 'talks.csv', format: 'native', delimiter: ',', ... }`.
 */
export function requestFromPreview(
  preview: Preview,
  name: string,
  sourceFile: string,
): ImportRequest {
  return {
    name,
    sourceFile,
    format: preview.format,
    rule: preview.ruleText,
    formatRule: preview.rule,
    delimiter: preview.delimiter,
    newline: preview.newline,
    mapping: preview.mapping,
    headers: preview.headers,
  };
}
