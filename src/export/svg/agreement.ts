/**
 * The Agreement view as an exported picture: the actor x actor heatmap in the view's order,
 * each cell the share of shared topics two actors agree on (blank where they share none), with
 * the percentage written in cells large enough to hold it. Actors past the page are left out.
 */
import type { ColumnCache } from '../../query/types';
import { agreementColor, LEGEND_STEPS, percent, textColorOn } from '../../views/agreement/format';
import { agreementView } from '../agreement-view';
import type { ViewState } from '../../url/view-state';
import { el, fit, text } from './doc';
import { INK, type Box, type Drawing, type LegendEntry } from './page';

export type AgreementViewOptions = Pick<
  ViewState,
  'from' | 'to' | 'agreementTopics' | 'agreementOrder'
>;

const LABEL_W = 170;
const HEAD_H = 120;

export function agreementLegend(): LegendEntry[] {
  return [
    ...LEGEND_STEPS.map((s) => ({
      label: `${percent(s)} agree`,
      color: agreementColor(s),
      shape: 'box' as const,
    })),
    { label: 'blank: no shared topic', color: '#e4e4ea', shape: 'outline' },
  ];
}

export function agreementDrawing(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: AgreementViewOptions,
  box: Box,
): Drawing {
  const { m, names, order, leftOut } = agreementView(cache, rows, view);
  const n = names.length;
  const room = Math.min(box.width - LABEL_W, box.height - HEAD_H);
  const cell = Math.max(10, Math.min(40, Math.floor(room / Math.max(1, n))));
  const shown = Math.min(n, Math.floor(room / cell));
  const parts: string[] = [];
  for (let a = 0; a < shown; a++) {
    const name = names[order[a]];
    parts.push(
      text(fit(name, LABEL_W - 8, 11), {
        x: LABEL_W - 6,
        y: HEAD_H + a * cell + cell / 2 + 4,
        'text-anchor': 'end',
        'font-size': 11,
        fill: INK,
      }),
      text(fit(name, HEAD_H * 1.3, 11), {
        x: 0,
        y: 0,
        'font-size': 11,
        fill: INK,
        transform: `translate(${LABEL_W + a * cell + cell / 2 + 4},${HEAD_H - 6}) rotate(-50)`,
      }),
    );
  }
  for (let a = 0; a < shown; a++) {
    for (let b = 0; b < shown; b++) {
      const i = order[a];
      const j = order[b];
      const score = m.score[i * n + j];
      const x = LABEL_W + b * cell;
      const y = HEAD_H + a * cell;
      if (Number.isNaN(score)) {
        parts.push(
          el('rect', {
            x: x + 0.5,
            y: y + 0.5,
            width: cell - 1,
            height: cell - 1,
            fill: 'none',
            stroke: '#e4e4ea',
          }),
        );
        continue;
      }
      const color = i === j ? '#d9d9de' : agreementColor(score);
      parts.push(el('rect', { x, y, width: cell - 1, height: cell - 1, fill: color }));
      if (cell >= 30 && i !== j) {
        parts.push(
          text(percent(score), {
            x: x + cell / 2,
            y: y + cell / 2 + 4,
            'text-anchor': 'middle',
            'font-size': 10,
            fill: textColorOn(color),
          }),
        );
      }
    }
  }
  const notes: string[] = [];
  if (shown < n)
    notes.push(`${shown} of ${n} actors shown (those that fit the page, in the view's order)`);
  if (leftOut > 0) notes.push(`${leftOut} less active actors left out, as on screen`);
  return { svg: parts.join(''), note: notes.join('; ') };
}
