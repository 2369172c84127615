/**
 * Whether the page is shown inside another page's frame. The app's CSP is a meta tag, which
 * cannot set `frame-ancestors`, so any site can frame it and lay its own content over it: a click
 * meant for that site would land on ours. Consent (a link's statements) and actions that remove
 * data are therefore refused in a frame. A window whose `top` cannot be read counts as framed.
 */
export function isFramed(win: Window = window): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true;
  }
}

/** Why something is refused in a frame, for the user. */
export const FRAMED_MESSAGE =
  'This page is shown inside another page (a frame), where a click may not be what you meant. Open the app in a tab of its own to do this.';
