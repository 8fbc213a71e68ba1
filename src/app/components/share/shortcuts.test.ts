import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

/** Just enough of an Element for shortcutFor. */
function el(tagName: string, { role = null as string | null, inDialog = false, editable = false } = {}): Element {
  return {
    tagName,
    isContentEditable: editable,
    getAttribute: (n: string) => (n === 'role' ? role : null),
    closest: (sel: string) => (sel === 'dialog[open]' && inDialog ? ({} as Element) : null),
  } as unknown as Element;
}
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps Space, . and →, R and ? on the page', () => {
    const body = el('BODY');
    expect(shortcutFor(key(' '), body)).toBe('toggle');
    expect(shortcutFor(key('.'), body)).toBe('step');
    expect(shortcutFor(key('ArrowRight'), body)).toBe('step');
    expect(shortcutFor(key('r'), body)).toBe('reset');
    expect(shortcutFor(key('R'), body)).toBe('reset');
    expect(shortcutFor(key('?'), body)).toBe('help');
    expect(shortcutFor(key('x'), body)).toBeNull();
  });

  it('never fires while typing, on a slider, in a dialog or with a modifier', () => {
    for (const t of [
      el('INPUT'),
      el('TEXTAREA'),
      el('SELECT'),
      el('DIV', { editable: true }),
      el('DIV', { role: 'slider' }),
      el('BUTTON', { inDialog: true }),
    ]) {
      for (const k of [' ', '.', 'ArrowRight', 'r', '?']) expect(shortcutFor(key(k), t)).toBeNull();
    }
    expect(shortcutFor(key('r', { ctrlKey: true }), el('BODY'))).toBeNull();
    expect(shortcutFor(key('r', { metaKey: true }), el('BODY'))).toBeNull();
  });

  it('leaves Space to a focused button (it presses the button), but still steps with →', () => {
    expect(shortcutFor(key(' '), el('BUTTON'))).toBeNull();
    expect(shortcutFor(key(' '), el('SUMMARY'))).toBeNull();
    expect(shortcutFor(key('ArrowRight'), el('BUTTON'))).toBe('step');
  });
});
