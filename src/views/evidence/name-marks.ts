/**
 * Marks for names that may not be what they look like: a word whose letters come from more than
 * one script (`Vlаdimir Putin` with a Cyrillic `а` looks like the Latin name but is another
 * name to every filter and count), and characters that change the direction text is shown in
 * or are invisible (a right-to-left override shows `nitup` as `putin`). Shown as they are, such
 * names would pass for the real ones in the evidence panel.
 */

/** Scripts told apart, by the name the user reads. */
const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
];

/** Scripts that one language writes together: not a mix worth a mark. */
const WRITTEN_TOGETHER: readonly (readonly string[])[] = [
  ['Han', 'Hiragana', 'Katakana'],
  ['Han', 'Hangul'],
];

/** Characters that reorder or hide text, with their Unicode names. */
const CONTROLS: ReadonlyMap<number, string> = new Map([
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
]);

/** `0x430` -> `U+0430`. */
export const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is odd about a name; both lists empty when nothing is. */
export interface NameMarks {
  /** Each word that mixes scripts: the word, its scripts, and the letters not of its main one. */
  mixed: { word: string; scripts: string[]; odd: string[] }[];
  /** Each direction or invisible control, as `U+202E RIGHT-TO-LEFT OVERRIDE`, once. */
  controls: string[];
}

function scriptOf(ch: string): string | null {
  for (const [name, re] of SCRIPTS) if (re.test(ch)) return name;
  return null;
}

/**
 * The marks a name deserves.
 * `nameMarks('Vlаdimir')` (a Cyrillic а) ->
 * `{ mixed: [{ word: 'Vlаdimir', scripts: ['Latin', 'Cyrillic'], odd: ['U+0430 (Cyrillic)'] }], controls: [] }`;
 * `nameMarks('Sergey Lavrov')` -> `{ mixed: [], controls: [] }`.
 */
export function nameMarks(name: string): NameMarks {
  const controls = new Set<string>();
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    const label = CONTROLS.get(c);
    if (label) controls.add(`${codePoint(c)} ${label}`);
  }
  const mixed: NameMarks['mixed'] = [];
  for (const word of name.split(/[^\p{L}\p{M}]+/u)) {
    const counts = new Map<string, number>();
    for (const ch of word) {
      const script = scriptOf(ch);
      if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
    }
    const scripts = [...counts.keys()];
    if (scripts.length < 2) continue;
    if (WRITTEN_TOGETHER.some((group) => scripts.every((s) => group.includes(s)))) continue;
    // The script of most letters is the word's; the others' letters are listed.
    const main = scripts.reduce((a, b) => (counts.get(b)! > counts.get(a)! ? b : a));
    const odd = [...word]
      .filter((ch) => {
        const script = scriptOf(ch);
        return script !== null && script !== main;
      })
      .map((ch) => `${codePoint(ch.codePointAt(0)!)} (${scriptOf(ch)})`);
    mixed.push({ word, scripts, odd: [...new Set(odd)] });
  }
  return { mixed, controls: [...controls] };
}

/**
 * The marks of a name as sentences for the evidence panel (none for a plain name).
 * `markText('Vlаdimir')` -> `['mixes scripts in "Vlаdimir" (Latin, Cyrillic: U+0430 (Cyrillic))']`.
 */
export function markText(name: string): string[] {
  const { mixed, controls } = nameMarks(name);
  const out = mixed.map(
    ({ word, scripts, odd }) =>
      `mixes scripts in "${word}" (${scripts.join(', ')}: ${odd.join(', ')})`,
  );
  if (controls.length > 0)
    out.push(`contains direction or invisible controls (${controls.join(', ')})`);
  return out;
}
