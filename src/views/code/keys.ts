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
 * True when a key pressed at `target` is the queue's to take: focus in the queue (`root`), on
 * the view tabs, or nowhere in particular; not in the filters, the import preview or a dialog.
 */
function inQueue(target: EventTarget | null, root: Element | null): boolean {
  if (!(target instanceof Element)) return true;
  if (target.closest('dialog, [role="dialog"]')) return false;
  if (target === document.body || target === document.documentElement) return true;
  return (root?.contains(target) ?? false) || target.closest('[role="tablist"]') !== null;
}

/**
 * The queue action of a key press, or null when the key is not the queue's: typed into a field,
 * held with Ctrl, Alt or Meta (the browser's shortcuts), or pressed outside the queue.
 * `queueAction({ key: '4', target: document.body, … }, queueSection)` -> `{ kind: 'code',
 * stance: 1 }`.
 */
export function queueAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'defaultPrevented'>,
  root: Element | null,
): QueueAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return null;
  if (takesTyping(e.target) || !inQueue(e.target, root)) return null;
  if (Object.hasOwn(STANCE_BY_KEY, e.key)) return { kind: 'code', stance: STANCE_BY_KEY[e.key] };
  return LETTERS.get(e.key.toLowerCase()) ?? null;
}
