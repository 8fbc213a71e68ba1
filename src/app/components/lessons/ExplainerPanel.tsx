/** "What am I looking at?": a short, plain-language guide to the screen (folded in projector mode). */
import { useTranslation } from 'react-i18next';
import { markedText } from '../../i18n/markedText';
import { useView } from '../../viewStore';

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
