/** The band model's shapes (built in bands.ts, patched after an edit in band-scan.ts). */
import type { Shift } from '../../query/shifts';

export type LaneBy = 'actor' | 'topic';
export type LaneSort = 'name' | 'activity' | 'shift';
export type LaneKind = 'actor' | 'affiliation' | 'topic';

/** A series of actor statements, or of an affiliation's actors (collapsed). */
export const SERIES_ACTOR = 0;
export const SERIES_AFFILIATION = 1;
/** `lastShift` of what has no shift among the rows. */
export const NO_SHIFT = -2147483648;

export interface BandLane {
  kind: LaneKind;
  /** Actor, affiliation or topic code. */
  code: number;
  name: string;
  /** The affiliation the lane is grouped under; '' for topics and actors without one. */
  group: string;
  /** Statements in the lane. */
  count: number;
  /** Day of the lane's latest shift, NO_SHIFT when none. */
  lastShift: number;
  /** The lane's series are `first .. end - 1`. */
  first: number;
  end: number;
}

export interface BandGroup {
  name: string;
  /** Its lanes are `first .. end - 1`. */
  first: number;
  end: number;
  collapsed: boolean;
}

/**
 * A series' carried-forward state: a step per day with a coded statement (the day's last one
 * sets it, as `findShifts` reads a day), uncoded statements left out (they set no state).
 */
export interface Band {
  /** The statement behind each step. */
  row: Uint32Array;
  /** Start day of each step. */
  from: Int32Array;
  /** The shifts of the series (`seriesShifts`), by the step index where the new state starts. */
  shifts: Map<number, Shift>;
}

export interface BandModel {
  by: LaneBy;
  sort: LaneSort;
  lanes: BandLane[];
  /** Affiliation groups in order, lanes by actor only (empty by topic). */
  groups: BandGroup[];
  seriesCount: number;
  seriesLane: Uint32Array;
  /** Row label of each series: a topic, an actor, or `Russia (all actors)`. */
  seriesName: string[];
  /** SERIES_ACTOR or SERIES_AFFILIATION. */
  seriesKind: Uint8Array;
  /** Statements in each series. */
  seriesSize: Uint32Array;
  /** Series of each (actor, topic) pair id (`pairIndex`), -1 when not in the rows. */
  seriesOfPair: Int32Array;
  /** The rows grouped by series, ascending (date order) inside each. */
  order: Uint32Array;
  /** Start day of each entry of `order`. */
  day: Int32Array;
  /** Series `s` owns `order[start[s] .. start[s + 1])`. */
  start: Uint32Array;
  rowCount: number;
  /** Shifts in the rows as drawn: by actor, or by affiliation where one is folded. */
  shiftCount: number;
  /** Shifts of each series, and the day of its latest (NO_SHIFT when none). */
  seriesShifts: Uint32Array;
  seriesLastShift: Int32Array;
  /** Set when patched from a model of the cache before an edit: the series whose rows changed. */
  carried?: { from: BandModel; series: Uint32Array };
  /** First day to the end of the last period; null without rows. */
  extent: [number, number] | null;
  /** Where most statements lie (see `denseWindow`); null without rows. */
  dense: [number, number] | null;
  /** Each series' band once built (`bandOf`). */
  bands: (Band | undefined)[];
}

export interface BandOptions {
  by: LaneBy;
  sort: LaneSort;
  /** Affiliations whose actors are drawn as one (a lane by actor, a row by topic). */
  collapsed: readonly string[];
}
