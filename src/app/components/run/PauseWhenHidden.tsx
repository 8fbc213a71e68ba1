/** The "Pause training while this tab is hidden" preference (prefs.ts, hiddenPause.ts). */
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../prefs';

export function PauseWhenHidden() {
  const { t } = useTranslation();
  const on = usePrefs((s) => s.pauseWhenHidden);
  const set = usePrefs((s) => s.setPauseWhenHidden);
  return (
    <label className="pause-hidden" title={t('run.pauseHiddenTitle')}>
      <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} /> {t('run.pauseHidden')}
    </label>
  );
}
