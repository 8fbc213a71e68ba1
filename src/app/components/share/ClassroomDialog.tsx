/**
 * "Classroom link…": the teacher picks which control groups students do not see, whether
 * training starts on open and which lesson opens, then copies the link (TensorFlow Playground's
 * hide-controls idea). The link carries the run as it is now, or the chosen lesson's set-up.
 */
import { useModalDialog } from '../../lib/useModalDialog';
import { useState } from 'react';
import { LESSONS, lessonById } from '../../lessons';
import { CONTROL_GROUPS } from '../../lib/classroom';
import { encodeRunLink, linkDefaults } from '../../lib/runLink';
import { currentLink } from '../../linkSync';
import { useAppStore } from '../../storeContext';
import { useView } from '../../viewStore';
import { CopyLinkButton } from './CopyLinkButton';
import { EmbedCodeButton } from './EmbedCodeButton';

export function ClassroomDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const store = useAppStore();
  const ref = useModalDialog(open);
  const [hide, setHide] = useState<string[]>([]);
  const [autostart, setAutostart] = useState(true);
  const [lesson, setLesson] = useState('');

  const link = () => {
    const l = lesson ? lessonById(lesson) : undefined;
    const extra = { hide: CONTROL_GROUPS.map((g) => g.id).filter((id) => hide.includes(id)), autostart, lesson: l?.id ?? null };
    if (!l) return currentLink(store, extra);
    const s = store.getState();
    const q = encodeRunLink({
      config: l.config,
      defaults: linkDefaults(l.config.dataset, s.datasets),
      backend: s.backendRequested,
      view: { quality: null, projector: useView.getState().projector, ...extra },
    });
    return `${window.location.origin}${window.location.pathname}?${q}`;
  };

  const toggle = (id: string, on: boolean) => setHide((h) => (on ? [...h, id] : h.filter((x) => x !== id)));

  return (
    <dialog
      ref={ref}
      className="classroom-dialog"
      aria-labelledby="classroom-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="classroom-title">Classroom link</h2>
      <p>Students who open the link see only what you leave ticked off below, with a small “Show all controls” button to get the rest back.</p>
      <fieldset>
        <legend>Hide from students</legend>
        <div className="classroom-groups">
          {CONTROL_GROUPS.map((g) => (
            <label key={g.id}>
              <input type="checkbox" data-group={g.id} checked={hide.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} /> {g.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} /> Start training when the page opens
      </label>
      <label className="classroom-lesson">
        Lesson to open{' '}
        <select value={lesson} onChange={(e) => setLesson(e.target.value)}>
          <option value="">None: the current settings</option>
          {LESSONS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </select>
      </label>
      <label className="classroom-url">
        The link
        <input readOnly value={open ? link() : ''} data-testid="classroom-link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <CopyLinkButton getLink={link} label="Copy classroom link" />
        <EmbedCodeButton getLink={link} />
      </div>
    </dialog>
  );
}
