import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/domain/dates';
import {
  AGREEMENT_CSV_HEADER,
  agreementCsv,
  MATRIX_CSV_HEADER,
  matrixCsv,
} from '../../../src/export/numbers';
import { filterRows } from '../../../src/query/filter';
import { EMPTY_FILTER } from '../../../src/query/types';
import { seedCache } from '../query/seed';

const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

const day = (iso: string) => parseIsoDay(iso)!;

describe('matrixCsv', () => {
  it('writes a line per actor x topic cell with its stance, date, count and as-of date', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const text = matrixCsv(cache, rows, { asOf: null, compare: null, staleDays: 90 });
    expect(text.split('\n')[0]).toBe(MATRIX_CSV_HEADER.join(','));
    const lines = parse(text);
    const lavrov = lines.find((l) => l.row === 'Sergey Lavrov' && l.topic === 'ceasefire');
    expect(lavrov).toMatchObject({
      kind: 'actor',
      affiliation: 'Russia',
      stance: 'strongly oppose',
      date: '2024-12-26',
      statements: '1',
      as_of: '2024-12-31',
      stale: 'no',
    });
    const summary = lines.find((l) => l.row === 'Russia (all actors)' && l.topic === 'ceasefire');
    expect(summary).toMatchObject({ kind: 'affiliation', statements: '2' });
    // A year-precise statement a year old is past the 90-day window.
    const old = lines.find((l) => l.row === 'Russian officials');
    expect(old).toMatchObject({ date: '2024', stale: 'yes' });
    // Empty cells are left out: every line names a stance.
    expect(lines.every((l) => l.stance !== '')).toBe(true);
  });

  it('follows the As of date and names the stance on the Compare date', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const lines = parse(
      matrixCsv(cache, rows, {
        asOf: day('2024-12-31'),
        compare: day('2024-11-30'),
        staleDays: 90,
      }),
    );
    const russia = lines.find((l) => l.row === 'Russia (all actors)' && l.topic === 'ceasefire');
    expect(russia).toMatchObject({
      stance: 'strongly oppose',
      compare_stance: 'conditional support',
      compare_date: '2024-11-30',
    });
    const earlier = parse(
      matrixCsv(cache, rows, { asOf: day('2024-11-30'), compare: null, staleDays: 90 }),
    );
    expect(earlier.find((l) => l.row === 'Sergey Lavrov' && l.topic === 'ceasefire')).toBe(
      undefined,
    );
    expect(earlier.every((l) => l.as_of === '2024-11-30')).toBe(true);
  });
});

describe('agreementCsv', () => {
  const view = {
    from: null,
    to: null,
    agreementTopics: [] as string[],
    agreementOrder: 'blocs' as const,
  };

  it('writes each pair once with its score and shared topics, blank when none is shared', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const text = agreementCsv(cache, rows, view);
    expect(text.split('\n')[0]).toBe(AGREEMENT_CSV_HEADER.join(','));
    const lines = parse(text);
    const actors = new Set(lines.flatMap((l) => [l.actor_a, l.actor_b]));
    expect(lines.length).toBe((actors.size * (actors.size - 1)) / 2);
    const pair = (a: string, b: string) =>
      lines.find(
        (l) => (l.actor_a === a && l.actor_b === b) || (l.actor_a === b && l.actor_b === a),
      );
    expect(pair('Sergey Lavrov', 'Vladimir Putin')).toMatchObject({
      score: '0.75',
      shared_topics: '2',
      topics: 'ceasefire; us-responsibility',
    });
    expect(pair('Keith Kellogg', 'Donald Trump')).toMatchObject({ score: '1', shared_topics: '1' });
    expect(pair('Volodymyr Zelenskiy', 'Donald Trump')).toMatchObject({
      score: '',
      shared_topics: '0',
    });
  });

  it('counts only the chosen topics', async () => {
    const cache = await seedCache();
    const rows = filterRows(cache, EMPTY_FILTER);
    const lines = parse(agreementCsv(cache, rows, { ...view, agreementTopics: ['ceasefire'] }));
    expect(lines.every((l) => l.topics === '' || l.topics === 'ceasefire')).toBe(true);
    const lp = lines.find(
      (l) => [l.actor_a, l.actor_b].sort().join() === 'Sergey Lavrov,Vladimir Putin',
    );
    expect(lp).toMatchObject({ shared_topics: '1', topics: 'ceasefire' });
  });
});
