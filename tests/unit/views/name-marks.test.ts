import { describe, expect, it } from 'vitest';
import { markText, nameMarks } from '../../../src/views/evidence/name-marks';

describe('names that may not be what they look like', () => {
  it.each([
    'Sergey Lavrov',
    'Сергей Лавров',
    'Łukasz Nowak',
    'Volodymyr Zelenskiy',
    'Putin (Путин)',
    'Ολάφ Σολτς',
    'عبد الله',
    '岸田文雄',
    'きしだ ふみお 岸田',
    '윤석열 尹錫悅',
    'nato-membership-ukraine',
    '',
  ])('leaves %s unmarked', (name) => {
    expect(nameMarks(name)).toEqual({ mixed: [], controls: [] });
    expect(markText(name)).toEqual([]);
  });

  it('marks a Latin name with a Cyrillic letter, naming the letter', () => {
    const name = 'Vl\u0430dimir Putin';
    expect(nameMarks(name)).toEqual({
      mixed: [
        { word: 'Vl\u0430dimir', scripts: ['Latin', 'Cyrillic'], odd: ['U+0430 (Cyrillic)'] },
      ],
      controls: [],
    });
    expect(markText(name)).toEqual([
      'mixes scripts in "Vl\u0430dimir" (Latin, Cyrillic: U+0430 (Cyrillic))',
    ]);
  });

  it('marks a Cyrillic name with Latin letters and a Greek one', () => {
    expect(nameMarks('Лaвpоο').mixed[0]).toMatchObject({
      scripts: ['Cyrillic', 'Latin', 'Greek'],
      odd: ['U+0061 (Latin)', 'U+0070 (Latin)', 'U+03BF (Greek)'],
    });
  });

  it('marks direction overrides, isolates and invisible characters, once each, by code point', () => {
    const name = '\u202Enitup\u202C Vladimir\u200B \u2067x\u2069\u202E';
    expect(nameMarks(name).controls).toEqual([
      'U+202E RIGHT-TO-LEFT OVERRIDE',
      'U+202C POP DIRECTIONAL FORMATTING',
      'U+200B ZERO WIDTH SPACE',
      'U+2067 RIGHT-TO-LEFT ISOLATE',
      'U+2069 POP DIRECTIONAL ISOLATE',
    ]);
    expect(markText('a\u200Fb')).toEqual([
      'contains direction or invisible controls (U+200F RIGHT-TO-LEFT MARK)',
    ]);
  });
});
