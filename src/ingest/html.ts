/**
 * HTML in text cells (scraped statements, TimelineJS sheets) as plain text: tags dropped (with
 * the content of script and style elements), entities decoded. The app shows text only, never
 * markup, so this runs before a record is stored.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  euro: '\u20ac',
  pound: '\u00a3',
  copy: '\u00a9',
  reg: '\u00ae',
  deg: '\u00b0',
  shy: '',
  zwnj: '',
  zwj: '',
};

const TAGGED = /<[a-zA-Z!/]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/;
const ELEMENT_WITH_BODY = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-zA-Z][^<>]*>/g;
const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g;

/**
 * True when the text holds a tag or an entity. Two indexOf scans first: they cost a fraction of
 * the regex's scan, and almost no cell of a statements file has a `<` or an `&`.
 */
export function hasMarkup(text: string): boolean {
  if (text.indexOf('<') < 0 && text.indexOf('&') < 0) return false;
  return TAGGED.test(text);
}

/** One entity's text: `&#8212;` -> '—'; an unknown name stays as written. */
function entity(whole: string, body: string): string {
  if (body[0] === '#') {
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    // Control characters and lone surrogates stay out, as cleanText keeps them out.
    if (code < 32 || (code >= 0x7f && code < 0xa0) || code > 0x10ffff) return '';
    if (code >= 0xd800 && code <= 0xdfff) return '';
    return String.fromCodePoint(code);
  }
  return NAMED[body.toLowerCase()] ?? whole;
}

/**
 * The plain text of a cell that may hold HTML; text without markup is returned as is.
 * `htmlToText('<p>Talks <b>resume</b> &amp; continue</p>')` -> 'Talks resume & continue';
 * `htmlToText('<script>alert(1)</script>Hi&nbsp;there')` -> 'Hi there'; `htmlToText('a < b')` -> 'a < b'.
 */
export function htmlToText(text: string): string {
  if (!hasMarkup(text)) return text;
  return text
    .replace(ELEMENT_WITH_BODY, ' ')
    .replace(COMMENT, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(TAG, ' ')
    .replace(ENTITY, entity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}
