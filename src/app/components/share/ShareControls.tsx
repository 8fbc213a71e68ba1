/**
 * The header's sharing and teaching tools: Copy link, Classroom link…, Projector mode, the
 * shortcut help, and — on a classroom link — "Show all controls". Also owns the shortcuts' key
 * listener (R goes through the store's askReset, so it asks before a run is lost).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../../i18n/i18n';
import { currentLink } from '../../linkSync';
import { useAppStore } from '../../storeContext';
import { useView } from '../../viewStore';
import { ClassroomDialog } from './ClassroomDialog';
import { CopyLinkButton } from './CopyLinkButton';
import { ShortcutHelp } from './ShortcutHelp';
import { shortcutFor } from './shortcuts';

export function ShareControls() {
  const { t } = useTranslation();
  const store = useAppStore();
  const projector = useView((s) => s.projector);
  const hidden = useView((s) => s.hidden.length > 0);
  const [classroom, setClassroom] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, e.target instanceof Element ? e.target : null);
      if (!action) return;
      const s = store.getState();
      const view = useView.getState();
      if (action === 'help') view.setHelpOpen(!view.helpOpen);
      else if (s.phase !== 'ready') return;
      else if (action === 'toggle') {
        if (s.running) s.pause();
        else s.start();
      } else if (action === 'step') {
        if (!s.running) s.stepOnce();
      } else if (action === 'reset') s.askReset(translate('confirmReset.what.weights'), () => s.reset());
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('projector', projector);
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => root.classList.toggle('theme-dark', projector || !!dark?.matches);
    apply();
    dark?.addEventListener('change', apply);
    return () => dark?.removeEventListener('change', apply);
  }, [projector]);

  return (
    <div className="share-controls" role="group" aria-label={t('share.group')}>
      {hidden && (
        <button type="button" className="show-all" onClick={() => useView.getState().setHidden([])}>
          {t('share.showAll')}
        </button>
      )}
      <CopyLinkButton getLink={() => currentLink(store)} />
      <button type="button" onClick={() => setClassroom(true)}>
        {t('share.classroom')}
      </button>
      <button type="button" aria-pressed={projector} onClick={() => useView.getState().setProjector(!projector)} title={t('share.projectorTitle')}>
        {t('share.projector')}
      </button>
      <button type="button" aria-label={t('share.shortcuts')} title={t('share.shortcutsTitle')} onClick={() => useView.getState().setHelpOpen(true)}>
        ?
      </button>
      <ClassroomDialog open={classroom} onClose={() => setClassroom(false)} />
      <ShortcutHelp />
    </div>
  );
}
