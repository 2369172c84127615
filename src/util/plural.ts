/** Built once: `toLocaleString('en')` builds a formatter on every call. */
const numberFormat = new Intl.NumberFormat('en');

/** A count and its noun: `plural(1, 'topic')` -> `1 topic`; `(1234, 'shift')` -> `1,234 shifts`. */
export const plural = (n: number, word: string): string =>
  `${numberFormat.format(n)} ${word}${n === 1 ? '' : 's'}`;
