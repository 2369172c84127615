import fc from 'fast-check';
import { fieldsOf, type StatementFields } from '../../../src/domain/edits';
import type { StanceValue, StatementRecord } from '../../../src/domain/types';
import { cacheFromRecords } from '../../../src/query/cache';
import type { ColumnCache } from '../../../src/query/types';

/** A recoding of the `i`-th record (modulo): stance, conditional, or uncoded. */
export const stanceEditArb = fc.record({
  i: fc.nat(),
  s: fc.constantFrom(-2, -1, 0, 1, 2),
  c: fc.boolean(),
  u: fc.boolean(),
});

export type StanceEdit = { i: number; s: number; c: boolean; u: boolean };

/**
 * The latest fields of each recoded record, as the app saves them, and the cache a fresh build
 * of the recoded records makes: what a patched view must equal.
 */
export function recoded(
  records: StatementRecord[],
  edits: StanceEdit[],
): { latest: Map<string, StatementFields>; expected: ColumnCache } {
  const latest = new Map<string, StatementFields>();
  for (const e of edits) {
    const target = records[e.i % records.length];
    latest.set(target.id, {
      ...fieldsOf(target),
      stance: e.s as StanceValue,
      conditional: e.c && !e.u,
      uncoded: e.u,
    });
  }
  const expected = cacheFromRecords(
    records.map((r) => {
      const f = latest.get(r.id);
      return f ? { ...r, ...f, stance: f.uncoded ? 0 : f.stance } : r;
    }),
  );
  return { latest, expected };
}
