/**
 * The one link check of the app: an absolute http(s) URL, normalized, or '' for anything else.
 * Ingest drops other schemes, and every place that renders a link checks again, because a
 * cache can also be built from a backup or a shared link's fragment.
 * `safeUrl(' https://tass.com/politics ')` -> `'https://tass.com/politics'`;
 * `safeUrl('javascript:alert(1)')` -> `''`; `safeUrl('www.reuters.com')` -> `''`.
 */
export function safeUrl(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}
