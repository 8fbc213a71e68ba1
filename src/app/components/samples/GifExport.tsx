/** The latent explorer's "Export GIF" button with its progress bar and failure, for one strip. */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';
import type { LatentGifTarget } from '../../store/latent';

export function GifExport({ target, ready }: { target: LatentGifTarget; ready: boolean }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const status = useApp((s) => s.latentGif);
  const busy = status !== null && !status.error;
  const mine = status?.target === target ? status : null;
  return (
    <span className="latent-gif" aria-live="polite">
      <button
        type="button"
        onClick={() => store.getState().exportLatentGif(target)}
        disabled={busy || !ready}
        title={ready ? t('latent.gifTitle') : t('latent.gifWait')}
        data-testid={`latent-gif-${target}`}
      >
        {t('latent.exportGif')}
      </button>
      {mine && !mine.error && <progress max={1} value={mine.fraction} aria-label={t('latent.gifProgress')} data-testid={`latent-gif-progress-${target}`} />}
      {mine?.error && <span className="export-error">{t('latent.gifFailed', { detail: mine.error })}</span>}
    </span>
  );
}
