/**
 * The timeline as bands: each lane (an actor, an affiliation's actors collapsed into one, or a
 * topic) holds one labelled row per series (its topics, or its actors), and each row is a band
 * whose colour is the stance carried forward from the statement that set it. Built once per
 * rows, grouping, collapse or sort change, never per frame; a series' band (`steps.ts`) is
 * built when first drawn or asked for.
 */
import { compareNames } from '../../query/cache';
import { pairIndex } from '../../query/steps';
import type { ColumnCache } from '../../query/types';
import { patchBands, scanSeries } from './band-scan';
import {
  NO_SHIFT,
  type Band,
  type BandGroup,
  type BandLane,
  type BandModel,
  type BandOptions,
  type LaneKind,
  type LaneSort,
} from './band-types';
import { denseWindow, periodExtent } from './windowing';

export * from './band-types';

interface Provisional {
  lane: number;
  /** The other dimension's code: topic, or actor, or affiliation for a collapsed one. */
  code: number;
  kind: number;
  name: string;
  count: number;
  lastShift: number;
}

const memo = new WeakMap<ColumnCache, Map<string, BandModel>>();
/** Models kept per cache: the every-row ones, and the last few filtered ones. */
const KEPT_MODELS = 4;
const rowsTokens = new WeakMap<ArrayLike<number>, number>();
let nextToken = 1;

/** `all` for every row, else a number per rows array (the filters hand back the same array). */
function rowsToken(cache: ColumnCache, rows: ArrayLike<number>): string {
  if (rows.length === cache.n) return 'all';
  let token = rowsTokens.get(rows);
  if (token === undefined) rowsTokens.set(rows, (token = nextToken++));
  return String(token);
}

/**
 * The band model of `rows` (ascending), kept per cache, rows and options: a filter cleared or a
 * tab shown again finds it built. After an edit of stances or text only (`cache.edited`), the
 * model of the cache before is patched: only the edited rows' series are worked out again.
 * Example: Putin (Russia) on ceasefire and territory, Lavrov (Russia) on ceasefire, by actor,
 * sorted by name -> lanes `[Lavrov, Putin]`, series `[ceasefire | ceasefire, territory]`;
 * with Russia collapsed -> one lane `Russia` with series `[ceasefire, territory]`.
 */
export function buildBands(cache: ColumnCache, rows: ArrayLike<number>, o: BandOptions) {
  if (cache.n === 0) return makeBands(cache, rows, o);
  let byKey = memo.get(cache);
  if (!byKey) memo.set(cache, (byKey = new Map()));
  const key = `${rowsToken(cache, rows)}|${o.by}|${o.sort}|${o.collapsed.join('\u0000')}`;
  let model = byKey.get(key);
  if (!model) {
    const before = cache.edited && memo.get(cache.edited.from)?.get(key);
    model = (before && patchBands(cache, before, cache.edited!.rows)) ?? makeBands(cache, rows, o);
    if (byKey.size >= KEPT_MODELS) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, model);
  }
  return model;
}

function makeBands(cache: ColumnCache, rows: ArrayLike<number>, o: BandOptions): BandModel {
  const pairs = pairIndex(cache);
  const n = rows.length;
  const perPair = new Uint32Array(pairs.count);
  for (let k = 0; k < n; k++) perPair[pairs.id[rows[k]]]++;
  const collapsedAff = new Uint8Array(cache.affiliations.length);
  for (const name of o.collapsed) {
    const f = cache.affiliations.indexOf(name);
    if (f >= 0) collapsedAff[f] = 1;
  }
  const byActor = o.by === 'actor';

  // Provisional lanes and series, keyed by their codes.
  const laneOfKey = new Map<number, number>();
  const lanes: BandLane[] = [];
  const seriesOfKey = new Map<number, number>();
  const series: Provisional[] = [];
  const provOfPair = new Int32Array(pairs.count).fill(-1);
  const nSub = cache.topics.length + cache.actors.length + cache.affiliations.length + 1;
  for (let p = 0; p < pairs.count; p++) {
    if (perPair[p] === 0) continue;
    const a = pairs.actor[p];
    const t = pairs.topic[p];
    const f = cache.actorAffiliation[a];
    const merged = f >= 0 && collapsedAff[f] === 1;
    let kind: LaneKind;
    let code: number;
    if (byActor) [kind, code] = merged ? ['affiliation', f] : ['actor', a];
    else [kind, code] = ['topic', t];
    const laneKey = (kind === 'affiliation' ? 1 : 0) * 0x4000000 + code;
    let lane = laneOfKey.get(laneKey);
    if (lane === undefined) {
      lane = lanes.length;
      laneOfKey.set(laneKey, lane);
      const name =
        kind === 'actor'
          ? cache.actors[code]
          : kind === 'affiliation'
            ? cache.affiliations[code]
            : cache.topics[code];
      const group = kind === 'topic' ? '' : f >= 0 ? cache.affiliations[f] : '';
      lanes.push({ kind, code, name, group, count: 0, lastShift: NO_SHIFT, first: 0, end: 0 });
    }
    lanes[lane].count += perPair[p];
    // The row inside the lane: a topic (by actor), an actor or a collapsed affiliation (by topic).
    let sub: number;
    let subKind = merged ? 1 : 0;
    let name: string;
    if (byActor) {
      sub = t;
      name = cache.topics[t];
    } else if (merged) {
      sub = cache.topics.length + cache.actors.length + f;
      name = `${cache.affiliations[f]} (all actors)`;
    } else {
      sub = cache.topics.length + a;
      name = cache.actors[a];
      subKind = 0;
    }
    const key = lane * nSub + sub;
    let s = seriesOfKey.get(key);
    if (s === undefined) {
      s = series.length;
      seriesOfKey.set(key, s);
      series.push({ lane, code: sub, kind: subKind, name, count: 0, lastShift: NO_SHIFT });
    }
    series[s].count += perPair[p];
    provOfPair[p] = s;
  }

  // Sorting by the latest shift needs the shifts first (a pass of its own); otherwise they are
  // counted while the rows are grouped, below.
  let shiftCount = 0;
  if (o.sort === 'shift') {
    const scan = scanSeries(cache, rows, provOfPair, series.length, null);
    series.forEach((x, s) => {
      x.lastShift = scan.lastShift[s];
      const lane = lanes[x.lane];
      if (x.lastShift > lane.lastShift) lane.lastShift = x.lastShift;
    });
    shiftCount = scan.count;
  }

  // Order: groups, lanes in them, series in each lane.
  const cmp = comparer(o.sort);
  const laneIdx = lanes.map((_, i) => i);
  const groups: BandGroup[] = [];
  if (byActor) {
    const stats = new Map<string, { name: string; count: number; lastShift: number }>();
    for (const lane of lanes) {
      const g = stats.get(lane.group) ?? { name: lane.group, count: 0, lastShift: NO_SHIFT };
      g.count += lane.count;
      g.lastShift = Math.max(g.lastShift, lane.lastShift);
      stats.set(lane.group, g);
    }
    const order = [...stats.values()].sort(
      (x, y) => Number(x.name === '') - Number(y.name === '') || cmp(x, y),
    );
    const rank = new Map(order.map((g, i) => [g.name, i]));
    laneIdx.sort(
      (x, y) => rank.get(lanes[x].group)! - rank.get(lanes[y].group)! || cmp(lanes[x], lanes[y]),
    );
    let at = 0;
    for (const g of order) {
      const first = at;
      while (at < laneIdx.length && lanes[laneIdx[at]].group === g.name) at++;
      const f = cache.affiliations.indexOf(g.name);
      groups.push({ name: g.name, first, end: at, collapsed: f >= 0 && collapsedAff[f] === 1 });
    }
  } else {
    laneIdx.sort((x, y) => cmp(lanes[x], lanes[y]));
  }
  const sortedLanes = laneIdx.map((i) => lanes[i]);
  const newLane = new Uint32Array(lanes.length);
  laneIdx.forEach((old, i) => (newLane[old] = i));
  const seriesIdx = series.map((_, i) => i);
  seriesIdx.sort(
    (x, y) =>
      newLane[series[x].lane] - newLane[series[y].lane] ||
      // By topic, a collapsed affiliation's row comes after the actors' rows.
      series[x].kind - series[y].kind ||
      cmp(series[x], series[y]),
  );
  const finalOf = new Uint32Array(series.length);
  seriesIdx.forEach((old, i) => (finalOf[old] = i));
  const m = series.length;
  const seriesLane = new Uint32Array(m);
  const seriesKind = new Uint8Array(m);
  const seriesCount = new Uint32Array(m);
  const seriesName: string[] = new Array<string>(m);
  seriesIdx.forEach((old, i) => {
    const s = series[old];
    seriesLane[i] = newLane[s.lane];
    seriesKind[i] = s.kind;
    seriesCount[i] = s.count;
    seriesName[i] = s.name;
  });
  for (let i = 0; i < m; i++) {
    const lane = sortedLanes[seriesLane[i]];
    if (i === 0 || seriesLane[i - 1] !== seriesLane[i]) lane.first = i;
    lane.end = i + 1;
  }
  const seriesOfPair = new Int32Array(pairs.count).fill(-1);
  for (let p = 0; p < pairs.count; p++) {
    if (provOfPair[p] >= 0) seriesOfPair[p] = finalOf[provOfPair[p]];
  }

  // The rows grouped by series (a counting sort: rows are ascending, so each series' slice is).
  const start = new Uint32Array(m + 1);
  for (let i = 0; i < m; i++) start[i + 1] = start[i] + seriesCount[i];
  const place = { next: start.slice(0, m), order: new Uint32Array(n), day: new Int32Array(n) };
  const scan = scanSeries(cache, rows, seriesOfPair, m, place);
  if (o.sort !== 'shift') shiftCount = scan.count;
  const { order, day } = place;

  return {
    by: o.by,
    sort: o.sort,
    lanes: sortedLanes,
    groups,
    seriesCount: m,
    seriesLane,
    seriesName,
    seriesKind,
    seriesSize: seriesCount,
    seriesOfPair,
    order,
    day,
    start,
    rowCount: n,
    shiftCount,
    seriesShifts: scan.perSeries,
    seriesLastShift: scan.lastShift,
    extent: periodExtent(cache, rows),
    dense: denseWindow(cache, rows),
    bands: new Array<Band | undefined>(m),
  };
}

type Sortable = { name: string; count: number; lastShift: number };

/** By name; by activity (most statements first); by most recent shift (none last). */
function comparer(sort: LaneSort): (x: Sortable, y: Sortable) => number {
  if (sort === 'activity') return (x, y) => y.count - x.count || compareNames(x.name, y.name);
  if (sort === 'shift') {
    return (x, y) =>
      (y.lastShift > x.lastShift ? 1 : y.lastShift < x.lastShift ? -1 : 0) ||
      compareNames(x.name, y.name);
  }
  return (x, y) => compareNames(x.name, y.name);
}
