/**
 * The datasets window: every dataset with real examples, size, licence and credit, and the models
 * that fit it; the user's own images; and a canvas to draw 2-D data. Opened from the setup
 * pickers as a non-modal window, so the run stays in view and keeps training meanwhile.
 */
import { useHidden } from '../../viewStore';
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import type { TrainConfig } from '../../../core/config';
import type { DatasetInfo } from '../../../core/data/types';
import { modelsForShape, summarizeModel } from '../../../core/models/specs';
import type { ModelSummary } from '../../../core/models/specs';
import { describeCount, describeShape, hasPreview } from '../../lib/datasets';
import { formatCount } from '../../lib/format';
import { useApp, useAppStore } from '../../storeContext';
import { DatasetPreview } from './DatasetPreview';
import { DrawPoints } from './DrawPoints';
import { ImageUpload } from './ImageUpload';
import { OfflineDatasets } from './OfflineDatasets';
import './datasets.css';
import { className, datasetCredit, datasetDescription, datasetLicence, datasetName, modelLabel } from '../../lib/displayNames';

type Tab = 'datasets' | 'images' | 'draw';
/** The tabs in order; each one's name is datasets.tabs.<id> in the catalogues. */
const TABS: { id: Tab }[] = [{ id: 'datasets' }, { id: 'images' }, { id: 'draw' }];

/** The models that fit a dataset: the worker's list for the current one, else from the specs. */
function fittingModels(info: DatasetInfo, current: DatasetInfo | null, currentModels: ModelSummary[], latentDim: number): ModelSummary[] {
  if (current && info.id === current.id && currentModels.length) return currentModels;
  const z = info.recommended.latentDim ?? latentDim;
  return modelsForShape(info.shape).map((id) => summarizeModel(id, z));
}

function DatasetDetails({ info, onTrain }: { info: DatasetInfo; onTrain(info: DatasetInfo): void }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const preview = useApp((s) => s.previews[info.id]);
  const { current, models, latentDim, isCurrent } = useApp(
    useShallow((s) => ({ current: s.dataset, models: s.models, latentDim: s.config?.latentDim ?? 64, isCurrent: s.config?.dataset === info.id })),
  );
  useEffect(() => {
    if (hasPreview(info)) store.getState().previewDataset(info.id);
  }, [info, store]);
  const fits = useMemo(() => fittingModels(info, current, models, latentDim), [info, current, models, latentDim]);
  const recommended = info.recommended.model ?? fits[0]?.id;

  return (
    <div className="dataset-details" data-testid="dataset-details" aria-labelledby="dataset-details-title">
      <h3 id="dataset-details-title">{datasetName(info)}</h3>
      <div className="dataset-details-body">
        <DatasetPreview info={info} preview={preview} />
        <div className="dataset-facts">
          <p className="dataset-description">{datasetDescription(info)}</p>
          <dl>
            <dt>{t('datasets.size')}</dt>
            <dd data-testid="dataset-count">{describeCount(info)}</dd>
            <dt>{t('datasets.eachExample')}</dt>
            <dd>{describeShape(info)}</dd>
            <dt>{t('datasets.licence')}</dt>
            <dd data-testid="dataset-licence">{datasetLicence(info)}</dd>
            <dt>{t('datasets.credit')}</dt>
            <dd data-testid="dataset-credit">{datasetCredit(info)}</dd>
            {info.classNames && (
              <>
                <dt>{t('datasets.classes')}</dt>
                <dd>{info.classNames.map((_, k) => className(info.id, info.classNames, k)).join(t('datasets.listSeparator'))}</dd>
              </>
            )}
          </dl>
        </div>
      </div>
      <h4>{t('datasets.models')}</h4>
      <ul className="fitting-models" data-testid="fitting-models">
        {fits.map((m) => (
          <li key={m.id}>
            {modelLabel(m)}
            {m.id === recommended && <span className="tag">{t('datasets.recommended')}</span>}
            <span className="muted"> {t('datasets.params', { g: formatCount(m.generatorParams), d: formatCount(m.discriminatorParams) })}</span>
          </li>
        ))}
        {fits.length === 0 && <li>{t('datasets.noModels')}</li>}
      </ul>
      {isCurrent ? (
        <p className="muted">{t('datasets.isCurrent')}</p>
      ) : (
        <button type="button" className="primary" onClick={() => onTrain(info)}>
          {t('datasets.trainOn', { name: datasetName(info) })}
        </button>
      )}
    </div>
  );
}

export function DatasetPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const store = useAppStore();
  const { datasets, currentId } = useApp(useShallow((s) => ({ datasets: s.datasets, currentId: s.config?.dataset ?? null })));
  const [tab, setTab] = useState<Tab>('datasets');
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ datasets: null, images: null, draw: null });

  const shownId = hovered ?? selected ?? currentId;
  const shown = datasets.find((d) => d.id === shownId) ?? datasets[0];

  const askReset = (what: string, apply: () => void) => store.getState().askReset(what, apply);

  const trainOn = (info: DatasetInfo) => {
    const next: Partial<TrainConfig> = { dataset: info.id };
    if (!info.recommended.model) next.model = modelsForShape(info.shape)[0];
    askReset(t('confirmReset.what.dataset', { name: datasetName(info) }), () => store.getState().reset(next));
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((x) => x.id === tab);
    let j: number;
    if (e.key === 'ArrowRight') j = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') j = (i + TABS.length - 1) % TABS.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = TABS.length - 1;
    else return;
    e.preventDefault();
    setTab(TABS[j].id);
    tabRefs.current[TABS[j].id]?.focus();
  };

  return (
    <div className="dataset-panel">
      <div className="dataset-panel-head">
        <h2 id="datasets-title">{t('datasets.title')}</h2>
        <div role="tablist" aria-label={t('datasets.sources')} className="tabs" onKeyDown={onTabKey}>
          {TABS.map((x) => (
            <button
              key={x.id}
              ref={(el) => {
                tabRefs.current[x.id] = el;
              }}
              type="button"
              role="tab"
              id={`data-tab-${x.id}`}
              aria-selected={tab === x.id}
              aria-controls={`data-panel-${x.id}`}
              tabIndex={tab === x.id ? 0 : -1}
              onClick={() => setTab(x.id)}
            >
              {t(`datasets.tabs.${x.id}`)}
            </button>
          ))}
        </div>
        <button type="button" className="close-button" onClick={onClose} aria-label={t('datasets.close')}>
          ✕
        </button>
      </div>

      <div role="tabpanel" id="data-panel-datasets" aria-labelledby="data-tab-datasets" hidden={tab !== 'datasets'} className="datasets-tab">
        <ul className="dataset-list" aria-label={t('datasets.list')} onMouseLeave={() => setHovered(null)}>
          {datasets.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                aria-pressed={shown?.id === d.id}
                className={d.id === currentId ? 'is-current' : undefined}
                onClick={() => setSelected(d.id)}
                onMouseEnter={() => {
                  setHovered(d.id);
                  if (hasPreview(d)) store.getState().previewDataset(d.id);
                }}
                onFocus={() => setSelected(d.id)}
              >
                <span className="dataset-name">{datasetName(d)}</span>
                <span className="muted">
                  {describeCount(d)} · {describeShape(d)}
                  {d.id === currentId ? t('datasets.training') : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {shown && <DatasetDetails info={shown} onTrain={trainOn} />}
        <OfflineDatasets />
      </div>

      <div role="tabpanel" id="data-panel-images" aria-labelledby="data-tab-images" hidden={tab !== 'images'}>
        <ImageUpload onTrain={() => askReset(t('confirmReset.what.images'), () => store.getState().reset({ dataset: 'upload' }))} />
      </div>

      <div role="tabpanel" id="data-panel-draw" aria-labelledby="data-tab-draw" hidden={tab !== 'draw'}>
        <DrawPoints onTrain={(points) => askReset(t('confirmReset.what.drawing'), () => store.getState().useDrawnPoints(points))} />
      </div>
    </div>
  );
}

/** The button that opens the datasets window, and the window (portalled to <body>, non-modal). */
export function DatasetBrowser() {
  return useHidden('datasets') ? null : <DatasetBrowserShown />;
}

function DatasetBrowserShown() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Once opened, the panel stays mounted (hidden when closed), so a drawing or an upload result survives.
  const [mounted, setMounted] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  if (open && !mounted) setMounted(true);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      // show() focuses the first tab; keep the page where it was (the window is fixed in place).
      const x = window.scrollX;
      const y = window.scrollY;
      d.show();
      if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    } else if (!open && d.open) d.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="datasets-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t('datasets.openTitle')}
      >
        {t('datasets.open')}
      </button>
      {createPortal(
        <dialog
          ref={ref}
          className="dataset-dialog"
          aria-labelledby="datasets-title"
          onKeyDown={(e) => {
            const target = e.target as HTMLElement;
            if (e.key === 'Escape' && !e.defaultPrevented && target.tagName !== 'SELECT') {
              e.preventDefault();
              close();
            }
          }}
          onClose={() => setOpen(false)}
        >
          {(open || mounted) && <DatasetPanel onClose={close} />}
        </dialog>,
        document.body,
      )}
    </>
  );
}
