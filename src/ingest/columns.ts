/**
 * Which column of a file holds which native column (README, "Importing a CSV").
 * Headers are matched case-insensitively, ignoring spaces, underscores and dashes, so
 * `Reported By`, `reported_by` and `reported-by` are the same header.
 */
import { NATIVE_COLUMNS, type NativeColumn } from '../domain/types';

/** Native column -> index of that column in the file's header row. */
export type ColumnMapping = Partial<Record<NativeColumn, number>>;

/** The columns a row cannot do without: when, who and on what (without a stance it is uncoded). */
export const REQUIRED_COLUMNS: readonly NativeColumn[] = ['date', 'actor', 'topic'];

/**
 * Aliases per native column, written as a user would; they are compared through `headerKey`.
 * `position` alone means the topic (the position an actor takes a stance on); a
 * `position score` is the stance.
 */
export const COLUMN_ALIASES: Readonly<Record<NativeColumn, readonly string[]>> = {
  id: ['statement_id', 'uid'],
  date: ['day', 'when'],
  actor: ['speaker', 'person', 'who', 'actor_name'],
  affiliation: ['country', 'state', 'organisation', 'organization', 'party'],
  topic: ['issue', 'position', 'subject'],
  stance: ['score', 'value', 'position_score'],
  conditions: ['condition'],
  quote: ['text', 'statement', 'quotation', 'tweet'],
  summary: ['description', 'paraphrase', 'notes'],
  target: ['addressee', 'to'],
  source: ['outlet', 'publication'],
  url: ['link', 'source_url'],
  reported_via: ['reported_by', 'via'],
  confidence: ['certainty'],
};

/**
 * The comparable form of a header: lower case, without spaces, underscores or dashes.
 * `headerKey(' Position_Score ')` -> `'positionscore'`.
 */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const NATIVE_BY_KEY = new Map<string, NativeColumn>(NATIVE_COLUMNS.map((c) => [headerKey(c), c]));

/**
 * Guesses the mapping from a header row. Exact native names win over aliases, earlier aliases
 * over later ones (the speaker is the actor even when a `person` column comes first), and the
 * first header wins among equals, so `['Speaker', 'actor']` maps actor to 1.
 * `guessMapping(['Date', 'Person', 'Speaker', 'Issue', 'Position score'])`
 * -> `{ date: 0, actor: 2, topic: 3, stance: 4 }`.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const keys = headers.map(headerKey);
  keys.forEach((key, index) => {
    const column = NATIVE_BY_KEY.get(key);
    if (column !== undefined && mapping[column] === undefined) mapping[column] = index;
  });
  for (const column of NATIVE_COLUMNS) {
    if (mapping[column] !== undefined) continue;
    for (const alias of COLUMN_ALIASES[column]) {
      const index = keys.indexOf(headerKey(alias));
      if (index >= 0) {
        mapping[column] = index;
        break;
      }
    }
  }
  return mapping;
}

/**
 * Required columns the mapping leaves out, in `REQUIRED_COLUMNS` order.
 * `missingRequired({ date: 0, actor: 1 })` -> `['topic']`.
 */
export function missingRequired(mapping: ColumnMapping): NativeColumn[] {
  return REQUIRED_COLUMNS.filter((c) => mapping[c] === undefined);
}
