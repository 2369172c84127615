import type { VersionChanges } from '../db/versions';
import type { ChangedUnderEdit } from '../db/reimport-edits';
import type { StatementChunk } from '../columnar/chunk';
import type { ColumnMapping } from './columns';
import type { TextEncoding } from './formats/encoding';
import type { FormatId, Rule } from './formats/types';
import type { ImportSummary } from './pipeline';
import type { Preview } from './preview';

/**
 * Files smaller than this are read by one worker: starting a second costs more than it saves.
 * At 8 MB a 100k-row generated file (21 MB) is split: 1.7-1.9 s -> 1.15-1.25 s, file chosen ->
 * visible, three alternating runs each in headless Chromium here. (Here rather than in part.ts,
 * so the page can know it without loading the parser.)
 */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/** What the user chose in the preview. */
export interface ImportRequest {
  name: string;
  sourceFile: string;
  format: string;
  /** The mapping rule in words, kept in the dataset's metadata. */
  rule: string;
  /** The format's rule as the preview resolved it (the native defaults when absent). */
  formatRule?: Rule;
  delimiter: string;
  newline?: string;
  mapping: ColumnMapping;
  bundled?: boolean;
  /** The header row as the preview read it: a second worker reading the rest of the file needs it. */
  headers?: string[];
  /**
   * Id of a dataset this import is a new version of: its statements do not count as
   * duplicates, and it is deleted in the same transaction that makes the new one ready.
   */
  replaces?: string;
}

export interface ImportReport {
  /** Null when nothing new was added (every row a duplicate or rejected): no empty dataset. */
  datasetId: string | null;
  summary: ImportSummary;
  /** A re-import (`replaces`): the new version against the one it replaced. */
  versions?: VersionChanges;
  /** A re-import: statements with versions in the app whose file values it changed. */
  changedUnderEdits?: ChangedUnderEdit[];
}

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
