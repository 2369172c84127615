// fake-indexeddb must be in place before Dexie is first imported.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StanceDB } from '../../../src/db/db';
import { deleteDataset } from '../../../src/db/store';
import { NATIVE_COLUMNS } from '../../../src/domain/types';
import type { ImportSummary } from '../../../src/ingest/pipeline';
import type { Preview } from '../../../src/ingest/preview';
import { requestFromPreview, type FromWorker } from '../../../src/ingest/protocol';
import { runTask } from '../../../src/ingest/tasks';
import { fixtureBytes } from '../ingest/helpers';
import { unpackText } from '../../../src/columnar/packed';

/**
 * The whole import as the worker runs it (src/ingest/tasks.ts `runTask`: preview, dry run, then
 * the import that writes through Dexie), fed with arbitrary bytes and hostile CSV shapes, over
 * fake-indexeddb. Seeded, so a failure reproduces; the seed and path are printed by fast-check.
 */
const SEED = 20_241_218;
const RUNS = { bytes: 150, csv: 250, failures: 100 };
const TOTAL_CASES = RUNS.bytes + RUNS.csv + RUNS.failures;

const DB = `fuzz-${process.pid}`;
let verify: StanceDB;
/** The dataset imported before the fuzzing starts: every case must leave it as it was. */
let earlier: { id: string; chunks: number; statements: number };
let casesRun = 0;
const outcomes: string[] = [];

/** Messages a task posted, in order. */
async function run(
  msg: Parameters<typeof runTask>[0],
  openDb: () => StanceDB = () => new StanceDB(DB),
): Promise<FromWorker[]> {
  const posted: FromWorker[] = [];
  // runTask catches everything: a rejection here is a failure of the property.
  await runTask(msg, (m) => posted.push(m), new AbortController().signal, openDb);
  return posted;
}

/** The file through the preview (with its dry run), then imported as the preview read it. */
async function previewThenImport(file: Blob, openDb?: () => StanceDB) {
  const previewMsgs = await run({ type: 'preview', file });
  const first = previewMsgs[0];
  if (first?.type !== 'preview') return { previewMsgs, importMsgs: [], preview: null };
  const preview: Preview = first.preview;
  const importMsgs = await run(
    {
      type: 'import',
      file,
      encoding: first.encoding,
      request: requestFromPreview(preview, 'fuzz', 'fuzz.csv'),
    },
    openDb,
  );
  return { previewMsgs, importMsgs, preview };
}

const terminal = (msgs: FromWorker[]) =>
  msgs.filter((m) => m.type === 'done' || m.type === 'error' || m.type === 'cancelled');

/** What is stored besides the earlier dataset, and whether the earlier one is untouched. */
async function storedState() {
  const datasets = await verify.datasets.toArray();
  const chunks = await verify.chunks.toArray();
  const mine = chunks.filter((c) => c.datasetId === earlier.id);
  return {
    others: datasets.filter((d) => d.id !== earlier.id),
    otherChunks: chunks.filter((c) => c.datasetId !== earlier.id),
    earlierIntact:
      datasets.some((d) => d.id === earlier.id && d.status === 'ready') &&
      mine.length === earlier.chunks &&
      mine.reduce((n, c) => n + c.count, 0) === earlier.statements,
  };
}

/**
 * The properties every case must hold, whatever the input:
 * - the preview ends in a preview or an error, never silence, never a throw;
 * - the import ends in exactly one `done` or `error` (it is never cancelled here);
 * - `done`: added + duplicates + rejected = rows read, the stored dataset is `ready` and holds
 *   exactly `added` unique statements, and the dry run counted the same rows and rejections;
 * - `error`: nothing of this file is stored;
 * - the dataset imported before is intact either way.
 */
async function checkCase(file: Blob, openDb?: () => StanceDB): Promise<FromWorker | undefined> {
  casesRun++;
  try {
    return await checkImport(file, openDb);
  } finally {
    // Whatever a case stored (or a failed case left), the next case starts from the same data.
    for (const d of await verify.datasets.toArray()) {
      if (d.id !== earlier.id) await deleteDataset(verify, d.id);
    }
  }
}

async function checkImport(file: Blob, openDb?: () => StanceDB): Promise<FromWorker | undefined> {
  const { previewMsgs, importMsgs } = await previewThenImport(file, openDb);
  expect(['preview', 'error']).toContain(previewMsgs[0]?.type);
  const checked = previewMsgs.find(
    (m): m is Extract<FromWorker, { type: 'checked' }> => m.type === 'checked',
  );
  if (previewMsgs[0]?.type === 'error') return previewMsgs[0];

  const ends = terminal(importMsgs);
  expect(ends).toHaveLength(1);
  const end = ends[0];
  expect(['done', 'error']).toContain(end.type);
  expect(importMsgs.at(-1)).toBe(end);
  const state = await storedState();
  expect(state.earlierIntact).toBe(true);

  if (end.type === 'done') {
    const s: ImportSummary = end.report.summary;
    expect(s.added + s.duplicates + s.updated + s.rejected).toBe(s.rowsRead);
    if (checked) {
      expect(checked.summary.rowsRead).toBe(s.rowsRead);
      expect(checked.summary.rejected).toBe(s.rejected);
    }
    if (end.report.datasetId === null) {
      expect(s.added).toBe(0);
      expect(state.others).toEqual([]);
      expect(state.otherChunks).toEqual([]);
    } else {
      expect(state.others.map((d) => [d.id, d.status, d.statementCount])).toEqual([
        [end.report.datasetId, 'ready', s.added],
      ]);
      const ids = state.otherChunks.flatMap((c) => unpackText(c.text.id));
      expect(ids).toHaveLength(s.added);
      expect(new Set(ids).size).toBe(s.added);
    }
  } else if (end.type === 'error') {
    // Nothing partial: no dataset row (importing or ready) and no chunk of this file.
    expect(state.others).toEqual([]);
    expect(state.otherChunks).toEqual([]);
    expect(end.message.length).toBeGreaterThan(0);
  }
  return end;
}

// ---- generators -------------------------------------------------------------------------------

const ACTORS = ['Sergey Lavrov', 'Keith Kellogg', 'Zelenskiy', '', ' ', 'Лавров', '<b>x</b>'];
const TOPICS = ['ceasefire', 'dialogue', 'nato-membership-ukraine', '', 'x'.repeat(300)];
const STANCES = ['-2', '-1', '0', '1', '2', '+2', 'conditional', 'Support', 'maybe', '', '3'];
const DATES = ['2024-12-18', '2024-12', '2024', '2024-02-30', '31/12/2024', '12/01/2024', '', 'x'];

/** Cells that break parsers: stray quotes, line breaks, NUL, BOM, replacement characters. */
const NASTY = fc.constantFrom(
  '"',
  '""',
  '"a',
  'a"b',
  '"a"b"',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\0\0\0',
  '\uFEFF',
  '\uFFFD',
  ',',
  ';',
  '\t',
  '=cmd|" /C calc"!A0',
  'javascript:alert(1)',
  '\u2028\u2029',
  '\uD800',
);

const cell: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ACTORS, ...TOPICS, ...STANCES, ...DATES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: NASTY },
);

/**
 * One expensive thing per file at most, so the cases stay fast: a huge field (up to 300k
 * characters, maybe full of quotes, delimiters or line breaks), a row of up to 10k columns, or
 * a 100k-character line.
 */
const monster: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(fc.constantFrom('x', 'é', '"', ',', '\n', '€'), fc.integer({ min: 1_000, max: 300_000 }))
    .map(([c, n]) => ['2024-12-18', 'Lavrov', 'ceasefire', '1', c.repeat(n)]),
  fc.integer({ min: 50, max: 10_000 }).map((n) => Array.from({ length: n }, (_, i) => `c${i}`)),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => ['a'.repeat(n)]),
);

/** A row that is valid native data, in the order of the header. */
const validRow = fc
  .record({
    date: fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    actor: fc.constantFrom(...ACTORS.filter((a) => a.trim())),
    topic: fc.constantFrom('ceasefire', 'dialogue', 'nato-membership-ukraine'),
    stance: fc.constantFrom('-2', '-1', '0', '1', '2', 'conditional', 'support'),
    quote: fc.string({ maxLength: 30 }),
    url: fc.constantFrom('', 'https://example.org/a', 'javascript:alert(1)', 'data:text/html,x'),
  })
  .map((r) => r as Record<string, string>);

const headerChoice: fc.Arbitrary<string[]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constant<string[]>(['date', 'actor', 'topic', 'stance', 'quote', 'url']),
  },
  { weight: 2, arbitrary: fc.shuffledSubarray<string>([...NATIVE_COLUMNS], { minLength: 0 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(cell, fc.constantFrom('Date', 'Speaker', 'Issue', 'Position')), {
      maxLength: 8,
    }),
  },
);

type Quoting = 'none' | 'proper' | 'stray';
const quote = (value: string, how: Quoting) => {
  if (how === 'proper') return `"${value.replace(/"/g, '""')}"`;
  if (how === 'stray') return `"${value}`;
  // Unquoted: a delimiter or line break inside splits the cell, which is the point.
  return value;
};

/** A CSV-ish file: a header (or none), valid and ragged rows, any delimiter and line ending. */
const csvShape = fc
  .record({
    header: fc.option(headerChoice, { freq: 5 }),
    rows: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: validRow.map((r) => ({ valid: r, cells: [] as string[] })) },
        {
          weight: 2,
          arbitrary: fc.array(cell, { maxLength: 20 }).map((cells) => ({ valid: null, cells })),
        },
      ),
      { maxLength: 60, size: 'medium' },
    ),
    monster: fc.option(fc.tuple(monster, fc.nat()), { freq: 3 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
    quoting: fc.constantFrom<Quoting>('none', 'proper', 'proper', 'stray'),
    blankLines: fc.boolean(),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    /** Cut the bytes here (0: keep whole), maybe in the middle of a multi-byte character. */
    cutAt: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }) },
    ),
  })
  .map((s) => {
    const header = s.header ?? [];
    const lines: string[] = [];
    if (s.header) lines.push(header.map((h) => quote(h, 'none')).join(s.delimiter));
    const rows = s.rows.map((r) => r as { valid: Record<string, string> | null; cells: string[] });
    if (s.monster) {
      const [cells, at] = s.monster;
      rows.splice(at % (rows.length + 1), 0, { valid: null, cells });
    }
    rows.forEach((row, i) => {
      const cells = row.valid ? header.map((h) => row.valid![h] ?? '') : row.cells;
      const how: Quoting = s.quoting === 'stray' && i % 3 !== 0 ? 'proper' : s.quoting;
      lines.push(cells.map((c) => quote(c, how)).join(s.delimiter));
      if (s.blankLines && i % 4 === 0) lines.push('');
    });
    let text = '';
    lines.forEach((line, i) => {
      const nl =
        s.newline === 'mixed' ? (['\n', '\r\n', '\r'] as const)[i % 3] : (s.newline as string);
      text += line + (i < lines.length - 1 || s.trailingNewline ? nl : '');
    });
    let bytes = new TextEncoder().encode((s.bom ? '\uFEFF' : '') + text);
    if (s.cutAt > 0 && bytes.length > 0)
      bytes = bytes.slice(0, Math.floor((bytes.length * s.cutAt) / 100));
    return bytes;
  });

/** Files with no CSV in them at all, or nearly none. */
const oddFile = fc.oneof(
  fc
    .constantFrom(
      '',
      '\n',
      '\r',
      '\r\n\r\n',
      '"',
      '""',
      '\0',
      '\uFEFF',
      'date,actor,topic,stance',
      'date,actor,topic,stance\n',
      'date,actor,topic,stance\n\n\n',
      'date;actor;topic;stance\r',
      '"date,actor,topic,stance\n2024-12-18,Lavrov,ceasefire,1\n',
      'date,actor,topic,stance\n2024-12-18,Lavrov,ceasefire,1\r2024-12-19,Lavrov,ceasefire,"2',
    )
    .map((t) => new TextEncoder().encode(t)),
  // Binary: arbitrary bytes, some of them NUL, some invalid UTF-8, some UTF-16 BOMs.
  fc.uint8Array({ maxLength: 4_000 }),
  fc
    .tuple(
      fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []),
      fc.uint8Array({ maxLength: 500 }),
    )
    .map(([bom, rest]) => new Uint8Array([...bom, ...rest])),
);

const blob = (bytes: Uint8Array) =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv' });

// ---- the tests --------------------------------------------------------------------------------

beforeAll(async () => {
  verify = new StanceDB(DB);
  const ends = terminal((await previewThenImport(blob(fixtureBytes('clean.csv')))).importMsgs);
  expect(ends[0]?.type).toBe('done');
  const meta = (await verify.datasets.toArray())[0];
  earlier = { id: meta.id, chunks: meta.chunkCount, statements: meta.statementCount };
  expect(earlier.statements).toBe(12);
});

afterAll(async () => {
  console.log(
    `fuzz: ${casesRun} import cases run through the worker's runTask; ${outcomes.join('; ')}`,
  );
  await verify.delete();
});

/** Generous: the cases take a few seconds together; a hang must still fail, not stall the run. */
const TIMEOUT = 60_000;

describe(`the worker's import under fuzzing (${TOTAL_CASES} cases, seed ${SEED})`, () => {
  it(
    `ends every file of arbitrary bytes in done or error, counts adding up (${RUNS.bytes} cases)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(oddFile, (bytes) => checkCase(blob(bytes)).then(() => undefined)),
        { seed: SEED, numRuns: RUNS.bytes },
      );
    },
    TIMEOUT,
  );

  it(
    `accounts for every row of ragged, quoted and broken CSV as added, duplicate or rejected (${RUNS.csv} cases)`,
    async () => {
      let done = 0;
      let added = 0;
      let rows = 0;
      await fc.assert(
        fc.asyncProperty(csvShape, async (bytes) => {
          const end = await checkCase(blob(bytes));
          if (end?.type === 'done') {
            done++;
            added += end.report.summary.added;
            rows += end.report.summary.rowsRead;
          }
        }),
        { seed: SEED, numRuns: RUNS.csv },
      );
      // The generators reach the storing path, not only the rejections.
      expect(done).toBeGreaterThan(RUNS.csv / 2);
      expect(added).toBeGreaterThan(100);
      outcomes.push(
        `${done} CSV files imported: ${rows} rows read, ${added} statements stored and checked`,
      );
    },
    TIMEOUT,
  );

  it(
    `keeps nothing of a file whose write fails at any point, and says so (${RUNS.failures} cases)`,
    async () => {
      let errors = 0;
      await fc.assert(
        fc.asyncProperty(
          csvShape,
          fc.constantFrom('chunk', 'quota', 'final'),
          async (bytes, failure) => {
            const openDb = () => {
              const database = new StanceDB(DB);
              const fail = () =>
                Promise.reject(
                  failure === 'quota'
                    ? new DOMException('Quota exceeded', 'QuotaExceededError')
                    : new Error(`injected ${failure} failure`),
                );
              if (failure === 'final') {
                (database.datasets as unknown as { put: unknown }).put = fail;
              } else {
                (database.chunks as unknown as { add: unknown }).add = fail;
              }
              return database;
            };
            const end = await checkCase(blob(bytes), openDb);
            if (end?.type !== 'done' && end?.type !== 'error') return;
            // A file with something to store must fail, and a quota failure must say so.
            if (end.type === 'done') expect(end.report.summary.added).toBe(0);
            else {
              errors++;
              if (failure === 'quota') expect(end.name).toBe('StorageFullError');
            }
          },
        ),
        { seed: SEED, numRuns: RUNS.failures },
      );
      // Many generated files add nothing (every row rejected), so nothing is written to fail.
      expect(errors).toBeGreaterThan(RUNS.failures / 5);
      outcomes.push(`${errors} injected write failures ended in an error with nothing kept`);
    },
    TIMEOUT,
  );
});
