/**
 * A catalogue message with marks, as React nodes: `**bold**` and `__emphasis__`. The catalogues'
 * messages are plain ICU text; the marks keep a paragraph with bold words one message that a
 * translator can reorder (docs/i18n.md).
 */
import type { ReactNode } from 'react';

export function markedText(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|__[^_]+__)/).map((part, i) => {
    if (part.length > 4 && part.startsWith('**') && part.endsWith('**')) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.length > 4 && part.startsWith('__') && part.endsWith('__')) return <em key={i}>{part.slice(2, -2)}</em>;
    return part;
  });
}
