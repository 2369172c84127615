import { describe, expect, it } from 'vitest';
import { queueAction } from '../../src/views/code/keys';

/** The queue's section, holding a button; a tab list and a filter checkbox beside it. */
const root = document.createElement('section');
const inside = document.createElement('button');
root.append(inside);
const tabs = document.createElement('div');
tabs.setAttribute('role', 'tablist');
const tab = document.createElement('button');
tabs.append(tab);
const facet = document.createElement('input');
facet.type = 'checkbox';
document.body.append(root, tabs, facet);

const press = (key: string, target: EventTarget | null = document.body, mods = {}) =>
  queueAction(
    {
      key,
      target,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      defaultPrevented: false,
      ...mods,
    },
    root,
  );

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
    root.append(text);
    expect(press('4', text)).toBeNull();
    const box = document.createElement('input');
    box.type = 'checkbox';
    root.append(box);
    expect(press('4', box)).toEqual({ kind: 'code', stance: 1 });
    expect(press('4', document.createElement('textarea'))).toBeNull();
    expect(press('4', document.createElement('select'))).toBeNull();
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(dialog);
    expect(press('4', button)).toBeNull();
  });

  it('takes keys in the queue, on the view tabs and with no focus, not in the filters', () => {
    expect(press('4', inside)).toEqual({ kind: 'code', stance: 1 });
    expect(press('n', tab)).toEqual({ kind: 'next' });
    expect(press('n', document.body)).toEqual({ kind: 'next' });
    expect(press('n', facet)).toBeNull();
  });
});
