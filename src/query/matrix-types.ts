/** The shapes of the actor x topic matrix (see `matrixModel` and `matrixGrid`). */
import type { StanceFilter } from './types';

export interface MatrixOptions {
  /** The as-of day (inclusive). */
  asOf: number;
  /** A second day to compare with, earlier or later; null = off. */
  compare: number | null;
  /** A cell is stale when its latest statement is more than this many days old. */
  staleDays: number;
  /**
   * The Stance filter, applied to each cell's state as of the day (not to the statements, since
   * a state needs every statement before it): other cells are left empty, and actors and topics
   * with no cell left are left out. Empty = every stance.
   */
  stances?: readonly StanceFilter[];
}

/** A cell's state on the compare date. */
export interface CompareState {
  row: number;
  stance: number;
  conditional: boolean;
}

export interface MatrixCellModel {
  kind: 'actor' | 'affiliation';
  /** Actor code; -1 on an affiliation summary row. */
  actor: number;
  /** Affiliation code of a summary row, or the actor's usual affiliation (-1 when none). */
  affiliation: number;
  topic: number;
  /** Latest statement on or before the as-of day; -1 when nothing was said yet. */
  row: number;
  /** Meaningful only when `row >= 0`. */
  stance: number;
  conditional: boolean;
  /** Statements on or before the as-of day (0 when `row < 0`). */
  count: number;
  ageDays: number;
  stale: boolean;
  /** The state as of the compare day; null when compare is off or nothing was said by then. */
  compare: CompareState | null;
  /**
   * Direction from the earlier day's stance to the later day's, whichever control holds which:
   * sign of the stance difference, 0 when only the conditional flag changed (as `shifts()`);
   * null when compare is off or one of the two days has no stance.
   */
  shift: -1 | 0 | 1 | null;
  /** Stance or conditional flag differ between the two days. */
  changed: boolean;
  /** Stated by the later day but not yet by the earlier one. */
  isNew: boolean;
}

/** A row of the grid without its cells: what its header shows and who it is. */
export interface MatrixRowHead {
  kind: 'actor' | 'affiliation';
  /** Stable key for keyed `{#each}`: `a:<actor>` or `f:<affiliation>`. */
  key: string;
  /** The actor's or the affiliation's name. */
  name: string;
  /** What the row header shows: the actor, or `Russia (all actors)`. */
  label: string;
  /** The group's affiliation name ('' for unaffiliated actors). */
  affiliation: string;
  /** Actor code, or affiliation code on a summary row. */
  code: number;
}

export interface MatrixRowModel extends MatrixRowHead {
  /**
   * The cells by column, only where something was said on the topic by either day: sparse, so a
   * grid of 100,000 actors and 5,000 topics holds its statements, not 500 million slots.
   */
  cells: Map<number, MatrixCellModel>;
}

export interface MatrixModel {
  rows: MatrixRowModel[];
  /** Topic codes of the columns, alphabetical. */
  topics: number[];
  asOf: number;
  compare: number | null;
  /** Actor rows (summary rows not counted). */
  actorCount: number;
  /** Actor cells whose state changed between the two days (summary rows not counted). */
  shiftCount: number;
  /** Actor cells stated by the later day but not by the earlier one. */
  newCount: number;
  /** Summary cells whose state changed between the two days. */
  affiliationShiftCount: number;
}

/** The facts of a matrix that its one-line summary states. */
export type MatrixCounts = Pick<
  MatrixModel,
  'topics' | 'asOf' | 'compare' | 'actorCount' | 'shiftCount' | 'newCount' | 'affiliationShiftCount'
>;

/**
 * The matrix of `matrixModel`, with rows and cells made only when asked for: the view draws a
 * window of a grid that may hold 100,000 rows, so nothing is made per row or cell up front.
 * `grid.row(r)` deep-equals `model.rows[r]` without `cells`, and `grid.cell(r, c)` equals
 * `model.rows[r].cells.get(c) ?? null`.
 */
export interface MatrixGrid extends MatrixCounts {
  rowCount: number;
  /** Row `r` (0 <= r < rowCount); the same object on every call. */
  row(r: number): MatrixRowHead;
  /** The cell of row `r` in column `c`, or null when nothing was said there by either day. */
  cell(r: number, c: number): MatrixCellModel | null;
}
