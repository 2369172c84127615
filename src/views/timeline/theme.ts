/** The canvas's colours, read from the page's CSS variables so both themes work. */
import { STANCE_COLOR } from '../../domain/stance';
import type { StanceValue } from '../../domain/types';

/** Colours read from the page's CSS variables, so both themes work. */
export interface Theme {
  text: string;
  muted: string;
  grid: string;
  bg: string;
  accent: string;
  /** Stance colours of the theme (`--stance-*`); STANCE_COLOR when absent. */
  stance?: Record<StanceValue, string>;
}

export const FALLBACK_THEME: Theme = {
  text: '#1d1d1f',
  muted: '#5c5c66',
  grid: '#e4e4ea',
  bg: '#ffffff',
  accent: '#3b5bdb',
};

/** Reads the theme from an element's computed CSS variables. */
export function readTheme(el: Element): Theme {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', FALLBACK_THEME.text),
    muted: v('--muted', FALLBACK_THEME.muted),
    grid: v('--grid', FALLBACK_THEME.grid),
    bg: v('--bg', FALLBACK_THEME.bg),
    accent: v('--accent', FALLBACK_THEME.accent),
    stance: {
      [-2]: v('--stance-n2', STANCE_COLOR[-2]),
      [-1]: v('--stance-n1', STANCE_COLOR[-1]),
      0: v('--stance-0', STANCE_COLOR[0]),
      1: v('--stance-p1', STANCE_COLOR[1]),
      2: v('--stance-p2', STANCE_COLOR[2]),
    },
  };
}

/**
 * Calls `update` with the element's theme now and whenever it changes: the system's colour
 * scheme, or the Theme switch (which sets data-theme on <html> without any media change).
 * Returns the cleanup.
 */
export function watchTheme(el: Element, update: (theme: Theme) => void): () => void {
  const read = () => update(readTheme(el));
  read();
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener?.('change', read);
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(read) : undefined;
  observer?.observe(document.documentElement, { attributeFilter: ['data-theme'] });
  return () => {
    media?.removeEventListener?.('change', read);
    observer?.disconnect();
  };
}
