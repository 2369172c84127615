import { describe, expect, it } from 'vitest';
import { previewText } from '../../../src/ingest/preview';
import { statementsCsv, statementsJson } from '../../../src/export/statements';
import { applyEdits, fieldsAt, rowsOfIds } from '../../../src/query/edit-overlay';
import { seedCache } from '../query/seed';

const allRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

describe('exports carry the edits', () => {
  it('writes the latest version, marks it edited, and reads back to the same statements', async () => {
    const stored = await seedCache();
    const plain = statementsCsv(stored, allRows(stored.n));
    expect(plain.split('\n')[0]).not.toContain('edited');

    const row = rowsOfIds(stored, ['seed-017']).get('seed-017')!;
    const cache = applyEdits(
      stored,
      new Map([['seed-017', { ...fieldsAt(stored, row), stance: -1 as const }]]),
    );
    const csv = statementsCsv(cache, allRows(cache.n));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0].endsWith(',edited')).toBe(true);
    const lavrov = lines.find((l) => l.startsWith('seed-017,'))!;
    expect(lavrov).toContain(',oppose,');
    expect(lavrov.endsWith(',yes')).toBe(true);
    expect(lines.filter((l) => l.endsWith(',yes'))).toHaveLength(1);

    const back = previewText(csv);
    expect(back.issues).toEqual([]);
    const reread = back.rows.find((r) => r.id === 'seed-017')!;
    expect([reread.stance, reread.conditional]).toEqual([-1, false]);

    const json = JSON.parse(statementsJson(cache, allRows(cache.n))) as {
      id: string;
      edited?: boolean;
    }[];
    expect(json.filter((s) => s.edited).map((s) => s.id)).toEqual(['seed-017']);
  });
});
