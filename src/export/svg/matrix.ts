/**
 * The Matrix as an exported picture: rows of actors (each affiliation's summary row first, in
 * bold) by topic columns, each cell in the colour of the stance as of the date, with its count
 * of statements; conditional stances outlined, stale ones faded, shifts since the Compare date
 * marked with an arrow. Rows and columns past the page are left out and counted in the note.
 */
import { STANCE_COLOR, STANCE_LABEL, STANCES } from '../../domain/stance';
import type { StanceValue } from '../../domain/types';
import { matrixModel } from '../../query/matrix';
import type { ColumnCache } from '../../query/types';
import type { ViewState } from '../../url/view-state';
import { textColorOn } from '../../views/agreement/format';
import { el, fit, text } from './doc';
import { INK, MUTED, type Box, type Drawing, type LegendEntry } from './page';

export type MatrixView = Pick<ViewState, 'asOf' | 'compare' | 'staleDays'>;

const NAME_W = 210;
const HEAD_H = 110;
const ROW_H = 22;
const MIN_COL = 56;
const MAX_COL = 120;

export function matrixLegend(): LegendEntry[] {
  return [
    ...STANCES.map((s) => ({
      label: STANCE_LABEL[s],
      color: STANCE_COLOR[s],
      shape: 'box' as const,
    })),
    { label: 'conditional (outlined)', color: STANCE_COLOR[1], shape: 'outline' },
    {
      label: 'faded: stale; number: statements; arrow: shift since the compare date',
      color: MUTED,
      shape: 'dot',
    },
  ];
}

export function matrixDrawing(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: MatrixView,
  box: Box,
): Drawing {
  const asOf = view.asOf ?? cache.maxDay;
  const model = matrixModel(cache, rows, {
    asOf,
    compare: view.compare,
    staleDays: view.staleDays,
  });
  const nCols = model.topics.length;
  const col = Math.max(MIN_COL, Math.min(MAX_COL, (box.width - NAME_W) / Math.max(1, nCols)));
  const cols = Math.min(nCols, Math.floor((box.width - NAME_W) / col));
  const fitRows = Math.max(0, Math.floor((box.height - HEAD_H) / ROW_H));
  const shownRows = Math.min(model.rows.length, fitRows);
  const parts: string[] = [];

  for (let c = 0; c < cols; c++) {
    const x = NAME_W + c * col + col / 2;
    parts.push(
      text(fit(cache.topics[model.topics[c]], HEAD_H * 1.3, 11), {
        x: 0,
        y: 0,
        'font-size': 11,
        fill: INK,
        transform: `translate(${x + 4},${HEAD_H - 6}) rotate(-50)`,
      }),
    );
  }
  for (let r = 0; r < shownRows; r++) {
    const row = model.rows[r];
    const y = HEAD_H + r * ROW_H;
    const summary = row.kind === 'affiliation';
    parts.push(
      text(fit(row.label, NAME_W - 8 - (summary ? 0 : 10), 12), {
        x: summary ? 0 : 10,
        y: y + ROW_H / 2 + 4,
        'font-size': 12,
        'font-weight': summary ? 'bold' : undefined,
        fill: INK,
      }),
    );
    for (let c = 0; c < cols; c++) {
      const cell = row.cells.get(c);
      const x = NAME_W + c * col;
      if (!cell || cell.row < 0) {
        parts.push(
          el('rect', {
            x: x + 1,
            y: y + 1,
            width: col - 2,
            height: ROW_H - 2,
            fill: 'none',
            stroke: '#e4e4ea',
          }),
        );
        continue;
      }
      const color = STANCE_COLOR[cell.stance as StanceValue];
      const opacity = cell.stale ? 0.4 : undefined;
      parts.push(
        cell.conditional
          ? el('rect', {
              x: x + 1.5,
              y: y + 1.5,
              width: col - 3,
              height: ROW_H - 3,
              fill: '#ffffff',
              stroke: color,
              'stroke-width': 2,
              opacity,
            })
          : el('rect', {
              x: x + 1,
              y: y + 1,
              width: col - 2,
              height: ROW_H - 2,
              fill: color,
              opacity,
            }),
      );
      const mark = cell.shift === 1 ? ' ▲' : cell.shift === -1 ? ' ▼' : '';
      parts.push(
        text(`${cell.count}${mark}`, {
          x: x + col / 2,
          y: y + ROW_H / 2 + 4,
          'text-anchor': 'middle',
          'font-size': 11,
          fill: cell.conditional ? INK : textColorOn(color),
        }),
      );
    }
  }
  const notes: string[] = [];
  if (shownRows < model.rows.length) notes.push(`${shownRows} of ${model.rows.length} rows shown`);
  if (cols < nCols) notes.push(`${cols} of ${nCols} topics shown`);
  if (notes.length)
    notes.push('filter the actors or topics, or choose the other page size, to see the rest');
  return { svg: parts.join(''), note: notes.join('; ') };
}
