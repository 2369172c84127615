import {
  checkFields,
  type EditOrigin,
  type StatementFields,
  type StatementVersion,
} from '../domain/edits';
import type { Precision } from '../domain/types';
import { DamagedBackup } from './backup-check';

/**
 * Statement versions in a backup file: JSON has no NaN, so a confidence the file did not give
 * is written as `null`; on restore each version is checked as strictly as an edit.
 */

type JsonFields = Omit<StatementFields, 'confidence'> & { confidence: number | null };
export type JsonVersion = Omit<StatementVersion, 'before' | 'after'> & {
  before: JsonFields;
  after: JsonFields;
};

const toJson = (f: StatementFields): JsonFields => ({
  ...f,
  confidence: Number.isNaN(f.confidence) ? null : f.confidence,
});

export function versionsToJson(versions: readonly StatementVersion[]): JsonVersion[] {
  return versions.map((v) => ({ ...v, before: toJson(v.before), after: toJson(v.after) }));
}

const ORIGINS: readonly EditOrigin[] = ['app', 'file', 'undo'];
const PRECISIONS: readonly Precision[] = ['day', 'month', 'year'];
const TEXT_FIELDS = ['actor', 'affiliation', 'topic', 'conditions', 'quote', 'summary', 'target'];

function checkJsonFields(raw: unknown, where: string): StatementFields {
  const f = raw as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null) throw new DamagedBackup(`${where} has no fields`);
  for (const key of TEXT_FIELDS) {
    if (typeof f[key] !== 'string') throw new DamagedBackup(`${where} has an invalid ${key}`);
  }
  for (const key of ['conditional', 'uncoded']) {
    if (typeof f[key] !== 'boolean') throw new DamagedBackup(`${where} has an invalid ${key}`);
  }
  if (!PRECISIONS.includes(f.precision as Precision))
    throw new DamagedBackup(`${where} has an invalid precision`);
  const confidence = f.confidence === null ? NaN : f.confidence;
  if (typeof confidence !== 'number') throw new DamagedBackup(`${where} has an invalid confidence`);
  const fields = {
    day: f.day,
    precision: f.precision,
    actor: f.actor,
    affiliation: f.affiliation,
    topic: f.topic,
    stance: f.stance,
    conditional: f.conditional,
    uncoded: f.uncoded,
    conditions: f.conditions,
    quote: f.quote,
    summary: f.summary,
    target: f.target,
    confidence,
  } as StatementFields;
  const issue = checkFields(fields)[0];
  if (issue) throw new DamagedBackup(`${where} has an invalid ${issue.field}: ${issue.message}`);
  return fields;
}

/**
 * The versions of a backup file, checked; absent in backups made before edits existed.
 * `checkVersions([{ id: 'a', version: 0, ... }])` -> throws `... version 0 of statement a ...`.
 */
export function checkVersions(raw: unknown): StatementVersion[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new DamagedBackup('its edits are not a list');
  return raw.map((entry: unknown) => {
    const v = entry as Record<string, unknown> | null;
    if (typeof v !== 'object' || v === null || typeof v.id !== 'string' || v.id === '')
      throw new DamagedBackup('an edit names no statement');
    const where = `version ${String(v.version)} of statement ${v.id}`;
    if (!Number.isSafeInteger(v.version) || (v.version as number) < 1)
      throw new DamagedBackup(`${where} has an invalid number`);
    if (typeof v.at !== 'string' || !Number.isFinite(Date.parse(v.at)))
      throw new DamagedBackup(`${where} has an invalid time`);
    if (!ORIGINS.includes(v.origin as EditOrigin))
      throw new DamagedBackup(`${where} has an invalid origin`);
    if (typeof v.note !== 'string') throw new DamagedBackup(`${where} has an invalid note`);
    return {
      id: v.id,
      version: v.version as number,
      at: v.at,
      origin: v.origin as EditOrigin,
      note: v.note,
      before: checkJsonFields(v.before, where),
      after: checkJsonFields(v.after, where),
    };
  });
}
