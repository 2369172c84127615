import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { StanceDB } from '../../../src/db/db';
import { historyOf, latestFields, saveVersions } from '../../../src/db/edits';
import { storedUnderVersions } from '../../../src/db/edit-origins';
import {
  checkFields,
  diffFields,
  fieldsOf,
  parseEditedDate,
  takeFileChanges,
} from '../../../src/domain/edits';
import { day, rec } from '../query/helpers';

const lavrov = rec({
  date: '2024-12-26',
  actor: 'Sergey Lavrov',
  affiliation: 'Russia',
  topic: 'ceasefire',
  stance: -2,
  quote: 'A truce leads to nowhere',
});
const before = fieldsOf(lavrov);
const softer = { ...before, stance: -1 as const };

let database: StanceDB | null = null;
afterEach(async () => {
  await database?.delete();
  database = null;
});

describe('statement versions', () => {
  it('keeps every version with the one before it, numbered per statement', async () => {
    database = new StanceDB(`edits-${Math.random()}`);
    await saveVersions(database, [{ id: 'seed-017', before, after: softer, origin: 'app' }]);
    await saveVersions(database, [
      { id: 'seed-017', before: softer, after: before, origin: 'undo', note: 'misread' },
      { id: 'seed-001', before, after: softer, origin: 'file' },
    ]);
    const history = await historyOf(database, 'seed-017');
    expect(history.map((v) => [v.version, v.origin, v.after.stance, v.note])).toEqual([
      [1, 'app', -1, ''],
      [2, 'undo', -2, 'misread'],
    ]);
    const latest = await latestFields(database);
    expect(latest.get('seed-017')!.stance).toBe(-2);
    expect(latest.get('seed-001')!.stance).toBe(-1);
  });

  it('keeps a confidence the file did not give (NaN) through the store', async () => {
    database = new StanceDB(`edits-${Math.random()}`);
    await saveVersions(database, [{ id: 'a', before, after: { ...softer }, origin: 'app' }]);
    expect(Number.isNaN((await latestFields(database)).get('a')!.confidence)).toBe(true);
  });
});

describe('storedUnderVersions', () => {
  it('gives the file values under the first version, and whether the analyst made a version', async () => {
    database = new StanceDB(`edits-${Math.random()}`);
    await saveVersions(database, [
      { id: 'a', before, after: softer, origin: 'file' },
      { id: 'b', before, after: softer, origin: 'file' },
    ]);
    await saveVersions(database, [
      { id: 'a', before: softer, after: { ...softer, summary: 'mine' }, origin: 'app' },
    ]);
    const found = await storedUnderVersions(database, ['a', 'b', 'c']);
    expect([...found.keys()].sort()).toEqual(['a', 'b']);
    expect(found.get('a')).toEqual({ stored: before, edited: true });
    expect(found.get('b')).toEqual({ stored: before, edited: false });
  });
});

describe('diffFields', () => {
  it('says what changed in words, date and stance each once', () => {
    expect(diffFields(before, softer)).toEqual([
      { field: 'stance', label: 'Stance', before: 'strongly oppose', after: 'oppose' },
    ]);
    const moved = { ...before, day: day('2024-12'), precision: 'month' as const, topic: 'talks' };
    expect(diffFields(before, moved).map((c) => [c.label, c.before, c.after])).toEqual([
      ['Date', '2024-12-26', '2024-12'],
      ['Topic', 'ceasefire', 'talks'],
    ]);
    expect(diffFields(before, { ...before, uncoded: true })[0].after).toBe('uncoded');
  });
});

describe('checkFields', () => {
  it('refuses what an import refuses, at the field', () => {
    expect(checkFields(before)).toEqual([]);
    expect(checkFields({ ...before, stance: 3 as never }).map((i) => i.field)).toEqual(['stance']);
    expect(checkFields({ ...before, actor: ' ' }).map((i) => i.field)).toEqual(['actor']);
    expect(checkFields({ ...before, confidence: 1.5 }).map((i) => i.field)).toEqual(['confidence']);
    expect(checkFields({ ...before, day: day('0024-01-01') }).map((i) => i.field)).toEqual(['day']);
    expect(checkFields({ ...before, conditional: true }).map((i) => i.field)).toEqual([
      'conditional',
    ]);
  });

  it('reads a typed date with its precision and refuses days that do not exist', () => {
    expect(parseEditedDate('2024-12-26')).toEqual({ day: day('2024-12-26'), precision: 'day' });
    expect(parseEditedDate('2024-11')).toEqual({ day: day('2024-11'), precision: 'month' });
    expect(parseEditedDate('2024')).toEqual({ day: day('2024'), precision: 'year' });
    expect(parseEditedDate('2024-02-30')).toBeNull();
    expect(parseEditedDate('26.12.2024')).toBeNull();
  });
});

describe('takeFileChanges', () => {
  it("takes the file's changed fields and keeps the analyst's edits of the others", () => {
    const file = { ...before, stance: 1 as const, conditional: true, conditions: 'talks first' };
    const mine = { ...before, summary: 'my summary', stance: 0 as const };
    expect(takeFileChanges(before, file, mine)).toEqual({
      ...before,
      stance: 1,
      conditional: true,
      conditions: 'talks first',
      summary: 'my summary',
    });
  });

  it('moves a date with its precision, and leaves all as it is when the file changed nothing', () => {
    const file = { ...before, day: day('2024-12'), precision: 'month' as const };
    const mine = { ...before, precision: 'year' as const, actor: 'Lavrov' };
    expect(takeFileChanges(before, file, mine)).toEqual({ ...file, actor: 'Lavrov' });
    expect(takeFileChanges(before, { ...before }, mine)).toEqual(mine);
  });
});
