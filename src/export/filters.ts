import { formatDay } from '../domain/dates';
import { STANCE_LABEL, UNCODED_LABEL } from '../domain/stance';
import type { StanceFilter } from '../query/types';
import type { ViewState } from '../url/view-state';

/** Names listed in full before the rest is counted, so the line stays readable on a chart. */
const MAX_NAMES = 5;

/** `names(['A', 'B'])` -> `'A, B'`; past five: `'A, B, C, D, E and 3 more'`. */
function names(list: readonly string[]): string {
  if (list.length <= MAX_NAMES) return list.join(', ');
  return `${list.slice(0, MAX_NAMES).join(', ')} and ${list.length - MAX_NAMES} more`;
}

function stanceName(s: StanceFilter): string {
  if (s === 'c') return 'conditional';
  if (s === 'u') return UNCODED_LABEL;
  return STANCE_LABEL[s] ?? String(s);
}

/**
 * The active filters in words, for the line written on an exported chart:
 * `{ from: 20028, actors: ['Sergey Lavrov', 'Vladimir Putin'], search: 'truce', ... }`
 * -> `'From 2024-11-01 · Actors: Sergey Lavrov, Vladimir Putin · Search: truce'`;
 * the default view -> `'No filters'`.
 */
export function describeFilters(view: ViewState): string {
  const parts: string[] = [];
  if (view.from !== null) parts.push(`From ${formatDay(view.from)}`);
  if (view.to !== null) parts.push(`To ${formatDay(view.to)}`);
  if (view.actors.length > 0) parts.push(`Actors: ${names(view.actors)}`);
  if (view.affiliations.length > 0) parts.push(`Affiliations: ${names(view.affiliations)}`);
  if (view.topics.length > 0) parts.push(`Topics: ${names(view.topics)}`);
  if (view.stances.length > 0) parts.push(`Stance: ${view.stances.map(stanceName).join(', ')}`);
  if (view.search.trim() !== '') parts.push(`Search: ${view.search.trim()}`);
  return parts.length === 0 ? 'No filters' : parts.join(' · ');
}
