import { NATIVE_COLUMNS } from '../domain/types';
import type { ColumnCache } from '../query/types';
import {
  encodePortable,
  PORTABLE_MAX_URL_CHARS,
  PORTABLE_PREFIX,
  PORTABLE_SAFE_URL_CHARS,
  type PortablePayload,
} from '../url/portable';
import { nativeCells } from './statements';

/**
 * Copies text to the clipboard: the async Clipboard API first, then the older execCommand
 * path. Resolves false when neither works, so the caller can show the text to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Missing or refused (no permission, insecure context): fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let ok: boolean;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * The filtered statements as a portable payload: native columns, leaving out columns that are
 * empty in every row (they cost characters and carry nothing).
 */
export function portablePayload(
  cache: ColumnCache,
  rows: ArrayLike<number>,
  name: string,
): PortablePayload {
  const cells: string[][] = [];
  for (let i = 0; i < rows.length; i++) cells.push(nativeCells(cache, rows[i]));
  const keep = NATIVE_COLUMNS.map((_, c) => cells.some((row) => row[c] !== ''));
  const pick = (row: readonly string[]) => row.filter((_, c) => keep[c]);
  return { v: 1, name, rows: [pick(NATIVE_COLUMNS), ...cells.map(pick)] };
}

export type PortableLinkResult =
  | {
      ok: true;
      url: string;
      statements: number;
      /** Set when the link is longer than every tool keeps: where it may break. */
      caution: string | null;
    }
  | { ok: false; reason: string; statements: number; length: number };

/**
 * The view link with the statements in its `#fragment`, or why not: links longer than
 * PORTABLE_MAX_URL_CHARS are refused, because chat and mail tools cut or break them, and links
 * past PORTABLE_SAFE_URL_CHARS carry a caution naming the tools that may.
 *
 * `await portableLink('https://host/app/?q=truce', cache, [16], 'Shared view')` ->
 * `{ ok: true, url: 'https://host/app/?q=truce#d=…', statements: 1, caution: null }`.
 */
export async function portableLink(
  baseUrl: string,
  cache: ColumnCache,
  rows: ArrayLike<number>,
  name: string,
): Promise<PortableLinkResult> {
  const statements = rows.length;
  if (statements === 0) {
    return {
      ok: false,
      reason: 'No statements are in view: nothing to put in a link.',
      statements,
      length: 0,
    };
  }
  const fragment = await encodePortable(portablePayload(cache, rows, name));
  const url = `${baseUrl.replace(/#.*$/, '')}#${fragment}`;
  if (url.length > PORTABLE_MAX_URL_CHARS) {
    return {
      ok: false,
      statements,
      length: url.length,
      reason: `These ${statements.toLocaleString('en')} statements make a link of ${url.length.toLocaleString('en')} characters, over the limit of ${PORTABLE_MAX_URL_CHARS.toLocaleString('en')} characters that chat tools such as Slack, Teams and WhatsApp keep intact. Narrow the filters, or share the CSV export instead.`,
    };
  }
  const caution =
    url.length > PORTABLE_SAFE_URL_CHARS
      ? `This link is ${url.length.toLocaleString('en')} characters long: Slack, Teams, WhatsApp and webmail keep it whole, but Outlook, Discord and Telegram may cut links past ${PORTABLE_SAFE_URL_CHARS.toLocaleString('en')}.`
      : null;
  return { ok: true, url, statements, caution };
}

/** True when a URL fragment carries statements. */
export const hasPortableData = (hash: string) => hash.replace(/^#/, '').startsWith(PORTABLE_PREFIX);

/**
 * A payload back to CSV text for the importer. No formula neutralization here: the text goes
 * into our own parser, not a spreadsheet, and must arrive unchanged.
 */
export function payloadToCsv(payload: PortablePayload): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return payload.rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
