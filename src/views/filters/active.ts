import { formatDay } from '../../domain/dates';
import { STANCE_LABEL, UNCODED_LABEL } from '../../domain/stance';
import type { StanceFilter } from '../../query/types';
import type { ViewState } from '../../url/view-state';

/** A dataset as the Datasets facet lists it; the view refers to it by fingerprint. */
export interface DatasetChoice {
  id: string;
  name: string;
  fingerprint: string;
}

/** One active filter as a removable chip: what it keeps, in words, and how to drop it. */
export interface Chip {
  /** Stable key: `actors:Sergey Lavrov`. */
  key: string;
  text: string;
  /** The view without this filter. */
  remove: (view: ViewState) => Partial<ViewState>;
}

/** Values of one list shown as their own chips before the rest is gathered in one. */
const MAX_PER_LIST = 6;

export function stanceFilterLabel(s: StanceFilter): string {
  if (s === 'c') return 'conditional';
  if (s === 'u') return UNCODED_LABEL;
  return STANCE_LABEL[s] ?? String(s);
}

type ListKey = 'actors' | 'affiliations' | 'topics' | 'stances' | 'datasets';

function listChips<T extends string | number>(
  key: ListKey,
  values: readonly T[],
  noun: string,
  nouns: string,
  label: (v: T) => string,
): Chip[] {
  const each = values.slice(0, MAX_PER_LIST).map((v) => ({
    key: `${key}:${v}`,
    text: `${noun}: ${label(v)}`,
    remove: (view: ViewState) => ({
      [key]: (view[key] as unknown as readonly T[]).filter((x) => x !== v),
    }),
  }));
  const rest = values.slice(MAX_PER_LIST);
  if (rest.length === 0) return each;
  return [
    ...each,
    {
      key: `${key}:+`,
      text: `${rest.length} more ${nouns}`,
      remove: (view: ViewState) => ({
        [key]: (view[key] as unknown as readonly T[]).filter((x) => !rest.includes(x)),
      }),
    },
  ];
}

/**
 * Every filter the view applies, as chips, whatever set it (a facet, a date field, a matrix
 * click, an opened link): `{ actors: ['Sergey Lavrov'], affiliations: ['Russia'] }` ->
 * chips "Actor: Sergey Lavrov", "Affiliation: Russia". `datasetName` names a dataset by the
 * fingerprint the view holds.
 */
export function activeChips(view: ViewState, datasetName: (fp: string) => string): Chip[] {
  const chips: Chip[] = [];
  if (view.from !== null)
    chips.push({
      key: 'from',
      text: `From ${formatDay(view.from)}`,
      remove: () => ({ from: null }),
    });
  if (view.to !== null)
    chips.push({ key: 'to', text: `To ${formatDay(view.to)}`, remove: () => ({ to: null }) });
  chips.push(...listChips('datasets', view.datasets, 'Dataset', 'datasets', datasetName));
  chips.push(...listChips('actors', view.actors, 'Actor', 'actors', String));
  chips.push(
    ...listChips('affiliations', view.affiliations, 'Affiliation', 'affiliations', String),
  );
  chips.push(...listChips('topics', view.topics, 'Topic', 'topics', String));
  chips.push(...listChips('stances', view.stances, 'Stance', 'stances', stanceFilterLabel));
  if (view.search.trim() !== '')
    chips.push({
      key: 'search',
      text: `Search: “${view.search.trim()}”`,
      remove: () => ({ search: '' }),
    });
  return chips;
}

/** How many filters are active: each chosen value, date bound and search counts once. */
export function activeFilterCount(view: ViewState): number {
  return (
    (view.from !== null ? 1 : 0) +
    (view.to !== null ? 1 : 0) +
    view.datasets.length +
    view.actors.length +
    view.affiliations.length +
    view.topics.length +
    view.stances.length +
    (view.search.trim() !== '' ? 1 : 0)
  );
}

/** The view with every filter cleared and every other choice (tab, zoom, lanes) kept. */
export const NO_FILTERS: Partial<ViewState> = {
  from: null,
  to: null,
  datasets: [],
  actors: [],
  affiliations: [],
  topics: [],
  stances: [],
  search: '',
};
