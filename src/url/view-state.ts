import type { StanceFilter } from '../query/types';

export type ViewName = 'timeline' | 'matrix' | 'agreement' | 'statements';
export type LaneGrouping = 'actor' | 'topic';
export type LaneSort = 'name' | 'activity' | 'shift';
export type AgreementOrder = 'blocs' | 'alpha';

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
  fingerprint: null,
};
