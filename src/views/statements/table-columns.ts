import { formatDayPrecision } from '../../domain/dates';
import { rowStanceLabel } from '../../domain/stance';
import { PRECISION_BY_CODE, type StanceValue } from '../../domain/types';
import type { ColumnCache } from '../../query/types';
import type { TableColumn, TableSortKey } from '../../url/view-state';

/** How the Statements table shows one column: header, width, sort key and cell text. */
export interface ColumnSpec {
  id: TableColumn;
  label: string;
  /** CSS width; the quote column takes what is left. */
  width: string;
  sort: TableSortKey | null;
  /** The cell's text; `datasetName` names a dataset id. */
  text: (cache: ColumnCache, row: number, datasetName: (id: string) => string) => string;
}

const name = (dict: keyof Pick<ColumnCache, 'actors' | 'affiliations' | 'topics'>) => {
  const code = { actors: 'actor', affiliations: 'affiliation', topics: 'topic' } as const;
  return (cache: ColumnCache, r: number) => cache[dict][cache[code[dict]][r]];
};

/** Widths sum to about 48rem for the default columns, so the quote keeps ~15rem at 1024 px. */
export const COLUMN_SPECS: Record<TableColumn, ColumnSpec> = {
  date: {
    id: 'date',
    label: 'Date',
    width: '6rem',
    sort: 'date',
    text: (c, r) => formatDayPrecision(c.day[r], PRECISION_BY_CODE[c.precision[r]]),
  },
  actor: { id: 'actor', label: 'Actor', width: '9rem', sort: 'actor', text: name('actors') },
  affiliation: {
    id: 'affiliation',
    label: 'Affiliation',
    width: '7.5rem',
    sort: 'affiliation',
    text: name('affiliations'),
  },
  topic: { id: 'topic', label: 'Topic', width: '9rem', sort: 'topic', text: name('topics') },
  stance: {
    id: 'stance',
    label: 'Stance',
    width: '9.5rem',
    sort: 'stance',
    text: (c, r) => rowStanceLabel(c.stance[r] as StanceValue, c.flags[r]),
  },
  conditions: {
    id: 'conditions',
    label: 'Conditions',
    width: '10rem',
    sort: null,
    text: (c, r) => c.text.get('conditions', r),
  },
  text: {
    id: 'text',
    label: 'Quote or summary',
    width: 'auto',
    sort: null,
    text: (c, r) => c.text.get('quote', r) || c.text.get('summary', r),
  },
  target: {
    id: 'target',
    label: 'Target',
    width: '8rem',
    sort: null,
    text: (c, r) => c.text.get('target', r),
  },
  source: {
    id: 'source',
    label: 'Source',
    width: '8rem',
    sort: 'source',
    text: (c, r) => c.text.get('source', r),
  },
  reportedVia: {
    id: 'reportedVia',
    label: 'Reported via',
    width: '8rem',
    sort: null,
    text: (c, r) => c.text.get('reportedVia', r),
  },
  confidence: {
    id: 'confidence',
    label: 'Confidence',
    width: '6rem',
    sort: null,
    text: (c, r) => (Number.isNaN(c.confidence[r]) ? '' : String(+c.confidence[r].toFixed(2))),
  },
  dataset: {
    id: 'dataset',
    label: 'Dataset',
    width: '8rem',
    sort: null,
    text: (c, r, datasetName) => datasetName(c.datasets[c.dataset[r]] ?? ''),
  },
  line: {
    id: 'line',
    label: 'Line in file',
    width: '5.5rem',
    sort: null,
    text: (c, r) => String(c.line[r]),
  },
};
