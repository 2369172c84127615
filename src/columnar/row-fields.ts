import type { StatementChunk } from './chunk';
import type { ChunkNames } from './content-hash';
import { textAt } from './packed';
import type { StatementFields } from '../domain/edits';
import {
  FLAG_CONDITIONAL,
  FLAG_UNCODED,
  PRECISION_BY_CODE,
  type StanceValue,
} from '../domain/types';

/**
 * Row `i` of a stored chunk as its editable fields: the file's values, as `fieldsOf` gives for
 * the record it was encoded from (the confidence as stored, a 32-bit float).
 */
export function chunkRowFields(
  chunk: StatementChunk,
  i: number,
  names: ChunkNames,
): StatementFields {
  const flags = chunk.flags[i];
  const { text } = chunk;
  return {
    day: chunk.day[i],
    precision: PRECISION_BY_CODE[chunk.precision[i]] ?? 'day',
    actor: names.actors[chunk.actor[i]] ?? '',
    affiliation: names.affiliations[chunk.affiliation[i]] ?? '',
    topic: names.topics[chunk.topic[i]] ?? '',
    stance: chunk.stance[i] as StanceValue,
    conditional: (flags & FLAG_CONDITIONAL) !== 0,
    uncoded: (flags & FLAG_UNCODED) !== 0,
    conditions: textAt(text.conditions, i),
    quote: textAt(text.quote, i),
    summary: textAt(text.summary, i),
    target: textAt(text.target, i),
    confidence: chunk.confidence[i],
  };
}
