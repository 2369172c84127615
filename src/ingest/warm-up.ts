import { ChunkEncoder } from '../columnar/encode';
import { ContentFingerprint } from '../columnar/content-fingerprint';
import { decodeChunks } from './decode';
import { EncodingSink } from './encoding-sink';
import { importRows } from './pipeline';
import { previewText } from './preview';
import { pieces } from './read-file';

/**
 * A file in the app's own format for `warmUp`: `rows` rows with quoted fields (commas, doubled
 * quotes), Latin and Cyrillic names, empty optional cells, links and confidences.
 * `warmSample(2)` -> `'id,date,actor,...\nwarm-1,2011-02-11,João Orlov,...\n...'`.
 */
export function warmSample(rows: number): string {
  const actors = ['Łukasz Nowak', 'João Orlov', 'Sofia Patel', 'Дмитрий Шевченко', 'Anna Berg'];
  const groups = ['European Union', 'United Nations', 'Ukraine', 'Russia', ''];
  const topics = ['ceasefire', 'talks', 'nato-membership', 'sanctions-relief'];
  const stances = ['1', 'oppose', 'conditional', '-2', 'strongly support', '0'];
  const lines = [
    'id,date,actor,affiliation,topic,stance,conditions,quote,summary,target,source,url,reported_via,confidence',
  ];
  for (let i = 1; i <= rows; i++) {
    const actor = actors[i % actors.length];
    const topic = topics[i % topics.length];
    lines.push(
      [
        `warm-${i}`,
        `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
        actor,
        groups[i % groups.length],
        topic,
        stances[i % stances.length],
        i % 5 === 0 ? 'if forces withdraw' : '',
        i % 3 === 0 ? '' : `"We will not move on ${topic}, ""now"", row ${i}."`,
        i % 4 === 0 ? '' : `${actor} spoke on ${topic} (${i}).`,
        i % 7 === 0 ? 'Ukraine' : '',
        `warm-up source ${i % 3}`,
        i % 2 === 0 ? `https://example.org/w/${i}` : '',
        i % 11 === 0 ? 'Reuters' : '',
        `0.${10 + (i % 90)}`,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Rows of the warm-up file: enough for V8's optimizing tier (3,000 left 0.8 s of compiling in a
 * 100k-row import, 20,000 left 0.36 s; docs/performance.md, "ingest/warm-up.ts").
 */
const WARM_ROWS = 20_000;

/**
 * Reads a generated file through the preview, the row checks and the chunk encoder, storing
 * nothing, while the page is idle, so the user's first file is read by optimized code rather
 * than compiled on the way. Resolves to the rows it kept; rejects with an AbortError when
 * `signal` aborts (a message for the worker came), within ~8 ms.
 */
export async function warmUp(signal?: AbortSignal): Promise<number> {
  const sample = warmSample(WARM_ROWS);
  const preview = previewText(sample.slice(0, 64 * 1024), { truncated: true });
  const encoder = new ChunkEncoder('warm-up');
  let kept = 0;
  await importRows(
    decodeChunks(pieces(new TextEncoder().encode(sample), 64 * 1024)),
    {
      delimiter: preview.delimiter,
      newline: preview.newline,
      mapping: preview.mapping,
      signal,
      // A message (a preview, an import) waits at most this long for the warm-up to stop.
      yieldMs: 8,
    },
    // The import's own sink class, so what compiles here is what the import runs.
    new EncodingSink(encoder, new ContentFingerprint(), ({ chunk }) => void (kept += chunk.count)),
  );
  return kept;
}
