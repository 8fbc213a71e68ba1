/**
 * "What the symbols mean": every symbol the charts and sliders use, one tap (or Enter) away, in a
 * disclosure above the charts. Plain text, so a screen reader reads it like the rest of the page.
 */
import { useTranslation } from 'react-i18next';

/** The symbols, in order: each one's key under glossary.items (symbol and meaning) in the catalogues. */
const SYMBOLS = ['g', 'd', 'pReal', 'dRealFake', 'losses', 'l1', 'l2', 'r1', 'sigma', 'lr'] as const;

export function Glossary() {
  const { t } = useTranslation();
  return (
    <details className="glossary" data-testid="glossary">
      <summary>{t('glossary.title')}</summary>
      <dl>
        {SYMBOLS.map((id) => (
          <div key={id}>
            <dt>{t(`glossary.items.${id}.symbol`)}</dt>
            <dd>{t(`glossary.items.${id}.meaning`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
