import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { shiftsCsvParts, SHIFT_CSV_HEADER } from '../../../src/export/shifts';
import { filterRows } from '../../../src/query/filter';
import { listShifts } from '../../../src/query/shift-list';
import { EMPTY_FILTER } from '../../../src/query/types';
import { seedCache } from '../query/seed';

describe('shiftsCsvParts', () => {
  it('writes each listed shift with both statements side by side', async () => {
    const cache = await seedCache();
    const { table, order } = listShifts(cache, filterRows(cache, EMPTY_FILTER), {
      from: null,
      to: null,
      directions: ['hardened'],
      minSize: 3,
      who: 'affiliation',
    });
    const parsed = Papa.parse<Record<string, string>>(
      shiftsCsvParts(cache, table, order).join(''),
      {
        header: true,
        skipEmptyLines: true,
      },
    );
    expect(parsed.meta.fields).toEqual(SHIFT_CSV_HEADER);
    expect(parsed.data.length).toBe(order.length);
    const russia = parsed.data.find((d) => d.who === 'Russia' && d.topic === 'ceasefire');
    expect(russia).toMatchObject({
      kind: 'affiliation',
      direction: 'hardened',
      size: '3',
      from_id: 'seed-009',
      from_date: '2024-11',
      from_actor: 'Vladimir Putin',
      from_stance: 'conditional',
      from_reported_via: 'Reuters report',
      to_id: 'seed-017',
      to_date: '2024-12-26',
      to_actor: 'Sergey Lavrov',
      to_stance: 'strongly oppose',
      to_quote: 'A truce leads to nowhere',
    });
  });
});
