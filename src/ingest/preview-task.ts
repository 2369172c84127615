import { countInvalid, detectEncoding } from './formats/encoding';
import { importRows } from './pipeline';
import { previewText } from './preview';
import type { FromWorker, ToWorker } from './protocol';
import { decodeChunks } from './decode';
import { counted, decodeAll, sampleBytes } from './read-file';
import { plural } from '../util/plural';

/** How often the preview's count of the whole file lets a waiting message (Import) in. */
const CHECK_YIELD_MS = 8;

/**
 * The encoding sentence for the preview: the fallback or byte order mark, and how many
 * characters of the sample could not be decoded (a cut character at the end of a truncated
 * sample is not counted).
 */
function encodingNote(note: string | null, sample: string, truncated: boolean): string | null {
  const whole = truncated ? sample.slice(0, Math.max(0, sample.lastIndexOf('\n'))) : sample;
  const invalid = countInvalid(whole);
  if (invalid === 0) return note;
  const bad = `${plural(invalid, 'character')} in the first rows could not be decoded and show as \uFFFD; the rows they are in are listed after import.`;
  return note ? `${note} ${bad}` : bad;
}

/**
 * The preview message's task: the file's first part previewed, then a dry run over the whole
 * file for the true record and problem counts.
 */
export async function previewTask(
  msg: Extract<ToWorker, { type: 'preview' }>,
  signal: AbortSignal,
  post: (m: FromWorker) => void,
) {
  const bytes = await sampleBytes(msg.file);
  const guess = detectEncoding(bytes);
  const sample = await decodeAll(bytes, guess.encoding);
  const truncated = msg.file.size > bytes.length;
  // A cut sample's last record may be a fragment (even inside a quoted field): previewText
  // drops it when told the sample is truncated.
  const result = previewText(sample, {
    delimiter: msg.delimiter,
    mapping: msg.mapping,
    format: msg.format,
    rule: msg.rule,
    truncated,
  });
  post({
    type: 'preview',
    preview: result,
    encoding: guess.encoding,
    encodingNote: encodingNote(guess.note, sample, truncated),
  });
  if (result.missing.length > 0 || result.needs.length > 0) return;
  // Then a dry run over the whole file for the true record and problem counts.
  let read = 0;
  let lastPost = 0;
  const summary = await importRows(
    decodeChunks(
      counted(msg.file, (n) => (read = n)),
      guess.encoding,
    ),
    {
      delimiter: result.delimiter,
      newline: result.newline,
      format: result.format,
      rule: result.rule,
      mapping: result.mapping,
      signal,
      // The user may click Import at any moment: measured here, the import's message waited
      // 40-110 ms behind this count at 50 ms between yields.
      yieldMs: CHECK_YIELD_MS,
      keepRejected: false,
    },
    {
      // Counts only: each kept record is dropped as it comes (a batch sink held 10,000 of them
      // at a time for nothing), and with no batch ever full nothing is written.
      add: () => undefined,
      size: 0,
      take: () => null,
      write: () => undefined,
      progress: (rows: number) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', phase: 'check', rows, bytes: read, total: msg.file.size });
      },
    },
  );
  post({ type: 'checked', summary });
}
