/**
 * One live hyperparameter: a log-scale slider (with an "off" notch at the left end where 0 is
 * allowed), the value as an editable box, and a one-line explanation. Shows what the worker
 * applied; while a change is on its way the box shows the sent value, marked as pending. Names,
 * help and scale come from the live-controls table (lib/liveControls.ts).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyboardEvent } from 'react';
import { checkField } from '../../../core/config';
import { fieldErrorText } from '../../lib/fieldErrors';
import type { LiveKey } from '../../../core/config';
import { ladderOf, LIVE_CONTROLS } from '../../lib/liveControls';
import { decadeStep, formatHyperparam, parseHyperparam, positionOf, POSITIONS_PER_DECADE, valueAt } from '../../lib/logSlider';
import { shownValue } from '../../store/live';
import { useApp, useAppStore } from '../../storeContext';
import { useHidden } from '../../viewStore';
import { LR_DECAY_FLOOR } from '../../../core/train/lrSchedule';

/** A live slider, unless a classroom link hides it. */
export function HyperparamSlider({ field }: { field: LiveKey }) {
  return useHidden(field) ? null : <ShownSlider field={field} />;
}

function ShownSlider({ field }: { field: LiveKey }) {
  const id = useId();
  const { t, i18n } = useTranslation();
  const store = useAppStore();
  // Names and help in the page's language (the catalogues' live group mirrors LIVE_CONTROLS).
  const label = t(`live.${field}.label`);
  const shortLabel = t(`live.${field}.short`);
  const help = t(`live.${field}.help`, { floor: Math.round(LR_DECAY_FLOOR * 100) });
  const scaleHint = i18n.exists(`live.${field}.scaleHint`) ? t(`live.${field}.scaleHint`) : undefined;
  const ladder = ladderOf(field);
  const zeroIsOff = ladder.allowZero;

  const value = useApp((s) => shownValue(s, field));
  const isPending = useApp((s) => s.pending[field] !== undefined);
  const appliedSince = useApp((s) => s.appliedSince[field]);
  const ready = useApp((s) => s.phase === 'ready');

  const [draft, setDraft] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<string | null>(null);

  const position = value === undefined ? 0 : positionOf(ladder, value);
  // "off" is shown in the page's language and accepted in it as well as in English.
  const offWord = t('slider.off');
  const text = value === undefined ? '' : value === 0 && zeroIsOff ? offWord : formatHyperparam(value, zeroIsOff);
  const set = (v: number) => store.getState().setLive(field, v);

  const commitDraft = () => {
    if (draft === null) return;
    const parsed = zeroIsOff && draft.trim() === offWord ? 0 : parseHyperparam(draft, zeroIsOff);
    const err = parsed === null ? { message: t(zeroIsOff ? 'slider.typeNumberOrOff' : 'slider.typeNumber', { short: shortLabel }) } : checkField(field, parsed);
    if (err || parsed === null) {
      setDraftError(err ? fieldErrorText(field, parsed, err.message) : t('slider.notANumber'));
      return;
    }
    setDraft(null);
    setDraftError(null);
    if (parsed !== value) set(parsed);
  };

  const linear = LIVE_CONTROLS[field].scale.kind === 'linear';
  const onSliderKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (value === undefined) return;
    let next: number | null = null;
    // PageUp / PageDown: a whole decade (×10 / ÷10; ten notches on a linear slider).
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      const up = e.key === 'PageUp';
      next = linear ? valueAt(ladder, position + (up ? POSITIONS_PER_DECADE : -POSITIONS_PER_DECADE)) : decadeStep(ladder, value, up);
    }
    // Home: the left end ("off" where the field has it); End: the right end.
    else if (e.key === 'Home') next = ladder.values[0];
    else if (e.key === 'End') next = ladder.values[ladder.values.length - 1];
    if (next === null) return;
    e.preventDefault();
    if (next !== value) set(next);
  };

  return (
    <div className={`hyperparam${isPending ? ' is-pending' : ''}`}>
      <div className="hyperparam-head">
        <label htmlFor={`${id}-slider`}>{label}</label>
        <input
          className="hyperparam-value"
          data-testid={`value-${field}`}
          type="text"
          inputMode="decimal"
          spellCheck={false}
          aria-label={t('slider.value', { short: shortLabel })}
          aria-describedby={`${id}-help`}
          aria-invalid={draftError ? true : undefined}
          title={draftError ?? t(zeroIsOff ? 'slider.typeTitleOrOff' : 'slider.typeTitle')}
          disabled={!ready}
          value={draft ?? text}
          onChange={(e) => {
            setDraft(e.target.value);
            setDraftError(null);
          }}
          onFocus={(e) => e.target.select()}
          onBlur={() => {
            commitDraft();
            setDraft(null);
            setDraftError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitDraft();
            if (e.key === 'Escape') {
              setDraft(null);
              setDraftError(null);
            }
          }}
        />
      </div>
      <div className="hyperparam-track">
        <span className="hyperparam-end" aria-hidden="true">
          {zeroIsOff ? t('slider.off') : formatHyperparam(ladder.values[0])}
        </span>
        <input
          id={`${id}-slider`}
          className="hyperparam-slider"
          type="range"
          min={0}
          max={ladder.values.length - 1}
          step={1}
          value={position}
          disabled={!ready}
          aria-valuetext={text}
          aria-describedby={`${id}-help`}
          onChange={(e) => set(valueAt(ladder, Number(e.target.value)))}
          onKeyDown={onSliderKey}
          aria-keyshortcuts="PageUp PageDown Home End"
          title={t(zeroIsOff ? 'slider.keysOff' : 'slider.keys')}
        />
        <span className="hyperparam-end" aria-hidden="true">
          {formatHyperparam(ladder.max)}
        </span>
      </div>
      {draftError && (
        <p className="field-error" role="alert">
          {draftError}
        </p>
      )}
      <p className="help" id={`${id}-help`}>
        {help}{' '}
        <span className="hyperparam-applied" data-testid={`applied-${field}`}>
          {isPending ? t('slider.applying') : appliedSince !== undefined ? t('slider.appliedAt', { step: appliedSince }) : ''}
        </span>
        <span className="visually-hidden">
          {zeroIsOff ? ` ${t('slider.leftEndOff')}` : ''} {scaleHint ?? t('slider.logScale')} {zeroIsOff ? t('slider.homeOff') : ''}
        </span>
      </p>
    </div>
  );
}
