/**
 * The numbers behind the Matrix and the Agreement views as CSV, so an analyst can check or
 * re-chart them: one line per Matrix cell (actor or affiliation row x topic) and one per
 * Agreement pair. Pure: reads the cache and the view's options.
 */
import { formatDay } from '../domain/dates';
import { stanceLabel } from '../domain/stance';
import type { StanceValue } from '../domain/types';
import { sharedTopics } from '../query/agreement';
import { matrixModel } from '../query/matrix';
import { statementDate } from '../query/shift-text';
import type { ColumnCache } from '../query/types';
import type { ViewState } from '../url/view-state';
import { agreementView } from './agreement-view';
import { csvLine } from './csv';

export const MATRIX_CSV_HEADER = [
  'row',
  'kind',
  'affiliation',
  'topic',
  'stance',
  'date',
  'statements',
  'age_days',
  'stale',
  'as_of',
  'compare_stance',
  'compare_date',
];

/**
 * The Matrix as the view builds it (As of, Compare with, staleness), a line per cell with a
 * statement: `Russia (all actors),affiliation,Russia,ceasefire,strongly oppose,2024-12-26,3,...`.
 */
export function matrixCsv(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: Pick<ViewState, 'asOf' | 'compare' | 'staleDays'>,
): string {
  const asOf = view.asOf ?? cache.maxDay;
  const model = matrixModel(cache, rows, {
    asOf,
    compare: view.compare,
    staleDays: view.staleDays,
  });
  const lines = [csvLine(MATRIX_CSV_HEADER)];
  const compareDay = model.compare === null ? '' : formatDay(model.compare);
  for (const row of model.rows) {
    row.cells.forEach((cell, c) => {
      if (!cell || cell.row < 0) return;
      const then = cell.compare;
      lines.push(
        csvLine([
          row.label,
          row.kind,
          row.affiliation,
          cache.topics[model.topics[c]],
          stanceLabel(cell.stance as StanceValue, cell.conditional),
          statementDate(cache, cell.row),
          String(cell.count),
          String(cell.ageDays),
          cell.stale ? 'yes' : 'no',
          formatDay(model.asOf),
          then && then.row >= 0 ? stanceLabel(then.stance as StanceValue, then.conditional) : '',
          then && then.row >= 0 ? compareDay : '',
        ]),
      );
    });
  }
  return lines.join('\n') + '\n';
}

export const AGREEMENT_CSV_HEADER = ['actor_a', 'actor_b', 'score', 'shared_topics', 'topics'];

/**
 * The Agreement matrix as the view shows it, one line per pair in the view's order (each pair
 * once): `Sergey Lavrov,Vladimir Putin,1,2,ceasefire; talks`. No shared topic: an empty score
 * (never compared is not "never agree").
 */
export function agreementCsv(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  view: Pick<ViewState, 'from' | 'to' | 'agreementTopics' | 'agreementOrder'>,
): string {
  const { m, names, order } = agreementView(cache, rows, view);
  const n = names.length;
  const lines = [csvLine(AGREEMENT_CSV_HEADER)];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const i = order[a];
      const j = order[b];
      const score = m.score[i * n + j];
      const topics = sharedTopics(m, i, j).map((s) => cache.topics[m.topics[s.topic]]);
      lines.push(
        csvLine([
          names[i],
          names[j],
          Number.isNaN(score) ? '' : String(Math.round(score * 1000) / 1000),
          String(m.shared[i * n + j]),
          topics.join('; '),
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}
