import type { StanceValue } from './types';

/** The stance scale, from strongly oppose to strongly support. */
export const STANCES: readonly StanceValue[] = [-2, -1, 0, 1, 2];

export const STANCE_LABEL: Record<StanceValue, string> = {
  [-2]: 'strongly oppose',
  [-1]: 'oppose',
  0: 'neutral',
  1: 'support',
  2: 'strongly support',
};

/**
 * Colours from ColorBrewer's PuOr scheme (colour-blind safe, diverging): orange for opposition,
 * purple for support. Neutral is a mid grey rather than PuOr's near-white, which vanishes on a
 * light background.
 */
export const STANCE_COLOR: Record<StanceValue, string> = {
  [-2]: '#b35806',
  [-1]: '#f1a340',
  0: '#8c8c8c',
  1: '#998ec3',
  2: '#542788',
};

/**
 * The stance colours as CSS, following the theme: `STANCE_CSS[2]` ->
 * `var(--stance-p2, #542788)`. The variables live in src/app.css; the dark theme lightens the
 * strong stances so they stand out from a dark background. Canvas code resolves them with
 * `getComputedStyle` (src/views/timeline/render.ts, readTheme).
 */
export const STANCE_CSS: Record<StanceValue, string> = {
  [-2]: `var(--stance-n2, ${STANCE_COLOR[-2]})`,
  [-1]: `var(--stance-n1, ${STANCE_COLOR[-1]})`,
  0: `var(--stance-0, ${STANCE_COLOR[0]})`,
  1: `var(--stance-p1, ${STANCE_COLOR[1]})`,
  2: `var(--stance-p2, ${STANCE_COLOR[2]})`,
};

/** What an uncoded statement (no stance yet) is called wherever a stance label would be. */
export const UNCODED_LABEL = 'uncoded';

/** Label with the conditional flag folded in: `support` + conditional -> `conditional support`. */
export function stanceLabel(stance: StanceValue, conditional = false): string {
  return conditional ? `conditional ${STANCE_LABEL[stance]}` : STANCE_LABEL[stance];
}

/**
 * A stored row's label from its stance and flags (FLAG_CONDITIONAL 1, FLAG_UNCODED 4):
 * `rowStanceLabel(1, 1)` -> `'conditional support'`, `rowStanceLabel(0, 4)` -> `'uncoded'`.
 */
export function rowStanceLabel(stance: number, flags: number): string {
  if (flags & 4) return UNCODED_LABEL;
  return stanceLabel(stance as StanceValue, (flags & 1) !== 0);
}

/** One entry of a chart legend (also written into exported charts). */
export interface LegendItem {
  label: string;
  color: string;
  /** Drawn as a ring, as conditional stances are on the charts. */
  hollow?: boolean;
}

/**
 * The stance legend the charts share: the five stances, then conditional support as a ring.
 * `stanceLegend()[0]` -> `{ label: 'strongly oppose', color: '#b35806' }`;
 * `stanceLegend()[5]` -> `{ label: 'conditional support', color: '#998ec3', hollow: true }`.
 */
export function stanceLegend(): LegendItem[] {
  return [
    ...STANCES.map((s) => ({ label: STANCE_LABEL[s], color: STANCE_COLOR[s] })),
    { label: 'conditional support', color: STANCE_COLOR[1], hollow: true },
  ];
}
