/**
 * The latent walk's "Export WebM" button: a progress bar with the frames encoded and a Cancel
 * button while the worker encodes, the reason when it fails. Where this browser has no
 * WebCodecs VideoEncoder the button is off and says so; the GIF export beside it still works.
 */
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../storeContext';
import { webmSupported } from '../../store/latentVideo';

export function WebmExport({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const status = useApp((s) => s.latentWebm);
  const supported = webmSupported();
  const busy = status !== null && !status.error;
  return (
    <span className="latent-gif latent-webm" aria-live="polite">
      <button
        type="button"
        onClick={() => store.getState().exportLatentWebm()}
        disabled={busy || !ready || !supported}
        aria-describedby={supported ? undefined : 'webm-unsupported'}
        title={!supported ? t('latent.webmUnsupported') : ready ? t('latent.webmTitle') : t('latent.gifWait')}
        data-testid="latent-webm"
      >
        {t('latent.exportWebm')}
      </button>
      {!supported && (
        <span className="export-error" id="webm-unsupported">
          {t('latent.webmUnsupported')}
        </span>
      )}
      {busy && (
        <>
          <progress max={status.total} value={status.encoded} aria-label={t('latent.webmProgress')} data-testid="latent-webm-progress" />
          <span className="webm-count" data-testid="latent-webm-count">
            {t('latent.webmCount', { encoded: status.encoded, total: status.total })}
          </span>
          <button type="button" onClick={() => store.getState().cancelLatentWebm()}>
            {t('latent.webmCancel')}
          </button>
        </>
      )}
      {status?.error && (
        <span className="export-error">
          {status.error}{' '}
          <button type="button" onClick={() => store.getState().cancelLatentWebm()}>
            {t('latent.webmDismiss')}
          </button>
        </span>
      )}
    </span>
  );
}
