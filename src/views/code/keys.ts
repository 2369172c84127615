/** The coding queue's keys: which action a key press asks for, and when keys are the page's. */
import { STANCE_BY_KEY } from '../../domain/edits';
import type { StanceValue } from '../../domain/types';

export type QueueAction =
  | { kind: 'code'; stance: StanceValue }
  | { kind: 'conditional' }
  | { kind: 'topic' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'undo' };

const LETTERS = new Map<string, QueueAction>([
  ['c', { kind: 'conditional' }],
  ['t', { kind: 'topic' }],
  ['n', { kind: 'next' }],
  ['p', { kind: 'previous' }],
  ['u', { kind: 'undo' }],
]);

/** True for a target that takes typing: a text field, a select, an editable element. */
export function takesTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * The queue action of a key press, or null when the key is not the queue's: typed into a field,
 * held with Ctrl, Alt or Meta (the browser's shortcuts), or pressed in a dialog.
 * `queueAction({ key: '4' })` -> `{ kind: 'code', stance: 1 }`.
 */
export function queueAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'defaultPrevented'>,
): QueueAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return null;
  if (takesTyping(e.target)) return null;
  if (e.target instanceof Element && e.target.closest('dialog, [role="dialog"]')) return null;
  if (Object.hasOwn(STANCE_BY_KEY, e.key)) return { kind: 'code', stance: STANCE_BY_KEY[e.key] };
  return LETTERS.get(e.key.toLowerCase()) ?? null;
}
