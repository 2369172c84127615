/**
 * The import's read path in node, without the browser: the generator's file (seed 1, as
 * `npm run bench` uses) decoded, split into rows, checked and encoded into chunks, nothing
 * stored. `npm run bench:read`. A quick figure for changes to src/ingest and src/domain; the
 * product's own figures come from `npm run bench` in Chromium.
 */
import { bench, describe } from 'vitest';
import { generateCsv } from '../../scripts/gen-lib.mjs';
import { ContentFingerprint } from '../../src/columnar/content-fingerprint';
import { ChunkEncoder } from '../../src/columnar/encode';
import { IdSet } from '../../src/columnar/id-set';
import type { ColumnMapping } from '../../src/ingest/columns';
import { EncodingSink } from '../../src/ingest/encoding-sink';
import { importRows } from '../../src/ingest/pipeline';
import { decodeChunks } from '../../src/ingest/decode';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const bytes = new TextEncoder().encode(generateCsv({ rows: ROWS, seed: 1 }) as string);
const header = new TextDecoder().decode(bytes.subarray(0, 400)).split('\n')[0].split(',');
const mapping = Object.fromEntries(header.map((name, i) => [name, i])) as ColumnMapping;

/** The file as a browser's stream gives it: 64 KiB reads. */
async function* reads(): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}

describe(`read ${ROWS.toLocaleString('en')} generated rows`, () => {
  bench(
    'decode, split, check and encode',
    async () => {
      const sink = new EncodingSink(new ChunkEncoder('bench'), new ContentFingerprint(), () => {});
      const summary = await importRows(
        decodeChunks(reads()),
        { delimiter: ',', newline: '\n', format: 'native', mapping, seen: new IdSet() },
        sink,
      );
      if (summary.added !== ROWS) throw new Error(`read ${summary.added} of ${ROWS} rows`);
    },
    { iterations: 7, warmupIterations: 2, time: 0 },
  );
});
