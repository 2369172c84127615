import { describe, expect, it } from 'vitest';
import { queueAction } from '../../src/views/code/keys';

const press = (key: string, target: EventTarget | null = document.body, mods = {}) =>
  queueAction({
    key,
    target,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    defaultPrevented: false,
    ...mods,
  });

describe('queueAction', () => {
  it('reads 1-5 as the stance scale and the letters in either case', () => {
    expect(['1', '2', '3', '4', '5'].map((k) => press(k))).toEqual(
      [-2, -1, 0, 1, 2].map((stance) => ({ kind: 'code', stance })),
    );
    expect(press('N')).toEqual({ kind: 'next' });
    expect(press('p')).toEqual({ kind: 'previous' });
    expect(press('u')).toEqual({ kind: 'undo' });
    expect(press('c')).toEqual({ kind: 'conditional' });
    expect(press('t')).toEqual({ kind: 'topic' });
    expect(press('6')).toBeNull();
    expect(press('constructor')).toBeNull();
  });

  it('leaves the browser’s shortcuts, typing and dialogs alone', () => {
    expect(press('4', document.body, { ctrlKey: true })).toBeNull();
    expect(press('n', document.body, { metaKey: true })).toBeNull();
    expect(press('4', document.body, { defaultPrevented: true })).toBeNull();
    const text = document.createElement('input');
    expect(press('4', text)).toBeNull();
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(press('4', box)).toEqual({ kind: 'code', stance: 1 });
    expect(press('4', document.createElement('textarea'))).toBeNull();
    expect(press('4', document.createElement('select'))).toBeNull();
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const inside = document.createElement('button');
    dialog.append(inside);
    expect(press('4', inside)).toBeNull();
  });
});
