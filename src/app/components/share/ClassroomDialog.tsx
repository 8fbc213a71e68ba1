/**
 * "Classroom link…": the teacher ticks what students see (TensorFlow Playground's hide-controls
 * idea), whether training starts on open and which lesson opens, then copies the link or shows its
 * QR code. The link carries the run as it is now, or the chosen lesson's set-up, never the
 * teacher's own projector mode.
 */
import { useModalDialog } from '../../lib/useModalDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSONS, lessonById, lessonText } from '../../lessons';
import { CONTROL_GROUPS } from '../../lib/classroom';
import { encodeRunLink, linkDefaults } from '../../lib/runLink';
import { currentLink } from '../../linkSync';
import { useAppStore } from '../../storeContext';
import { CopyLinkButton } from './CopyLinkButton';
import { QrCode } from './QrCode';

const ALL_GROUPS = CONTROL_GROUPS.map((g) => g.id);
import { EmbedCodeButton } from './EmbedCodeButton';

export function ClassroomDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const store = useAppStore();
  const ref = useModalDialog(open);
  const [hide, setHide] = useState<string[]>([]);
  const [autostart, setAutostart] = useState(true);
  const [lesson, setLesson] = useState('');
  const [bigQr, setBigQr] = useState(false);

  const link = () => {
    const l = lesson ? lessonById(lesson) : undefined;
    // Projector mode is the teacher's screen, not the students'.
    const extra = { hide: ALL_GROUPS.filter((id) => hide.includes(id)), autostart, lesson: l?.id ?? null, projector: false };
    if (!l) return currentLink(store, extra);
    const s = store.getState();
    const q = encodeRunLink({
      config: l.config,
      defaults: linkDefaults(l.config.dataset, s.datasets),
      backend: s.backendRequested,
      view: { quality: null, ...extra },
    });
    return `${window.location.origin}${window.location.pathname}?${q}`;
  };
  const url = open ? link() : '';

  // A hideable group's name: the four panels by name, a slider as "Slider: " and its own label.
  const groupLabel = (id: string) =>
    i18n.exists(`classroom.groups.${id}`) ? t(`classroom.groups.${id}`) : t('classroom.groups.slider', { name: t(`live.${id}.label`) });
  const show = (id: string, on: boolean) => setHide((h) => (on ? h.filter((x) => x !== id) : [...h, id]));

  return (
    <dialog
      ref={ref}
      className={`classroom-dialog${bigQr ? ' big-qr' : ''}`}
      aria-labelledby="classroom-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="classroom-title">{t('classroom.title')}</h2>
      <div className="classroom-body">
        <div className="classroom-options">
          <p>{t('classroom.intro')}</p>
          <fieldset>
            <legend>{t('classroom.studentsSee')}</legend>
            <div className="classroom-all">
              <button type="button" onClick={() => setHide([])}>
                {t('classroom.tickAll')}
              </button>
              <button type="button" onClick={() => setHide(ALL_GROUPS)}>
                {t('classroom.untickAll')}
              </button>
            </div>
            <div className="classroom-groups">
              {CONTROL_GROUPS.map((g) => (
                <label key={g.id}>
                  <input type="checkbox" data-group={g.id} checked={!hide.includes(g.id)} onChange={(e) => show(g.id, e.target.checked)} /> {groupLabel(g.id)}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            <input type="checkbox" checked={autostart} onChange={(e) => setAutostart(e.target.checked)} /> {t('classroom.autostart')}
          </label>
          <label className="classroom-lesson">
            {t('classroom.lesson')}{' '}
            <select value={lesson} onChange={(e) => setLesson(e.target.value)}>
              <option value="">{t('classroom.noLesson')}</option>
              {LESSONS.map((l) => (
                <option key={l.id} value={l.id}>
                  {lessonText(l, t).title}
                </option>
              ))}
            </select>
          </label>
        </div>
        <figure className="classroom-qr">
          <QrCode text={url} label={t('classroom.qrLabel')} />
          <figcaption>
            {t('classroom.scan', { n: url.length })}{' '}
            <button type="button" aria-pressed={bigQr} onClick={() => setBigQr(!bigQr)}>
              {bigQr ? t('classroom.smallerQr') : t('classroom.largerQr')}
            </button>
          </figcaption>
        </figure>
      </div>
      <label className="classroom-url">
        {t('classroom.link')}
        <input readOnly value={url} data-testid="classroom-link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      {/* One row of actions: more buttons (an embed code, say) go here. */}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          {t('classroom.close')}
        </button>
        <CopyLinkButton getLink={link} label={t('classroom.copy')} />
        <EmbedCodeButton getLink={link} />
      </div>
    </dialog>
  );
}
