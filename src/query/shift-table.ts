/**
 * The shift table and the scan that fills it (the rules are in shifts.ts): per-series tracks
 * over typed arrays, one pass over the rows.
 */
import { FLAG_CONDITIONAL, FLAG_UNCODED } from '../domain/types';
import { affiliationGroups } from './affiliation-groups';
import { pairIndex } from './steps';
import type { ColumnCache, Rows } from './types';

/** `ShiftTable.kind` values. */
export const KIND_ACTOR = 0;
export const KIND_AFFILIATION = 1;

/**
 * Every shift of some rows, in date order (by day; within a day, by the series' first statement
 * that day), as three typed arrays: no object per shift, since a million rows can hold hundreds
 * of thousands. Topic, speaker and stances are read from the cache through the rows.
 */
export interface ShiftTable {
  count: number;
  /** `KIND_ACTOR` or `KIND_AFFILIATION`. */
  kind: Uint8Array;
  row: Uint32Array;
  fromRow: Uint32Array;
  /** The statement that first made each day's shift: the table is in its order (then kind). */
  at: Uint32Array;
}

const NO_DAY = -2147483648;
/** Marks a table entry whose shift a later statement the same day undid. */
const UNDONE = 255;

/** Per-series scan state: the current day, its state so far, the state before that day. */
interface Track {
  day: Int32Array;
  state: Int8Array;
  row: Int32Array;
  before: Int8Array;
  beforeRow: Int32Array;
  /** The table entry of this day's shift, -1 when the day has none (yet). */
  entry: Int32Array;
}

export function track(size: number): Track {
  return {
    day: new Int32Array(size).fill(NO_DAY),
    state: new Int8Array(size).fill(-1),
    row: new Int32Array(size).fill(-1),
    before: new Int8Array(size).fill(-1),
    beforeRow: new Int32Array(size).fill(-1),
    entry: new Int32Array(size).fill(-1),
  };
}

/** A growing shift table. */
export class TableBuilder {
  kind = new Uint8Array(1024);
  row = new Uint32Array(1024);
  fromRow = new Uint32Array(1024);
  at = new Uint32Array(1024);
  count = 0;
  undone = 0;

  push(kind: number, row: number, fromRow: number): number {
    if (this.count === this.row.length) {
      const grow = <T extends Uint8Array | Uint32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind);
      this.row = grow(this.row);
      this.fromRow = grow(this.fromRow);
      this.at = grow(this.at);
    }
    this.kind[this.count] = kind;
    this.row[this.count] = row;
    this.fromRow[this.count] = fromRow;
    this.at[this.count] = row;
    return this.count++;
  }

  /** The table without undone entries, trimmed to its count. */
  finish(): ShiftTable {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.kind[i] === UNDONE) continue;
      this.kind[n] = this.kind[i];
      this.row[n] = this.row[i];
      this.fromRow[n] = this.fromRow[i];
      this.at[n] = this.at[i];
      n++;
    }
    return {
      count: n,
      kind: this.kind.slice(0, n),
      row: this.row.slice(0, n),
      fromRow: this.fromRow.slice(0, n),
      at: this.at.slice(0, n),
    };
  }
}

/**
 * Feeds statement `r` (day `d`, state `state` >= 0) to series `s`: a new day settles the day
 * before; a state that differs from the settled one is this day's shift, which a later statement
 * the same day moves (or undoes, when it returns to the settled state).
 */
export function feed(
  t: Track,
  s: number,
  r: number,
  d: number,
  state: number,
  kind: number,
  out: TableBuilder,
): void {
  if (t.day[s] !== d) {
    if (t.day[s] !== NO_DAY) {
      t.before[s] = t.state[s];
      t.beforeRow[s] = t.row[s];
    }
    t.day[s] = d;
    t.entry[s] = -1;
  }
  t.state[s] = state;
  t.row[s] = r;
  const before = t.before[s];
  if (before < 0) return;
  const e = t.entry[s];
  if (state === before) {
    if (e >= 0) {
      out.kind[e] = UNDONE;
      t.entry[s] = -1;
    }
  } else if (e >= 0) out.row[e] = r;
  else t.entry[s] = out.push(kind, r, t.beforeRow[s]);
}

/** The series a scan feeds: all (null), or those marked in a mask over pair ids or groups. */
export interface Fed {
  actors: boolean;
  affiliations: boolean;
  pairs?: Uint8Array;
  groups?: Uint8Array;
}

export function scan(cache: ColumnCache, rows: Rows, fed: Fed): ShiftTable {
  const pairs = pairIndex(cache);
  const groups = fed.affiliations ? affiliationGroups(cache) : null;
  const byPair = fed.actors ? track(pairs.count) : null;
  const byGroup = groups ? track(groups.count) : null;
  const out = new TableBuilder();
  const { day, stance, flags } = cache;
  const id = pairs.id;
  const pairMask = fed.pairs;
  const groupMask = fed.groups;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const f = flags[r];
    if (f & FLAG_UNCODED) continue;
    const state = (stance[r] + 2) * 2 + (f & FLAG_CONDITIONAL ? 1 : 0);
    const p = id[r];
    const d = day[r];
    if (byPair && (!pairMask || pairMask[p])) feed(byPair, p, r, d, state, KIND_ACTOR, out);
    if (byGroup) {
      const g = groups!.slotOfPair[p];
      if (g >= 0 && (!groupMask || groupMask[g]))
        feed(byGroup, g, r, d, state, KIND_AFFILIATION, out);
    }
  }
  return out.finish();
}
