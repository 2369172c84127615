import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { StatementRecord } from '../../../src/domain/types';
import { importRows } from '../../../src/ingest/pipeline';
import { previewText } from '../../../src/ingest/preview';
import { cacheFromRecords } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';

/** The bundled dataset (data/seed-statements.csv) through the import pipeline, as a browser holds it. */
export async function seedCache(): Promise<ColumnCache> {
  const csv = fs.readFileSync(path.resolve(__dirname, '../../../data/seed-statements.csv'), 'utf8');
  const preview = previewText(csv);
  const records: StatementRecord[] = [];
  const summary = await importRows(
    (async function* () {
      yield csv;
    })(),
    { delimiter: preview.delimiter, newline: preview.newline, mapping: preview.mapping },
    { batch: (batch) => void records.push(...batch) },
  );
  expect(summary.rejected).toBe(0);
  return cacheFromRecords(records, 'seed');
}
