#!/usr/bin/env node
/**
 * Write a deterministic synthetic dataset in the native CSV format.
 *
 *   npm run -s gen -- --rows 1000000 --seed 1 --out .tmp/1m.csv
 *   node scripts/gen.mjs --rows 500 | head
 *
 * Options: --rows N (default 1000), --seed S (1), --actors A (300), --topics T (40),
 * --out FILE (stdout). Lines are batched into ~64 KB writes and the writer waits for `drain`,
 * so memory stays flat however many rows are asked for.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateRows } from './gen-lib.mjs';

/**
 * A non-negative integer option: `intOption('rows', '12', 1000)` -> 12.
 * @param {string} name
 * @param {string | undefined} raw
 * @param {number} fallback
 */
function intOption(name, raw, fallback) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`gen: --${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    seed: { type: 'string' },
    actors: { type: 'string' },
    topics: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'usage: npm run -s gen -- --rows N [--seed S] [--actors A] [--topics T] [--out FILE]',
  );
  process.exit(0);
}

const opts = {
  rows: intOption('rows', values.rows, 1000),
  seed: intOption('seed', values.seed, 1),
  actors: intOption('actors', values.actors, 300),
  topics: intOption('topics', values.topics, 40),
};
if (opts.actors < 1 || opts.topics < 1) {
  console.error('gen: --actors and --topics must be at least 1');
  process.exit(2);
}

const out = values.out ? createWriteStream(values.out) : process.stdout;
// `gen | head` closes the pipe early; that is a normal way to stop, not an error.
out.on('error', (err) => {
  if (/** @type {NodeJS.ErrnoException} */ (err).code === 'EPIPE') process.exit(0);
  console.error(`gen: ${err.message}`);
  process.exit(1);
});

let batch = '';
for (const line of generateRows(opts)) {
  batch += line + '\n';
  if (batch.length >= 65_536) {
    if (!out.write(batch)) await once(out, 'drain');
    batch = '';
  }
}
if (batch) out.write(batch);
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}
