/**
 * Deterministic synthetic statements in the native CSV format, for tests, benchmarks and demos.
 *
 * Stances behave like the real thing: each (actor, topic) pair starts from its bloc's leaning and
 * keeps that stance, in date order, until a statement shifts it (10% of statements, by +-1 or +-2
 * within -2..2). To make that true in *date* order while rows come out in random date order, a
 * first pass draws each row's actor, topic and date into typed arrays, sorts the row numbers by
 * (pair, day) and walks each pair's statements; the second pass writes the rows in their original
 * order. 1M rows take about 20 MB of typed arrays.
 */

export const HEADER =
  'id,date,actor,affiliation,topic,stance,conditions,quote,summary,target,source,url,reported_via,confidence';

/**
 * mulberry32: a tiny seeded PRNG with a 32-bit state, good enough for synthetic data.
 * `const r = mulberry32(1); r()` -> 0.6270739405881613 (always, for seed 1).
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Quote a CSV field only when it needs it (RFC 4180): `csvField('a, "b"')` -> `"a, ""b"""`,
 * `csvField('plain')` -> `plain`.
 * @param {string} value
 */
export function csvField(value) {
  if (/[",\r\n]/.test(value) || /^\s|\s$/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export const BLOCS = [
  'Russia',
  'United States',
  'Ukraine',
  'European Union',
  'China',
  'United Kingdom',
  'Turkey',
  'India',
  'Brazil',
  'Belarus',
  'United Nations',
  'NATO',
];

const BASE_TOPICS = [
  'ceasefire',
  'nato-membership-ukraine',
  'territorial-concessions',
  'dialogue',
  'binding-settlement',
  'sanctions-relief',
  'prisoner-exchange',
  'security-guarantees',
  'grain-corridor',
  'nuclear-plant-safety',
  'arms-deliveries',
  'peacekeeping-mission',
  'elections-timing',
  'frozen-assets',
  'energy-transit',
  'humanitarian-corridors',
  'war-crimes-tribunal',
  'reparations',
  'demilitarized-zone',
  'black-sea-navigation',
  'eu-accession',
  'neutrality-status',
  'language-rights',
  'refugee-returns',
  'reconstruction-fund',
  'troop-withdrawal',
  'no-fly-zone',
  'long-range-missiles',
  'sanctions-enforcement',
  'direct-talks',
  'mediation-role',
  'referendum-recognition',
  'border-monitoring',
  'cyber-norms',
  'arms-control-treaty',
  'chemical-weapons-inquiry',
  'child-returns',
  'debt-relief',
  'critical-minerals-deal',
  'observer-mission',
];

const FIRST_NAMES = [
  'Anna',
  'Sergey',
  'Olena',
  'James',
  'Marie',
  'Wei',
  'Mehmet',
  'Priya',
  'João',
  'Aliaksandr',
  'Ingrid',
  'Kofi',
  'Zoë',
  'Łukasz',
  'Hélène',
  'Dmytro',
  'Ayşe',
  'Carlos',
  'Fiona',
  'Rahul',
  'Li',
  'Nikolai',
  'Sofia',
  'Thomas',
  'Yulia',
  'Ahmed',
  'Grete',
  'Pierre',
  'Mariana',
  'Viktor',
];

const LAST_NAMES = [
  'Petrenko',
  'Ivanova',
  'Miller',
  'Dubois',
  'Zhang',
  'Yılmaz',
  'Sharma',
  'Silva',
  'Lukashenka',
  'Andersen',
  'Mensah',
  'Kowalski',
  'Müller',
  'Bondarenko',
  'Öztürk',
  'García',
  'O’Neill',
  'Patel',
  'Chen',
  'Smirnov',
  'Rossi',
  'Schmidt',
  'Kovalenko',
  'Nakamura',
  'Hassan',
  'Lindqvist',
  'Moreau',
  'Costa',
  'Orlov',
  'Wright',
];

const BODIES = [
  'Foreign Ministry',
  'officials',
  'Security Council',
  'Defence Ministry',
  'envoy',
  'Presidential Office',
  'negotiators',
  'parliament',
  'spokesperson',
  'Mission to the UN',
];

const STANCE_LABELS = ['strongly oppose', 'oppose', 'neutral', 'support', 'strongly support'];

/** Quote openings by stance sign: against, neither, for. */
const QUOTE_OPENINGS = [
  ['We will not accept', 'There can be no compromise on', 'We reject any talk of'],
  ['Our position on', 'Let me be clear about', 'Nobody should misread our view of'],
  ['We are ready to discuss', 'We welcome progress on', 'We fully back'],
];

const QUOTE_CLOSINGS = [
  ', and we say so plainly.',
  ', full stop.',
  ' — that is the only way forward.',
  ', whatever "partners" may claim.',
  '; the door stays open, but not forever.',
  ', as we told our colleagues in Geneva.',
];

const NON_ASCII_QUOTES = [
  'Мы готовы к диалогу, но не к ультиматумам.',
  'Это «красная линия» для нас.',
  'Nous sommes prêts à négocier, sans conditions préalables.',
  'Die Verhandlungen sind für uns keine Einbahnstraße.',
  'Não aceitaremos isso, em hipótese alguma.',
  'Ми не віддамо жодного метра, і це остаточно.',
  'Bu konuda arabuluculuğa hazırız.',
];

const EMOJI = ['🕊️', '🤝', '⚠️', '🇺🇳'];

/** Summary verbs by stance sign: against, neither, for. */
const SUMMARY_VERBS = [
  ['restated opposition to', 'rejected proposals about'],
  ['declined to commit on', 'hinted at flexibility over'],
  ['reaffirmed support for', 'called for movement on'],
];

const CONDITIONS = [
  'if Washington sends serious signals',
  'provided forces withdraw to the agreed lines',
  'once the ceasefire holds for 30 days',
  'only with guarantees from the guarantor states',
  'if sanctions are eased first',
  'subject to a parliamentary vote',
];

const OUTLETS = ['generator', 'wire', 'briefing', 'press release', 'interview'];

const REPORTERS = [
  'Reuters report',
  'TASS report',
  'AP report',
  'anonymous officials',
  'pool note',
];

const FIRST_DAY = Date.UTC(2015, 0, 1) / 86_400_000; // 16436
const DAYS = Date.UTC(2025, 0, 1) / 86_400_000 - FIRST_DAY; // 3653: 2015-01-01..2024-12-31

/**
 * @template T
 * @param {() => number} rng
 * @param {readonly T[]} list
 * @returns {T}
 */
function pick(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

/** Day offset (0..DAYS-1 from 2015-01-01) -> `YYYY-MM-DD`. */
function isoOfOffset(offset) {
  return new Date((FIRST_DAY + offset) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Actor names and their blocs: persons ("Olena Petrenko") and bodies ("Turkey officials"),
 * unique, drawn from the seed.
 * @param {() => number} rng
 * @param {number} count
 */
function makeActors(rng, count) {
  const names = new Set();
  /** @type {{ name: string, bloc: number }[]} */
  const actors = [];
  while (actors.length < count) {
    const bloc = Math.floor(rng() * BLOCS.length);
    const body = rng() < 0.15;
    let name = '';
    // Redraw on a clash; only when the 900 person names (or 120 bodies) run short, add a suffix.
    for (let tries = 0; tries < 20 && (name === '' || names.has(name)); tries++) {
      name = body
        ? `${BLOCS[bloc]} ${pick(rng, BODIES)}`
        : `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
    }
    const base = name;
    for (let k = 2; names.has(name); k++) name = `${base} (${k})`;
    names.add(name);
    actors.push({ name, bloc });
  }
  return actors;
}

/** `topicSlug(3)` -> `dialogue`; past the 40 base topics: `ceasefire-2`, ... */
function topicSlug(i) {
  const base = BASE_TOPICS[i % BASE_TOPICS.length];
  const round = Math.floor(i / BASE_TOPICS.length);
  return round === 0 ? base : `${base}-${round + 1}`;
}

/** Keep a stance in -2..2: `clamp(3)` -> 2. */
function clampStance(s) {
  return Math.max(-2, Math.min(2, s));
}

/**
 * Sort row numbers by (pair, day, row). A Float64Array of packed keys sorts natively (about 10x
 * faster than a comparator on 1M rows); the comparator is the fallback when keys would not fit
 * in 53 bits.
 * @param {Int32Array} pair
 * @param {Uint16Array} day
 * @param {number} pairs
 * @returns {ArrayLike<number>}
 */
function sortedByPairDay(pair, day, pairs) {
  const n = pair.length;
  const rowBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (Math.log2(pairs + 1) + 12 + rowBits <= 52) {
    const rowScale = 2 ** rowBits;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (pair[i] * 4096 + day[i]) * rowScale + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % rowScale;
    return order;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => pair[a] - pair[b] || day[a] - day[b] || a - b);
}

/**
 * The CSV lines of a synthetic dataset: the header first, then one line per statement, without
 * trailing newlines. Same options, same lines.
 * `[...generateRows({ rows: 1, seed: 1 })]` ->
 *   [HEADER, 'syn-1-1,2020-04-10,Łukasz Ivanova,European Union,ceasefire,-2,...'].
 * @param {{ rows: number, seed?: number, actors?: number, topics?: number }} opts
 * @returns {Generator<string, void, undefined>}
 */
export function* generateRows({ rows, seed = 1, actors = 300, topics = 40 }) {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be >= 0, got ${rows}`);
  if (!(actors >= 1 && topics >= 1)) throw new RangeError('actors and topics must be >= 1');

  const world = mulberry32(seed ^ 0x5eed);
  const cast = makeActors(world, actors);
  const topicNames = Array.from({ length: topics }, (_, i) => topicSlug(i));
  // Each bloc leans one way on each topic, so actors of a bloc mostly agree.
  const lean = BLOCS.map(() => Array.from({ length: topics }, () => world() * 4 - 2));

  // Pass 1: who, what, when. Squaring a uniform skews towards low indices, so a few actors and
  // topics carry many statements (as in real coding) and pairs have histories to shift along.
  const structure = mulberry32(seed);
  const pair = new Int32Array(rows);
  const day = new Uint16Array(rows);
  const precision = new Uint8Array(rows); // 0 day, 1 month, 2 year
  for (let i = 0; i < rows; i++) {
    const u = structure();
    const v = structure();
    const a = Math.floor(actors * u * u);
    const t = Math.floor(topics * v * Math.sqrt(v));
    pair[i] = a * topics + t;
    let d = Math.floor(structure() * DAYS);
    const p = structure();
    if (p < 0.01) {
      precision[i] = 2;
      d = Date.UTC(new Date((FIRST_DAY + d) * 86_400_000).getUTCFullYear(), 0, 1) / 86_400_000;
      d -= FIRST_DAY;
    } else if (p < 0.06) {
      precision[i] = 1;
      const date = new Date((FIRST_DAY + d) * 86_400_000);
      d = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000 - FIRST_DAY;
    }
    day[i] = d;
  }

  // Walk each pair in date order: keep the stance, shift it in 10% of statements.
  const walk = mulberry32(seed ^ 0x57a2ce);
  const stance = new Int8Array(rows);
  const conditional = new Uint8Array(rows);
  const order = sortedByPairDay(pair, day, actors * topics);
  let previousPair = -1;
  let current = 0;
  for (let k = 0; k < rows; k++) {
    const i = order[k];
    if (pair[i] !== previousPair) {
      previousPair = pair[i];
      const a = Math.floor(pair[i] / topics);
      const noise = (walk() + walk() - 1) * 1.2;
      current = clampStance(Math.round(lean[cast[a].bloc][pair[i] % topics] + noise));
    } else if (walk() < 0.1) {
      const delta = (walk() < 0.5 ? -1 : 1) * (walk() < 0.7 ? 1 : 2);
      // Reflect at the ends of the scale so a shift always changes the stance.
      const next = clampStance(current + delta);
      current = next !== current ? next : clampStance(current - delta);
    }
    stance[i] = current;
    // `conditional` is support with strings attached; a quarter of support reads that way.
    conditional[i] = current === 1 && walk() < 0.25 ? 1 : 0;
  }

  // Pass 2: the text, in the original (random-date) order.
  const text = mulberry32(seed ^ 0x7e47);
  const dateCache = new Map();
  const sourceTexts = OUTLETS.map((o) => csvField(`synthetic ${o} (seed ${seed})`));
  yield HEADER;
  for (let i = 0; i < rows; i++) {
    const a = Math.floor(pair[i] / topics);
    const actor = cast[a];
    const topic = topicNames[pair[i] % topics];
    const cacheKey = day[i] * 4 + precision[i];
    let date = dateCache.get(cacheKey);
    if (date === undefined) {
      const iso = isoOfOffset(day[i]);
      date = precision[i] === 0 ? iso : precision[i] === 1 ? iso.slice(0, 7) : iso.slice(0, 4);
      dateCache.set(cacheKey, date);
    }
    const s = stance[i];
    const stanceText = conditional[i]
      ? 'conditional'
      : text() < 0.1
        ? STANCE_LABELS[s + 2]
        : String(s);
    const conditions = conditional[i] ? pick(text, CONDITIONS) : '';
    const topicWords = topic.replace(/-/g, ' ');
    let quote = '';
    const q = text();
    const sign = Math.sign(s) + 1;
    if (q < 0.12) quote = pick(text, NON_ASCII_QUOTES);
    else if (q < 0.62) {
      quote = `${pick(text, QUOTE_OPENINGS[sign])} ${topicWords}${pick(text, QUOTE_CLOSINGS)}`;
    }
    if (quote && text() < 0.05) quote += ` ${pick(text, EMOJI)}`;
    const summary =
      text() < 0.6 ? `${actor.name} ${pick(text, SUMMARY_VERBS[sign])} ${topicWords}.` : '';
    const target = text() < 0.3 ? BLOCS[Math.floor(text() * BLOCS.length)] : '';
    const url = text() < 0.6 ? `https://example.org/s/${i + 1}` : '';
    const reportedVia = text() < 0.1 ? pick(text, REPORTERS) : '';
    const confidence = (50 + Math.floor(text() * 51)) / 100;
    yield [
      `syn-${seed}-${i + 1}`,
      date,
      csvField(actor.name),
      csvField(BLOCS[actor.bloc]),
      topic,
      stanceText,
      csvField(conditions),
      csvField(quote),
      csvField(summary),
      csvField(target),
      sourceTexts[Math.floor(text() * sourceTexts.length)],
      url,
      csvField(reportedVia),
      confidence.toFixed(2),
    ].join(',');
  }
}

/**
 * The whole CSV as one string, each line ending in `\n`. For tests and small files; use
 * `generateRows` and a stream for big ones.
 * `generateCsv({ rows: 0 })` -> `${HEADER}\n`.
 * @param {{ rows: number, seed?: number, actors?: number, topics?: number }} opts
 * @returns {string}
 */
export function generateCsv(opts) {
  let out = '';
  for (const line of generateRows(opts)) out += line + '\n';
  return out;
}
