import type { StatementChunk } from './chunk';
import type { StatementFields } from '../domain/edits';
import type { PackedText } from './packed';
import { FLAG_CONDITIONAL, FLAG_UNCODED, PRECISION_BY_CODE, type Precision } from '../domain/types';

/**
 * A statement's content as one number, to tell a re-imported row that changed (an update) from
 * one that did not (a duplicate). Only the fields an analyst can edit count (StatementFields):
 * the source, link and "reported via" cannot be edited in the app, so a change of those alone
 * is no update. 53 bits from two 32-bit lanes (cyrb53's mixing): a collision would hide an
 * update, and for one changed row its chance is 2^-53.
 */

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
/** Any NaN (no confidence) hashes as this one bit pattern. */
const NAN_BITS = 0x7fc00000;
const PRECISION_NUMBER: Record<Precision, number> = { day: 0, month: 1, year: 2 };

/** The two lanes, fed 32-bit values one by one (no canonical string is built). */
class Lanes {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;

  word(c: number): void {
    this.h1 = Math.imul(this.h1 ^ c, 2654435761);
    this.h2 = Math.imul(this.h2 ^ c, 1597334677);
  }

  /** Its length first, so ('ab', 'c') and ('a', 'bc') differ. */
  text(s: string): void {
    this.range(s, 0, s.length);
  }

  /**
   * `s.slice(start, end)` without cutting it out, two UTF-16 units a word (half the mixing):
   * hashing every stored row before an import is the cost a re-import adds.
   */
  range(s: string, start: number, end: number): void {
    this.word(end - start);
    let i = start;
    for (; i + 1 < end; i += 2) this.word((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1));
    if (i < end) this.word(s.charCodeAt(i));
  }

  /** Row `i` of a packed column, read in place. */
  packed(p: PackedText, i: number): void {
    const k = p.codes ? p.codes[i] : i;
    this.range(p.chars, k === 0 ? 0 : p.ends[k - 1], p.ends[k]);
  }

  /** A confidence as the store keeps it (float32), NaN as one value. */
  confidence(c: number): void {
    f32[0] = c;
    this.word(Number.isNaN(f32[0]) ? NAN_BITS : f32Bits[0]);
  }

  value(): number {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

const lanes = new Lanes();

/** Starts a hash with the fields before the text ones, in one fixed order. */
function head(
  day: number,
  precision: Precision,
  actor: string,
  affiliation: string,
  topic: string,
  stance: number,
  conditional: boolean,
  uncoded: boolean,
): Lanes {
  const h = lanes;
  h.h1 = 0xdeadbeef;
  h.h2 = 0x41c6ce57;
  h.word(day);
  h.word(PRECISION_NUMBER[precision] ?? 3);
  h.text(actor);
  h.text(affiliation);
  h.text(topic);
  h.word(stance);
  h.word((conditional ? 1 : 0) | (uncoded ? 2 : 0));
  return h;
}

/**
 * The content hash of a statement's editable fields: equal fields give equal hashes, a
 * confidence compared as the store keeps it (float32), NaN (none) equal to NaN.
 * `contentHash(f) === contentHash({ ...f })`; `contentHash({ ...f, stance: -1 })` differs.
 */
export function contentHash(f: StatementFields): number {
  const h = head(
    f.day,
    f.precision,
    f.actor,
    f.affiliation,
    f.topic,
    f.stance,
    f.conditional,
    f.uncoded,
  );
  h.text(f.conditions);
  h.text(f.quote);
  h.text(f.summary);
  h.text(f.target);
  h.confidence(f.confidence);
  return h.value();
}

/** A dataset's names: a chunk's codes index these (after `applyParts`). */
export interface ChunkNames {
  actors: readonly string[];
  affiliations: readonly string[];
  topics: readonly string[];
}

/**
 * The content hash of row `i` of a stored chunk, as `contentHash` gives for the record it was
 * encoded from (`contentHash(fieldsOf(record))`).
 */
export function chunkRowHash(chunk: StatementChunk, i: number, names: ChunkNames): number {
  const flags = chunk.flags[i];
  const { text } = chunk;
  const h = head(
    chunk.day[i],
    PRECISION_BY_CODE[chunk.precision[i]],
    names.actors[chunk.actor[i]] ?? '',
    names.affiliations[chunk.affiliation[i]] ?? '',
    names.topics[chunk.topic[i]] ?? '',
    chunk.stance[i],
    (flags & FLAG_CONDITIONAL) !== 0,
    (flags & FLAG_UNCODED) !== 0,
  );
  h.packed(text.conditions, i);
  h.packed(text.quote, i);
  h.packed(text.summary, i);
  h.packed(text.target, i);
  h.confidence(chunk.confidence[i]);
  return h.value();
}
