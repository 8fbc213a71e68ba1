/**
 * Keyboard shortcuts: Space Start/Pause, `.` or → one Step, `R` Reset (after asking), `?` the
 * help. They never fire while typing in a field, on a focused control that owns the key (Space
 * on a button, arrows on a slider), with a modifier held, or while a dialog is open.
 */
export type ShortcutAction = 'toggle' | 'step' | 'reset' | 'help' | null;

export interface Shortcut {
  keys: string[];
  /** What it does: also its key under shortcuts in the catalogues. */
  does: Exclude<ShortcutAction, null>;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['Space'], does: 'toggle' },
  { keys: ['.', '→'], does: 'step' },
  { keys: ['R'], does: 'reset' },
  { keys: ['?'], does: 'help' },
];

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Elements where Space (or Enter) already means "press me". */
const PRESSABLE = new Set(['BUTTON', 'SUMMARY', 'A']);

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: Element | null): ShortcutAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (target) {
    if (TYPING.has(target.tagName) || (target as HTMLElement).isContentEditable) return null;
    if (target.closest('dialog[open]')) return null;
    const role = target.getAttribute('role');
    if (role === 'slider' || role === 'menuitem' || role === 'tab') return null;
  }
  if (e.key === '?') return 'help';
  if (e.key === ' ' || e.key === 'Spacebar') return target && PRESSABLE.has(target.tagName) ? null : 'toggle';
  if (e.key === '.' || e.key === 'ArrowRight') return 'step';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  return null;
}
