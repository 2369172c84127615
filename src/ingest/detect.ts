/**
 * Sniffing a CSV sample: delimiter and line ending. Both look only at whole lines (cut at a line
 * ending outside quotes), never at a trailing fragment, so the answer does not depend on where a
 * sample happened to be cut.
 */

export type Delimiter = ',' | ';' | '\t';
export type Newline = '\r\n' | '\n' | '\r';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

/** Lines looked at; enough to be sure, few enough to stay cheap on a 64 KiB sample. */
export const MAX_LINES = 50;

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface Line {
  start: number;
  end: number;
  newline: Newline;
}

/**
 * The whole lines of a sample (quoted line breaks stay inside their line). A final `\r` is left
 * out because the `\n` of a `\r\n` may be in the part of the file not sampled yet.
 */
function wholeLines(sample: string, max: number, complete = false): Line[] {
  const lines: Line[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < max; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF) {
      lines.push({ start, end: i, newline: '\n' });
      start = i + 1;
    } else if (c === CR) {
      if (i + 1 >= sample.length && !complete) break;
      const crlf = sample.charCodeAt(i + 1) === LF;
      lines.push({ start, end: i, newline: crlf ? '\r\n' : '\r' });
      if (crlf) i++;
      start = i + 1;
    }
  }
  return lines;
}

function countOutsideQuotes(text: string, delimiter: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) n++;
  }
  return n;
}

/**
 * The delimiter that splits the first whole lines most consistently into more than one field:
 * the share of lines with the header's field count, then the larger count. With no whole line
 * the sample is taken as one line; with no evidence at all, a comma.
 * `detectDelimiter('a;b;c\n1;"x, y";3\n')` -> `';'`.
 */
export function detectDelimiter(sample: string): Delimiter {
  const text = stripBom(sample);
  let lines = wholeLines(text, MAX_LINES).map((l) => text.slice(l.start, l.end));
  if (lines.length === 0) lines = [text];
  lines = lines.filter((l) => l.trim() !== '');
  let best: Delimiter = ',';
  let bestShare = 0;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const share = counts.filter((c) => c === headerCount).length / counts.length;
    if (share > bestShare || (share === bestShare && headerCount > bestCount)) {
      best = delimiter;
      bestShare = share;
      bestCount = headerCount;
    }
  }
  return best;
}

/**
 * The line ending most used by the whole lines of the sample, counting only line breaks outside
 * quotes (Excel writes `\n` inside cells of a `\r\n` file). `'\n'` when there is no whole line.
 * Pass `complete` when the sample is the whole file, so that a final `\r` counts as a line end.
 * `detectNewline('a,b\r\n"x\ny",2\r\n')` -> `'\r\n'`.
 */
export function detectNewline(sample: string, complete = false): Newline {
  const counts = new Map<Newline, number>();
  for (const line of wholeLines(sample, MAX_LINES, complete)) {
    counts.set(line.newline, (counts.get(line.newline) ?? 0) + 1);
  }
  let best: Newline = '\n';
  let bestCount = 0;
  // Map iteration follows first appearance, so a tie goes to the ending seen first.
  for (const [newline, count] of counts) {
    if (count > bestCount) {
      best = newline;
      bestCount = count;
    }
  }
  return best;
}

/** Drops a leading byte order mark: `stripBom('\uFEFFdate')` -> `'date'`. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Detection waits for this much text when the first lines are very long. */
export const SNIFF_CHARS = 64 * 1024;

/**
 * Counts the whole lines of a growing text, outside quotes, until detection has enough to read:
 * more than MAX_LINES whole lines or SNIFF_CHARS characters.
 */
export class LineWait {
  private pos = 0;
  private inQuotes = false;
  private lines = 0;

  /** True once `text` (the text so far, which only grows) is enough to detect from. */
  enough(text: string): boolean {
    if (text.length > SNIFF_CHARS) return true;
    let i = this.pos;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) this.inQuotes = !this.inQuotes;
      else if (this.inQuotes) continue;
      else if (c === LF) this.lines++;
      else if (c === CR) {
        // Whether this is `\r` or the start of `\r\n` shows only with the next character.
        if (i + 1 >= text.length) break;
        if (text.charCodeAt(i + 1) !== LF) this.lines++;
      }
    }
    this.pos = i;
    return this.lines > MAX_LINES;
  }
}
