/**
 * The "Lessons" menu (a menu button in the header) and the lesson panel. Choosing a lesson asks
 * before discarding a run that has steps, then sends `reset { config }` and `start` up to the
 * lesson's cap (lessonClaims.ts), and shows the lesson's explanation, what to watch and where it
 * stops in a dismissible panel.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveKey } from '../../../core/config';
import { LESSONS, lessonById, lessonText } from '../../lessons';
import type { Lesson } from '../../lessons';
import { useApp, useAppStore } from '../../storeContext';

export function LessonsMenu() {
  const { t } = useTranslation();
  const store = useAppStore();
  const ready = useApp((s) => s.phase === 'ready');
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const begin = (lesson: Lesson) => {
    const s = store.getState();
    s.reset(lesson.config);
    // A twin lesson: A as configured, B the same plus the regularizer (docs/twin-runs.md).
    if (lesson.twin) s.startTwin(lesson.twin.b);
    s.start(lesson.claims.stopAtStep);
    s.showLesson(lesson.id);
  };
  const choose = (lesson: Lesson) => {
    setOpen(false);
    store.getState().askReset(t('lessons.confirmWhat', { title: lessonText(lesson, t).title }), () => begin(lesson));
  };

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (j: number) => items[(j + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      setOpen(false);
      if (e.key === 'Escape') buttonRef.current?.focus();
      return;
    } else return;
    e.preventDefault();
  };

  return (
    <div className="lessons-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="lessons-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="lessons-list"
        disabled={!ready}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('lessons.menu')}
      </button>
      {open && (
        <ul id="lessons-list" role="menu" aria-label={t('lessons.menuLabel')} className="lessons-list" ref={menuRef} onKeyDown={onMenuKey}>
          {LESSONS.map((l) => {
            const words = lessonText(l, t);
            return (
              <li key={l.id} role="none">
                <button type="button" role="menuitem" onClick={() => choose(l)} data-lesson={l.id}>
                  <b>{words.title}</b>
                  <span>{words.summary}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The chosen lesson's explanation and what to watch, until dismissed. */
export function LessonPanel() {
  const { t } = useTranslation();
  const active = useApp((s) => s.activeLesson);
  const store = useAppStore();
  const ready = useApp((s) => s.phase === 'ready');
  const [tried, setTried] = useState<string | null>(null);
  const stopAt = useApp((s) => s.stopAt);
  const atCap = useApp((s) => s.stopAt !== null && s.step >= s.stopAt && !s.running);
  const lesson = active ? lessonById(active) : undefined;
  if (!lesson) return null;
  const words = lessonText(lesson, t);
  const cap = stopAt ?? lesson.claims.stopAtStep;
  const tryIt = () => {
    const s = store.getState();
    const change = lesson.tryIt!;
    const next = lesson.claims.tryIt?.stopAtStep;
    if (change.config) {
      // A new run to compare with this one: this one stays on the charts as a baseline (a full
      // baseline list says so in a notice, and the new run goes ahead), the new one trains to its cap.
      s.pinBaseline();
      s.reset(change.config);
      s.start(next);
    } else {
      for (const [k, v] of Object.entries(change.values)) s.setLive(k as LiveKey, v);
      // The change gets its own stretch of steps (and starts a run paused at the first cap).
      s.start(next !== undefined && s.step < next ? next : undefined);
    }
    setTried(lesson.id);
  };
  return (
    <aside className="lesson-panel" aria-labelledby="lesson-title" data-testid="lesson-panel">
      <div className="lesson-text">
        <h2 id="lesson-title">{t('lessons.panelTitle', { title: words.title })}</h2>
        <p data-testid="lesson-explanation">{words.explanation}</p>
      </div>
      <div className="lesson-watch">
        <h3>{t('lessons.watch')}</h3>
        <ul>
          {words.watch.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
        <p className="lesson-cap" data-testid="lesson-cap" data-at-cap={atCap}>
          {atCap ? t('lessons.pausedAt', { step: cap }) : t('lessons.stopsAt', { step: cap })}
        </p>
        {lesson.tryIt && words.tryIt && (
          <button type="button" disabled={!ready} onClick={tryIt}>
            {tried === lesson.id ? t('lessons.tried', { label: words.tryIt }) : words.tryIt}
          </button>
        )}
      </div>
      <button type="button" className="dismiss" aria-label={t('lessons.close')} onClick={() => store.getState().showLesson(null)}>
        ×
      </button>
    </aside>
  );
}
