/**
 * Benchmark inputs: synthetic CSV files from the project's deterministic generator (same rows
 * on every run and machine), written to a temporary folder, and the same statements as
 * vis-timeline items.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import Papa from 'papaparse';
import { generateRows } from '../gen-lib.mjs';

/**
 * A temporary folder for this run's files; `remove()` deletes it.
 * @returns {{ dir: string, remove: () => void }}
 */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes `rows` synthetic statements (plus the header) to `file`, in ~1 MB writes.
 * @param {string} file
 * @param {number} rows
 * @param {{ actors?: number }} [shape] the generator's options besides rows and seed
 * @returns {Promise<{ file: string, rows: number, bytes: number }>}
 */
export async function writeCsv(file, rows, shape = {}) {
  const out = fs.createWriteStream(file);
  let batch = '';
  for (const line of generateRows({ ...shape, rows, seed: 1 })) {
    batch += line + '\n';
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return { file, rows, bytes: fs.statSync(file).size };
}

/**
 * A date of any precision as the day vis-timeline should start the item on:
 * `fullDay('2020-04')` -> `2020-04-01`, `fullDay('2020')` -> `2020-01-01`.
 * @param {string} date
 */
export function fullDay(date) {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/**
 * The statements of a CSV file as vis-timeline items (content = actor, start = date,
 * group = actor) and the actors in first-seen order.
 * @param {string} file
 * @returns {{ items: { id: number, content: string, start: string, group: string }[],
 *   actors: string[] }}
 */
export function visItems(file) {
  const { data } = Papa.parse(fs.readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const actors = new Set();
  const items = data.map((row, i) => {
    actors.add(row.actor);
    return { id: i + 1, content: row.actor, start: fullDay(row.date), group: row.actor };
  });
  return { items, actors: [...actors] };
}
