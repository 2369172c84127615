/**
 * A large file imported by two workers at once: the import worker reads the first half and a
 * second worker the rest, each on its own core (this machine's two cores: one worker took ~12 s
 * for 1M generated rows, almost all of it parsing and checking rows). The halves meet at a line
 * ending; the first half is stored as usual, then the second half's chunks are taken in
 * (`ChunkEncoder.adopt`): codes moved to the dataset's dictionaries, lines moved on, ids already
 * seen in the first half or in stored data counted as duplicates. The result is the one a
 * single reader gives, row for row: if the cut fell inside a quoted field (a quote count that is
 * odd at the cut), the first reader simply reads on to the end and the second half is dropped.
 */
import type { StatementChunk } from '../domain/columns';
import { ChunkEncoder } from '../domain/encode';
import { getFormat } from './formats/index';
import type { Rule } from './formats/types';
import { importRows, MAX_STORED_ISSUES, type ImportOptions, type ImportSummary } from './pipeline';

/**
 * Files smaller than this are read by one worker: starting a second costs more than it saves.
 * At 8 MB a 100k-row generated file (21 MB) is split: 1.7-1.9 s -> 1.15-1.25 s, file chosen ->
 * visible, three alternating runs each in headless Chromium here.
 */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/** What the second worker hands back: its chunks with its own dictionaries, and its summary. */
export interface PartResult {
  chunks: StatementChunk[];
  dicts: { actors: string[]; affiliations: string[]; topics: string[] };
  /** Counts and issues of the second half, lines counted from its own first line. */
  summary: ImportSummary;
}

/** The second half while it is being read elsewhere. */
export interface SecondPart {
  /** False once the first reader went on through the rest itself (the cut was inside quotes). */
  use: boolean;
  /** Rows and bytes read so far by the second worker, for the progress bar. */
  rows: number;
  bytes: number;
  /** Resolves when the second worker is done (rejects with its error). */
  result: Promise<PartResult>;
  /** Stops the second worker (no-op once done). */
  stop(): void;
}

/**
 * The byte offset just after the first line feed at or past the middle of `bytes` (the window
 * starting at `from` in the file), or -1 when it has none. A line feed byte never occurs inside
 * a multi-byte UTF-8 or a Windows-1252 character, so both halves decode on their own.
 * `cutAfterNewline(Uint8Array.of(97, 10, 98), 100)` -> 102.
 */
export function cutAfterNewline(bytes: Uint8Array, from: number): number {
  const i = bytes.indexOf(10);
  return i === -1 ? -1 : from + i + 1;
}

/** Whether the file's rows may hold quoted fields (a raw GDELT or Phoenix file never quotes). */
export function usesQuotes(formatId: string | undefined, rule: Rule | undefined): boolean {
  const format = getFormat(formatId);
  return !(format.rawUnquoted && rule && !rule.header);
}

/**
 * The first half's text, then, only if it ended inside a quoted field, the rest of the file
 * (read by this reader; the second half is marked unused and stopped).
 */
export async function* firstHalf(
  first: AsyncIterable<string>,
  rest: () => AsyncIterable<string>,
  quotes: boolean,
  second: SecondPart,
): AsyncIterable<string> {
  let odd = false;
  for await (const text of first) {
    if (quotes) {
      for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) odd = !odd;
    }
    yield text;
  }
  if (odd) {
    second.use = false;
    second.stop();
    yield* rest();
  }
}

/**
 * Reads the second half: the same pipeline with the header row given (its first row is data),
 * each batch encoded with the part's own dictionaries and handed to `onChunk`.
 */
export async function readPart(
  text: AsyncIterable<string>,
  opts: ImportOptions & { partHeaders?: readonly string[] },
  onChunk: (chunk: StatementChunk) => void,
  onProgress?: (rows: number) => void,
): Promise<Omit<PartResult, 'chunks'>> {
  const encoder = new ChunkEncoder('part');
  const summary = await importRows(text, opts, {
    batch: (records) => onChunk(encoder.encode(records)),
    progress: (rows) => onProgress?.(rows),
  });
  return {
    summary,
    dicts: {
      actors: encoder.actors.values,
      affiliations: encoder.affiliations.values,
      topics: encoder.topics.values,
    },
  };
}

/**
 * The summary of the whole file from its two halves: counts added up, the second half's issues
 * after the first's with their lines moved on, and `crossDuplicates` (second-half rows whose id
 * the first half or the store already had) moved from added to duplicates.
 */
export function mergeSummaries(
  first: ImportSummary,
  second: ImportSummary,
  lineOffset: number,
  crossDuplicates: number,
): ImportSummary {
  const moved = <T extends { line: number }>(list: T[]) =>
    list.map((issue) => ({ ...issue, line: issue.line + lineOffset }));
  return {
    rowsRead: first.rowsRead + second.rowsRead,
    added: first.added + second.added - crossDuplicates,
    duplicates: first.duplicates + second.duplicates + crossDuplicates,
    rejected: first.rejected + second.rejected,
    issues: [...first.issues, ...moved(second.issues)].slice(0, MAX_STORED_ISSUES),
    issueCount: first.issueCount + second.issueCount,
    warnings: [...first.warnings, ...moved(second.warnings)].slice(0, MAX_STORED_ISSUES),
    warningCount: first.warningCount + second.warningCount,
    invalidChars: (first.invalidChars ?? 0) + (second.invalidChars ?? 0),
  };
}
