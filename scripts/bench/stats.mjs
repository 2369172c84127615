/**
 * Pure helpers for the benchmark: summaries of samples and the printed table. No I/O here, so
 * they can be read (and trusted) on their own.
 */

/**
 * The value at quantile `q` by the nearest-rank rule (no interpolation, so it is a time that was
 * actually measured). `quantile([5, 1, 4, 2, 3], 0.5)` -> 3; `quantile([...20 values], 0.95)` ->
 * the 19th smallest.
 * @param {readonly number[]} values
 * @param {number} q in [0, 1]
 * @returns {number} NaN for no values
 */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/**
 * Median, min and max of the runs (the median of an even count is the mean of the middle two).
 * `summarize([3, 1, 2, 10])` -> `{ median: 2.5, min: 1, max: 10, runs: 4 }`.
 * @param {readonly number[]} values
 * @returns {{ median: number, min: number, max: number, runs: number }}
 */
export function summarize(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], runs: n };
}

/**
 * A figure for the table, in its unit: `formatValue(1234.5, 'ms')` -> `1,235 ms`,
 * `formatValue(8.25, 'ms')` -> `8.3 ms`, `formatValue(153_210, 'rows/s')` -> `153k rows/s`,
 * `formatValue(81_234, 'B')` -> `79.3 KB`, `formatValue(0.512, '%')` -> `51%`.
 * @param {number} value
 * @param {string} unit
 * @returns {string}
 */
export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
      return value >= 100
        ? `${Math.round(value).toLocaleString('en')} ms`
        : `${value.toFixed(1)} ms`;
    case 'rows/s':
      return value >= 1e6
        ? `${(value / 1e6).toFixed(2)}M rows/s`
        : `${Math.round(value / 1000).toLocaleString('en')}k rows/s`;
    case 'B':
      return value >= 1024 * 1024
        ? `${(value / 1024 / 1024).toFixed(1)} MB`
        : `${(value / 1024).toFixed(1)} KB`;
    case '%':
      return `${Math.round(value * 100)}%`;
    default:
      return `${Math.round(value * 10) / 10} ${unit}`;
  }
}

/**
 * Lays out rows of cells as a Markdown table (also readable in a terminal), columns padded to
 * their widest cell. `markdownTable(['a', 'b'], [['1', '22']])` ->
 * `| a | b  |\n| - | -- |\n| 1 | 22 |`.
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @returns {string}
 */
export function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * One row of the results table for a figure measured over runs. A figure that could not be
 * measured carries `note` instead of values ("n/a: no zoom yet").
 * `figureRow({ name: 'x', unit: 'ms', values: [1, 3, 2], target: '50 ms' })` ->
 *   `['x', '2.0 ms', '1.0 ms', '3.0 ms', '3', '50 ms', '']`.
 * @param {{ name: string, unit: string, values?: number[], target?: string, note?: string,
 *   display?: string }} figure
 * @returns {string[]}
 */
export function figureRow(figure) {
  const s = summarize(figure.values ?? []);
  if (s.runs === 0) {
    return [
      figure.name,
      figure.display ?? 'n/a',
      '',
      '',
      '0',
      figure.target ?? '',
      figure.note ?? '',
    ];
  }
  const f = (v) => formatValue(v, figure.unit);
  return [
    figure.name,
    figure.display ?? f(s.median),
    f(s.min),
    f(s.max),
    String(s.runs),
    figure.target ?? '',
    figure.note ?? '',
  ];
}
