/**
 * Keeps Tab and Shift+Tab inside a modal dialog. A modal `<dialog>` makes the page behind it
 * inert, but Chromium still lets Tab leave the last control for the browser's own toolbar (the
 * page sees the focus land on `<body>`); the WAI-ARIA dialog pattern wraps to the first control.
 */

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The controls Tab visits inside `root`, in document order, skipping hidden ones. */
function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

/**
 * An attachment (`<dialog {@attach trapFocus}>`): Tab on the last control goes to the first,
 * Shift+Tab on the first goes to the last. Returns the cleanup that removes the listener.
 */
export function trapFocus(root: HTMLElement): () => void {
  function onkeydown(e: KeyboardEvent) {
    if (e.key !== 'Tab') return;
    const items = tabbables(root);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !root.contains(at))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !root.contains(at))) {
      e.preventDefault();
      first.focus();
    }
  }
  root.addEventListener('keydown', onkeydown);
  return () => root.removeEventListener('keydown', onkeydown);
}
