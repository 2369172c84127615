import { isDiscreteChange, parseView, serializeView, type IgnoredParam } from '../url/query-string';
import type { ViewState } from '../url/view-state';

/** Typing and dragging write the URL at most this often (replaceState); discrete changes push. */
const REPLACE_THROTTLE_MS = 250;

/** The view the URL mirrors (read through its owner, as a bound view may be replaced). */
export interface UrlTarget {
  view: ViewState;
}

/** Where the link's fingerprints go and come from (the app's LinkState). */
export interface LinkTarget {
  /** Fingerprint of the data in view, written into the link as `fp`. */
  readonly dataFingerprint: string | null;
  /** Called with what a link carried that could not be used. */
  onIgnored(ignored: IgnoredParam[]): void;
  /** Called with the fingerprint the opened link carried (null when none). */
  onLinkFingerprint(fp: string | null): void;
}

/**
 * The shareable address of a view: this page with the view's query and the data fingerprint,
 * without the `#fragment`. Built from the state, not read from `location`, because the address
 * bar lags typing by up to REPLACE_THROTTLE_MS and a link copied right after typing must still
 * hold the last letter.
 *
 * `viewLink({ ...DEFAULT_VIEW, view: 'matrix' }, '3f9a0c1b', 'http://host/app/?q=old#d=x')` ->
 * `'http://host/app/?view=matrix&fp=3f9a0c1b'`.
 */
export function viewLink(view: ViewState, fingerprint: string | null, href: string): string {
  const page = href.replace(/[?#].*$/s, '');
  const query = serializeView({ ...view, fingerprint });
  return `${page}${query ? `?${query}` : ''}`;
}

/**
 * Keeps the URL and the view in step: the view is read from the URL on start and on
 * back/forward; every change of the view is written back, throttled `replaceState` for
 * continuous changes (search text, scrubbing, zoom) and `pushState` for discrete ones (tab,
 * filter choices). Must be called during component initialisation (it sets up an $effect).
 */
export function syncUrl(target: UrlTarget, links: LinkTarget): void {
  const apply = (search: string) => {
    const { state, ignored } = parseView(search);
    links.onLinkFingerprint(state.fingerprint);
    Object.assign(target.view, { ...state, fingerprint: null });
    if (ignored.length > 0) links.onIgnored(ignored);
    return state;
  };

  let lastState: ViewState = apply(location.search);
  let lastQuery = location.search.replace(/^\?/, '');
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: string | null = null;

  const urlFor = (query: string) =>
    `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending !== null) history.replaceState(null, '', urlFor(pending));
    pending = null;
  };

  $effect(() => {
    const state = $state.snapshot(target.view) as ViewState;
    const query = serializeView({ ...state, fingerprint: links.dataFingerprint });
    if (query === lastQuery) return;
    const discrete = isDiscreteChange(lastState, state);
    lastState = state;
    lastQuery = query;
    if (discrete) {
      flush();
      history.pushState(null, '', urlFor(query));
    } else {
      pending = query;
      timer ??= setTimeout(flush, REPLACE_THROTTLE_MS);
    }
  });

  $effect(() => {
    const onpop = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      lastQuery = location.search.replace(/^\?/, '');
      lastState = apply(location.search);
    };
    window.addEventListener('popstate', onpop);
    // Write a pending throttled change now: a timer left behind would fire after the page is gone.
    return () => {
      window.removeEventListener('popstate', onpop);
      flush();
    };
  });
}
