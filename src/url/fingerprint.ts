/**
 * A short fingerprint of the datasets in view, carried in the URL (`fp=`) so that a colleague who
 * opens the link with other data is told so. It is a notice, not a security check: 32 bits are
 * plenty to tell "same data" from "other data".
 */

/**
 * 8 hex characters from the sorted dataset ids and statement counts; the order the datasets come
 * in does not matter, a changed count does.
 *
 * `fingerprint([{ id: 'seed', statementCount: 42 }])` equals
 * `fingerprint([{ id: 'seed', statementCount: 42 }])` and differs from the same id with 43.
 */
export function fingerprint(datasets: readonly { id: string; statementCount: number }[]): string {
  const pairs = datasets
    .map((d): [string, number] => [d.id, d.statementCount])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  // JSON keeps ids unambiguous whatever characters they hold (no separator can collide).
  return fnv1a(JSON.stringify(pairs)).toString(16).padStart(8, '0');
}

/** 32-bit FNV-1a over UTF-16 code units: `fnv1a('')` -> 0x811c9dc5. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
