/** Labels and colours of the agreement matrix: pure, so the names tests rely on live in one place. */
import { scaleLinear } from 'd3-scale';
import { STANCES, STANCE_COLOR } from '../../domain/stance';
import { plural } from '../../util/plural';

/**
 * Agreement 0..1 on the stance scale's diverging, colour-blind-safe colours (PuOr): 0 (disagree)
 * is the "strongly oppose" orange, 0.5 the neutral grey, 1 (agree) the "strongly support"
 * purple, with the two milder stances at 0.25 and 0.75, so the matrix reads like the rest of the
 * app (two stops only would pass through a muddy brown). `agreementColor(0.5)` ->
 * `rgb(140, 140, 140)`.
 */
export const agreementColor = scaleLinear<string>()
  .domain([0, 0.25, 0.5, 0.75, 1])
  .range(STANCES.map((s) => STANCE_COLOR[s]))
  .clamp(true);

/** Scores the legend shows. */
export const LEGEND_STEPS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/**
 * Black or white text, whichever reads better on a colour given as `#rrggbb` or `rgb(r, g, b)`
 * (WCAG relative luminance). `textColorOn('#542788')` -> `#fff`; `textColorOn('#f1a340')` ->
 * `#111`.
 */
export function textColorOn(color: string): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  const parts = hex
    ? hex.slice(1).map((h) => parseInt(h, 16))
    : rgb
      ? rgb.slice(1).map(Number)
      : [128, 128, 128];
  const [r, g, b] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05): equal at l ~ 0.18.
  return l > 0.18 ? '#111' : '#fff';
}

/** `percent(0.75)` -> `75%`. */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/**
 * The accessible name of a cell (row actor first):
 * `cellName('Sergey Lavrov', 'Vladimir Putin', 0.75, 2)` ->
 * `Sergey Lavrov and Vladimir Putin: agree 75% on 2 shared topics`;
 * with a NaN score -> `... : no shared topic`; the diagonal -> `Vladimir Putin: a position on 5
 * topics`.
 */
export function cellName(
  a: string,
  b: string,
  score: number,
  shared: number,
  minShared = 1,
): string {
  if (a === b) return `${a}: a position on ${plural(shared, 'topic')}`;
  if (Number.isNaN(score) || shared === 0) return `${a} and ${b}: no shared topic`;
  if (shared < minShared) {
    return `${a} and ${b}: too little evidence, ${plural(shared, 'shared topic')} (fewer than ${minShared})`;
  }
  return `${a} and ${b}: agree ${percent(score)} on ${plural(shared, 'shared topic')}`;
}

/**
 * The chart's text alternative. `describeAgreement({ actors: 3, topics: 2, from: '2024-01-01',
 * to: '2024-12-26', blocs: [['A', 'B'], ['C']] })` -> `Agreement among 3 actors over 2 topics
 * from 2024-01-01 to 2024-12-26; blocs: A, B vs C.`
 */
export function describeAgreement(d: {
  actors: number;
  topics: number;
  from: string | null;
  to: string | null;
  blocs: string[][] | null;
}): string {
  const window =
    d.from && d.to
      ? ` from ${d.from} to ${d.to}`
      : d.from
        ? ` from ${d.from}`
        : d.to
          ? ` up to ${d.to}`
          : '';
  const head = `Agreement among ${plural(d.actors, 'actor')} over ${plural(d.topics, 'topic')}${window}`;
  if (d.actors < 2) return `${head}.`;
  if (!d.blocs) return `${head}; no opposing blocs.`;
  return `${head}; blocs: ${d.blocs.map((b) => b.join(', ')).join(' vs ')}.`;
}

/** Shortens a long label for the axis; the full name stays in the accessible name. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * How two stances on one topic count (as `agreement` scores them): the same sign agrees,
 * opposite signs disagree, a neutral or conditional side is half.
 * `topicVerdict(1, false, 2, false)` -> `'agree'`; `topicVerdict(1, true, -2, false)` -> `'half'`.
 */
export function topicVerdict(
  a: number,
  aConditional: boolean,
  b: number,
  bConditional: boolean,
): 'agree' | 'disagree' | 'half' {
  if (aConditional || bConditional || a === 0 || b === 0) return 'half';
  return Math.sign(a) === Math.sign(b) ? 'agree' : 'disagree';
}
