/**
 * The first visit: a short welcome that says what the page is and offers a lesson (two of them
 * where L1 and L2 visibly matter) or a plain start. It opens only on a bare visit (no URL
 * parameters: a shared or classroom link already says what to show) and never again once
 * dismissed (prefs.ts, localStorage).
 */
import { useState } from 'react';
import { lessonById } from '../../lessons';
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
      <h2 id="welcome-title">Welcome to GAN Playground</h2>
      <p id="welcome-intro">
        Two small networks train against each other in your browser: the <b>generator (G)</b> turns random noise into fakes, the <b>discriminator (D)</b> looks
        at real and fake samples and says how sure it is that each is real, <b>P(real)</b>. Each gets better by beating the other.
      </p>
      <p>Start with a lesson: it sets up a run, trains it and says what to watch.</p>
      <ul className="welcome-lessons">
        {lessons.map((l) => (
          <li key={l.id}>
            <button type="button" data-welcome-lesson={l.id} disabled={!ready} onClick={() => begin(l)}>
              {l.title}
            </button>{' '}
            <span>{l.summary}</span>
          </li>
        ))}
      </ul>
      <p className="welcome-hint">
        The two side-by-side lessons show what the L1 and L2 sliders do. The Lessons menu at the top has more; the symbols are explained under “What the symbols
        mean” above the charts.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={dismiss}>
          Just explore
        </button>
        <button type="button" className="primary" disabled={!ready} onClick={startPlain}>
          Start training the ring
        </button>
      </div>
    </dialog>
  );
}
