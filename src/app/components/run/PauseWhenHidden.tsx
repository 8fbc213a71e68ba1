/** The "Pause training while this tab is hidden" preference (prefs.ts, hiddenPause.ts). */
import { usePrefs } from '../../prefs';

export function PauseWhenHidden() {
  const on = usePrefs((s) => s.pauseWhenHidden);
  const set = usePrefs((s) => s.setPauseWhenHidden);
  return (
    <label
      className="pause-hidden"
      title="Saves battery and CPU while you look elsewhere; training starts again when you come back (only if it was training). Remembered in this browser."
    >
      <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} /> Pause training while this tab is hidden
    </label>
  );
}
