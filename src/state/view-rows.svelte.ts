import type { DatasetMeta } from '../columnar/chunk';
import { filterRows } from '../query/filter';
import type { ColumnCache, Filter } from '../query/types';
import type { ViewState } from '../url/view-state';
import { datasetScope, filterOf } from './scope';

const EMPTY = new Uint32Array(0);

/** What the rows in view are read from: the app's cache, datasets and view (the URL). */
export interface RowsHost {
  cache(): ColumnCache | null;
  datasets(): DatasetMeta[];
  view(): ViewState;
}

/**
 * The rows in view: those passing the filters and the dataset scope, the variants the Matrix
 * and the Timeline read (without the date range, or the stances), the total in scope, and the
 * selected statement's row.
 */
export class ViewRows {
  constructor(private readonly host: RowsHost) {}

  filter: Filter = $derived.by(() => filterOf(this.host.view()));

  /** Cache positions of the datasets the view is limited to (`ds`), or null for all. */
  private datasetScope = $derived.by(() => {
    const cache = this.host.cache();
    return cache ? datasetScope(cache, this.host.datasets(), this.host.view().datasets) : null;
  });

  rows: Uint32Array = $derived.by(() => {
    const cache = this.host.cache();
    if (!cache) return EMPTY;
    const rows = filterRows(cache, this.filter);
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  total = $derived.by(() => {
    const cache = this.host.cache();
    if (!cache) return 0;
    const scope = this.datasetScope;
    if (!scope) return cache.n;
    let n = 0;
    for (let r = 0; r < cache.n; r++) if (scope.has(cache.dataset[r])) n++;
    return n;
  });

  private inScope(rows: Uint32Array): Uint32Array {
    const scope = this.datasetScope!;
    const dataset = (this.host.cache() as ColumnCache).dataset;
    return rows.filter((r) => scope.has(dataset[r]));
  }

  /** Rows for the as-of matrix: the filters without the date range (a state needs every
   * statement before it) and without the stances, which the matrix applies to each cell's state
   * as of its date rather than to the statements. */
  matrixRows: Uint32Array = $derived.by(() => {
    const cache = this.host.cache();
    if (!cache) return EMPTY;
    const rows = filterRows(cache, { ...this.filter, from: null, to: null, stances: [] });
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  /** Rows for the timeline: every filter but the date range, which the timeline draws as a
   * highlighted band (a stance stated before From still shows, carried forward). */
  timelineRows: Uint32Array = $derived.by(() => {
    const cache = this.host.cache();
    if (!cache) return EMPTY;
    if (this.host.view().from === null && this.host.view().to === null) return this.rows;
    const rows = filterRows(cache, { ...this.filter, from: null, to: null });
    return this.datasetScope ? this.inScope(rows) : rows;
  });

  private lastRowOf: { cache: ColumnCache; id: string; row: number } | null = null;

  /**
   * The cache row of a statement id (-1 when absent). A sweep of the packed id column (1M
   * rows: a few ms), remembered for the last id asked, as several views ask for the selection.
   */
  rowOf(id: string | null): number {
    const cache = this.host.cache();
    if (!cache || id === null) return -1;
    const last = this.lastRowOf;
    // An edit of stances or text keeps every row where it was.
    if (last?.id === id && (last.cache === cache || last.cache === cache.edited?.from)) {
      this.lastRowOf = { cache, id, row: last.row };
      return last.row;
    }
    const row = cache.text.find('id', id);
    this.lastRowOf = { cache, id, row };
    return row;
  }

  selectedRow = $derived.by(() => this.rowOf(this.host.view().selected));
}
