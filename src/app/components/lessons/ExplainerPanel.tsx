/** "What am I looking at?": a short, plain-language guide to the screen (folded in projector mode). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useView } from '../../viewStore';

/**
 * A catalogue paragraph with its marks: `**bold**` and `__emphasis__` (the catalogue's messages
 * are plain ICU text; the marks keep each paragraph one message a translator can reorder).
 */
function markedText(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|__[^_]+__)/).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('__') && part.endsWith('__') && part.length > 4) return <em key={i}>{part.slice(2, -2)}</em>;
    return part;
  });
}

export function ExplainerPanel({ kind }: { kind: 'image' | 'points' | null }) {
  const { t } = useTranslation();
  const projector = useView((s) => s.projector);
  return (
    <details className="explainer" open={!projector}>
      <summary>{t('explainer.summary')}</summary>
      <p>{markedText(t('explainer.gan'))}</p>
      <p>{markedText(t(kind === 'points' ? 'explainer.points' : 'explainer.grid'))}</p>
      <p>{markedText(t('explainer.charts'))}</p>
      <p>{markedText(t('explainer.sliders'))}</p>
      <p>{markedText(t('explainer.try'))}</p>
    </details>
  );
}
