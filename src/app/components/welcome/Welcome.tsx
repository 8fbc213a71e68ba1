/**
 * The first visit: a short welcome that says what the page is and offers a lesson (two of them
 * where L1 and L2 visibly matter) or a plain start. It opens only on a bare visit (no URL
 * parameters: a shared or classroom link already says what to show) and never again once
 * dismissed (prefs.ts, localStorage).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonById, lessonText } from '../../lessons';
import type { Lesson } from '../../lessons';
import { useModalDialog } from '../../lib/useModalDialog';
import { usePrefs } from '../../prefs';
import { useApp, useAppStore } from '../../storeContext';
import './welcome.css';

/** The lessons offered, in order: the classic failure first, then the two regularizer twins. */
const OFFERED = ['mode-collapse', 'l2-too-strong', 'l1-sparse'];

export function shouldWelcome(search: string, dismissed: boolean): boolean {
  return !dismissed && new URLSearchParams(search).size === 0;
}

export function Welcome() {
  const { t } = useTranslation();
  const store = useAppStore();
  const ready = useApp((s) => s.phase === 'ready');
  const [open, setOpen] = useState(() => shouldWelcome(window.location.search, usePrefs.getState().welcomeDismissed));
  const ref = useModalDialog(open);
  const lessons = OFFERED.map(lessonById).filter((l): l is Lesson => !!l);

  const dismiss = () => {
    usePrefs.getState().dismissWelcome();
    setOpen(false);
  };
  // Same steps as the Lessons menu: the lesson's run, its twin B if any, start, its panel.
  const begin = (lesson: Lesson) => {
    dismiss();
    const s = store.getState();
    s.reset(lesson.config);
    if (lesson.twin) s.startTwin(lesson.twin.b);
    s.start();
    s.showLesson(lesson.id);
  };
  const startPlain = () => {
    dismiss();
    store.getState().start();
  };

  return (
    <dialog
      ref={ref}
      className="welcome"
      aria-labelledby="welcome-title"
      aria-describedby="welcome-intro"
      onCancel={(e) => {
        e.preventDefault();
        dismiss();
      }}
    >
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p id="welcome-intro">
        {t('welcome.introStart')}
        <b>{t('welcome.generator')}</b>
        {t('welcome.introMiddle')}
        <b>{t('welcome.discriminator')}</b>
        {t('welcome.introEnd')}
        <b>{t('welcome.pReal')}</b>
        {t('welcome.introLast')}
      </p>
      <p>{t('welcome.lessonFirst')}</p>
      <ul className="welcome-lessons">
        {lessons.map((l) => (
          <li key={l.id}>
            <button type="button" data-welcome-lesson={l.id} disabled={!ready} onClick={() => begin(l)}>
              {lessonText(l, t).title}
            </button>{' '}
            <span>{lessonText(l, t).summary}</span>
          </li>
        ))}
      </ul>
      <p className="welcome-hint">{t('welcome.hint')}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={dismiss}>
          {t('welcome.explore')}
        </button>
        <button type="button" className="primary" disabled={!ready} onClick={startPlain}>
          {t('welcome.startRing')}
        </button>
      </div>
    </dialog>
  );
}
