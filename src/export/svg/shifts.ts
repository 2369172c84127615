/**
 * The Shifts list as an exported picture: newest first, a line per shift with its date, who,
 * the topic, the stance before and after (coloured, as on the timeline) and the direction.
 * Shifts past the page are left out and counted in the note.
 */
import { STANCE_COLOR, STANCE_LABEL, STANCES } from '../../domain/stance';
import { FLAG_CONDITIONAL, type StanceValue } from '../../domain/types';
import { listShifts, sortShifts } from '../../query/shift-list';
import { shiftSide, shiftWho, statementDate } from '../../query/shift-text';
import { shiftAt } from '../../query/shifts';
import type { ColumnCache } from '../../query/types';
import type { ViewState } from '../../url/view-state';
import { el, fit, text } from './doc';
import { INK, MUTED, type Box, type Drawing, type LegendEntry } from './page';

export type ShiftsView = Pick<
  ViewState,
  'from' | 'to' | 'shiftDirections' | 'shiftMinSize' | 'shiftWho'
>;

const ROW_H = 34;
const HEAD_H = 22;

export function shiftsLegend(): LegendEntry[] {
  return [
    ...STANCES.map((s) => ({
      label: STANCE_LABEL[s],
      color: STANCE_COLOR[s],
      shape: 'dot' as const,
    })),
    { label: 'conditional', color: STANCE_COLOR[1], shape: 'ring' },
  ];
}

function dot(cache: ColumnCache, row: number, x: number, y: number): string {
  const color = STANCE_COLOR[cache.stance[row] as StanceValue];
  return (cache.flags[row] & FLAG_CONDITIONAL) !== 0
    ? el('circle', { cx: x, cy: y, r: 5, fill: '#ffffff', stroke: color, 'stroke-width': 2 })
    : el('circle', { cx: x, cy: y, r: 5.5, fill: color });
}

export function shiftsDrawing(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: ShiftsView,
  box: Box,
): Drawing & { count: number } {
  const { table, order } = listShifts(cache, rows as Uint32Array, {
    from: view.from,
    to: view.to,
    directions: view.shiftDirections,
    minSize: view.shiftMinSize,
    who: view.shiftWho,
  });
  const newest = sortShifts(cache, table, order, 'date', true);
  const fitRows = Math.max(0, Math.floor((box.height - HEAD_H) / ROW_H));
  const shown = Math.min(newest.length, fitRows);
  const w = box.width;
  const cols = {
    date: 0,
    who: 90,
    topic: 90 + w * 0.18,
    dir: 90 + w * 0.34,
    side: 90 + w * 0.34 + 110,
  };
  const sideW = w - cols.side;
  const head = (label: string, x: number) =>
    text(label, { x, y: 14, 'font-size': 12, 'font-weight': 'bold', fill: INK });
  const parts = [
    head('Date', cols.date),
    head('Who', cols.who),
    head('Topic', cols.topic),
    head('Moved', cols.dir),
    head('From → to', cols.side),
    el('line', { x1: 0, x2: w, y1: HEAD_H - 2, y2: HEAD_H - 2, stroke: MUTED }),
  ];
  for (let k = 0; k < shown; k++) {
    const s = shiftAt(cache, table, newest[k]);
    const y = HEAD_H + k * ROW_H;
    const base = y + 14;
    const speaker = s.kind === 'affiliation';
    const arrow =
      s.direction === 'softened'
        ? '▲ softened'
        : s.direction === 'hardened'
          ? '▼ hardened'
          : '◆ ' + s.direction;
    parts.push(
      text(statementDate(cache, s.row), { x: cols.date, y: base, 'font-size': 12, fill: INK }),
      text(fit(shiftWho(cache, s) + (speaker ? ' (all)' : ''), cols.topic - cols.who - 8, 12), {
        x: cols.who,
        y: base,
        'font-size': 12,
        fill: INK,
      }),
      text(fit(cache.topics[s.topic], cols.dir - cols.topic - 8, 12), {
        x: cols.topic,
        y: base,
        'font-size': 12,
        fill: INK,
      }),
      text(`${arrow} ${s.size}`, { x: cols.dir, y: base, 'font-size': 12, fill: INK }),
      dot(cache, s.fromRow, cols.side + 6, base - 4),
      text(fit(shiftSide(cache, s.fromRow, speaker), sideW - 20, 11), {
        x: cols.side + 16,
        y: base,
        'font-size': 11,
        fill: INK,
      }),
      dot(cache, s.row, cols.side + 6, base + 12),
      text(fit(shiftSide(cache, s.row, speaker), sideW - 20, 11), {
        x: cols.side + 16,
        y: base + 16,
        'font-size': 11,
        fill: INK,
      }),
      el('line', { x1: 0, x2: w, y1: y + ROW_H - 1, y2: y + ROW_H - 1, stroke: '#e4e4ea' }),
    );
  }
  if (newest.length === 0)
    parts.push(
      text('No shift among these statements.', {
        x: 0,
        y: HEAD_H + 16,
        'font-size': 12,
        fill: MUTED,
      }),
    );
  const note =
    shown < newest.length
      ? `${shown} newest of ${newest.length} shifts shown; the CSV export lists all`
      : '';
  return { svg: parts.join(''), note, count: newest.length };
}
