/**
 * The Shifts view's list as CSV: one line per shift, both statements beside each other, so a
 * spreadsheet reads who moved, on what, when and on what evidence. Pure: reads the cache.
 */
import { FLAG_CONDITIONAL, type StanceValue } from '../domain/types';
import { shiftWho, statementDate } from '../query/shift-text';
import { shiftAt, type ShiftTable } from '../query/shifts';
import type { ColumnCache } from '../query/types';
import { csvLine } from './csv';
import { stanceText } from './statements';

const SIDE = ['id', 'date', 'actor', 'stance', 'quote', 'summary', 'source', 'url', 'reported_via'];
export const SHIFT_CSV_HEADER = [
  'who',
  'kind',
  'topic',
  'direction',
  'size',
  ...SIDE.map((c) => `from_${c}`),
  ...SIDE.map((c) => `to_${c}`),
];

/** One statement's cells, in `SIDE` order. */
function side(cache: ColumnCache, r: number): string[] {
  const t = cache.text;
  return [
    t.get('id', r),
    statementDate(cache, r),
    cache.actors[cache.actor[r]],
    stanceText(cache.stance[r] as StanceValue, (cache.flags[r] & FLAG_CONDITIONAL) !== 0),
    t.get('quote', r),
    t.get('summary', r),
    t.get('source', r),
    t.get('url', r),
    t.get('reportedVia', r),
  ];
}

/**
 * The listed shifts (`order`: indices into `table`) as CSV text parts, header first:
 * `Russia,affiliation,ceasefire,hardened,3,seed-009,2024-11,Vladimir Putin,conditional,...`.
 */
export function shiftsCsvParts(
  cache: ColumnCache,
  table: ShiftTable,
  order: ArrayLike<number>,
): string[] {
  const parts = [csvLine(SHIFT_CSV_HEADER) + '\n'];
  let chunk: string[] = [];
  for (let k = 0; k < order.length; k++) {
    const s = shiftAt(cache, table, order[k]);
    const cells = [
      shiftWho(cache, s),
      s.kind,
      cache.topics[s.topic],
      s.direction,
      String(s.size),
      ...side(cache, s.fromRow),
      ...side(cache, s.row),
    ];
    chunk.push(csvLine(cells));
    if (chunk.length === 5000) {
      parts.push(chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) parts.push(chunk.join('\n') + '\n');
  return parts;
}
