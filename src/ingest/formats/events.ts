/**
 * Machine-coded event data in CAMEO: GDELT 1.0 and 2.0 events, Phoenix and ICEWS. Each event is
 * "actor 1 did CAMEO code to actor 2": actor 1 becomes the actor, actor 2 the target, the event
 * code (text, with its leading zeros) and its label the topic, and the stance comes from the
 * event's class or its score by the rule the user picks. This module holds what the event formats
 * share (gdelt.ts, phoenix.ts, icews.ts).
 */
import type { Rule, Sample } from './types';

/** A raw row starts with an id (numeric in GDELT, a hash in Phoenix) and a YYYYMMDD date. */
export function rawStart(sample: Sample, numericId: boolean): boolean {
  const row = sample.rows[0]?.fields;
  if (row === undefined || !/^\d{8}$/.test(row[1] ?? '')) return false;
  return numericId ? /^\d+$/.test(row[0] ?? '') : /^\S+$/.test(row[0] ?? '');
}

/** A Map, not an object literal: a lookup by a cell's text never finds Object's members. */
const QUAD_CLASSES = new Map([
  ['0', 'neutral'],
  ['1', 'verbal cooperation'],
  ['2', 'material cooperation'],
  ['3', 'verbal conflict'],
  ['4', 'material conflict'],
]);

export function quadWords(q: string): string {
  return QUAD_CLASSES.get(q) ?? `QuadClass ${q}`;
}

/** "QuadClass: 1 verbal cooperation -> support, ..." or the thresholds, in words. */
export function stanceRuleText(
  rule: Rule,
  classWord: string,
  scoreWord: string,
  penta = false,
): string {
  if (rule.stanceRule === 'quadclass') {
    const zero = penta ? '0 neutral statement -> neutral, ' : '';
    return `stance from ${classWord}: ${zero}1 verbal cooperation -> support, 2 material cooperation -> strongly support, 3 verbal conflict -> oppose, 4 material conflict -> strongly oppose`;
  }
  return `stance from ${scoreWord}: >= ${rule.strong} strongly support, >= ${rule.weak} support, <= -${rule.strong} strongly oppose, <= -${rule.weak} oppose, else neutral`;
}
