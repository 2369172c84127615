import type { ShiftDirection } from '../query/shifts';
import type { StanceFilter } from '../query/types';

export type ViewName = 'timeline' | 'shifts' | 'matrix' | 'agreement' | 'statements' | 'code';
export type LaneGrouping = 'actor' | 'topic';
export type LaneSort = 'name' | 'activity' | 'shift';
export type AgreementOrder = 'blocs' | 'alpha';
/** Whose shifts the Shifts view lists. */
export type ShiftWho = 'all' | 'actor' | 'affiliation';

/** The Statements table's sortable columns; a leading `-` in `tableSort` sorts descending. */
export const TABLE_SORT_KEYS = [
  'date',
  'actor',
  'affiliation',
  'topic',
  'stance',
  'source',
] as const;
export type TableSortKey = (typeof TABLE_SORT_KEYS)[number];
export type TableSort = TableSortKey | `-${TableSortKey}`;

/** Every column the Statements table can show, in display order. */
export const TABLE_COLUMN_IDS = [
  'date',
  'actor',
  'affiliation',
  'topic',
  'stance',
  'conditions',
  'text',
  'target',
  'source',
  'reportedVia',
  'confidence',
  'dataset',
  'line',
] as const;
export type TableColumn = (typeof TABLE_COLUMN_IDS)[number];
export const DEFAULT_TABLE_COLUMNS: TableColumn[] = [
  'date',
  'actor',
  'affiliation',
  'topic',
  'stance',
  'text',
  'source',
];

/**
 * Everything a user can set, as it travels in the URL. Dates are day numbers (days since
 * 1970-01-01 UTC); the URL spells them `YYYY-MM-DD`. `null` means "not set".
 */
export interface ViewState {
  view: ViewName;
  /** Dataset ids in view; empty = all visible datasets. */
  datasets: string[];
  from: number | null;
  to: number | null;
  asOf: number | null;
  compare: number | null;
  staleDays: number;
  actors: string[];
  affiliations: string[];
  topics: string[];
  stances: StanceFilter[];
  search: string;
  lanes: LaneGrouping;
  /** Order of the timeline's lanes and rows. */
  laneSort: LaneSort;
  /** Affiliations whose actors the timeline draws as one. */
  collapsed: string[];
  /** Selected statement id (evidence panel). */
  selected: string | null;
  /** Visible time window of the timeline (zoom), independent of the From/To filter. */
  windowFrom: number | null;
  windowTo: number | null;
  /** Topics counted by the agreement matrix; empty = all. */
  agreementTopics: string[];
  agreementOrder: AgreementOrder;
  /** Statements table: sort column (`-` prefix for descending) and the columns shown. */
  tableSort: TableSort;
  tableColumns: TableColumn[];
  /** Fewest shared topics for an agreement cell to be coloured ("too little evidence" below). */
  agreementMinShared: number;
  /** Shifts view: directions listed (empty = all), smallest move in steps, actors/affiliations. */
  shiftDirections: ShiftDirection[];
  shiftMinSize: number;
  shiftWho: ShiftWho;
  /** Coding queue: every filtered statement (to re-code) instead of the uncoded ones only. */
  queueAll: boolean;
  /** Coding queue: the statement id it stands at, so a link opens the queue there. */
  queueAt: string | null;
  /** Short fingerprint of the datasets in view, checked when a link is opened. */
  fingerprint: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  view: 'timeline',
  datasets: [],
  from: null,
  to: null,
  asOf: null,
  compare: null,
  staleDays: 90,
  actors: [],
  affiliations: [],
  topics: [],
  stances: [],
  search: '',
  lanes: 'actor',
  laneSort: 'name',
  collapsed: [],
  selected: null,
  windowFrom: null,
  windowTo: null,
  agreementTopics: [],
  agreementOrder: 'blocs',
  tableSort: 'date',
  tableColumns: DEFAULT_TABLE_COLUMNS,
  agreementMinShared: 2,
  shiftDirections: [],
  shiftMinSize: 0,
  shiftWho: 'all',
  queueAll: false,
  queueAt: null,
  fingerprint: null,
};
