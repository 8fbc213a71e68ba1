/**
 * The structural choices: dataset, conditional (ask for a class), model, loss, batch size, D steps per G step, latent noise σ, training examples, seed. Each needs
 * new networks, so a change asks first (when there is a run to lose) and then resets.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { CONFIG_FIELDS, LOSS_IDS, checkField } from '../../../core/config';
import { fieldErrorText } from '../../lib/fieldErrors';
import type { LossId, TrainConfig } from '../../../core/config';
import { modelsForShape } from '../../../core/models/specs';
import { conditionalClasses } from '../../../core/runConfig';
import { formatCount, modelOptionLabel, speedHint } from '../../lib/format';
import { useApp, useAppStore } from '../../storeContext';
import { DatasetBrowser } from '../datasets/DatasetPanel';
import { t as translate } from '../../i18n/i18n';
import { datasetName, modelLabel } from '../../lib/displayNames';

/** Each loss's key under setup.losses in the catalogues. */
const LOSS_KEYS: Record<LossId, string> = {
  nonsaturating: 'nonsaturating',
  minimax: 'minimax',
  wasserstein: 'wasserstein',
  hinge: 'hinge',
  'least-squares': 'leastSquares',
};

/** A loss's name in the page's language. */
export const lossLabel = (id: LossId): string => translate(`setup.losses.${LOSS_KEYS[id]}`);

const BATCH_SIZES = [8, 16, 32, 64, 128, 256, 512];
const LATENT_STDS = [0.25, 0.5, 1, 2, 4, 8];
/** Small training sets (0 = all), for seeing D memorise one (the lesson "D overfits a small dataset"). */
const TRAIN_LIMITS = [0, 128, 256, 512, 1000, 2000];

/** The preset list plus the value in force when a URL or saved run set another. */
function withCurrent(options: number[], current: number | undefined): number[] {
  return current !== undefined && !options.includes(current) ? [...options, current].sort((a, b) => a - b) : options;
}

export function RunSetupPickers() {
  const { t } = useTranslation();
  const store = useAppStore();
  const { config, datasets, models, model, backend, imagesPerSec, ready, dataset } = useApp(
    useShallow((s) => ({
      config: s.config,
      dataset: s.dataset,
      datasets: s.datasets,
      models: s.models,
      model: s.model,
      backend: s.backend?.name ?? null,
      // Rounded to two significant digits for the speed hints: the exact rate changes ~10 times a
      // second and would re-render the whole setup form each time.
      imagesPerSec: Number(s.imagesPerSec.toPrecision(2)),
      ready: s.phase === 'ready',
    })),
  );
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  const [seedError, setSeedError] = useState<string | null>(null);

  const modelNameOf = (id: string) => {
    const found = models.find((m) => m.id === id);
    return found ? modelLabel(found) : id;
  };
  const change = (what: string, next: Partial<TrainConfig>) => store.getState().askReset(what, () => store.getState().reset(next));

  const pickDataset = (id: string) => {
    const info = datasets.find((d) => d.id === id);
    if (!info) return;
    const next: Partial<TrainConfig> = { dataset: id };
    // The worker lays a new dataset over its recommended settings; name a model only if it has none.
    if (!info.recommended.model) next.model = modelsForShape(info.shape)[0];
    change(t('confirmReset.what.dataset', { name: datasetName(info) }), next);
  };

  const commitSeed = () => {
    if (seedDraft === null || !config) return;
    const v = Number(seedDraft.trim());
    const err = seedDraft.trim() === '' ? { message: t('setup.seedWhole') } : checkField('seed', v);
    if (err) {
      setSeedError(fieldErrorText('seed', v, err.message));
      return;
    }
    setSeedDraft(null);
    setSeedError(null);
    if (v !== config.seed) change(t('confirmReset.what.seed', { n: String(v) }), { seed: v });
  };

  const seedSpec = CONFIG_FIELDS.seed;
  const seedMax = seedSpec.kind === 'number' ? seedSpec.max : 2 ** 31 - 1;
  const disabled = !ready || !config;
  const classCount = dataset ? conditionalClasses(dataset) : 0;
  const batchOptions = withCurrent(BATCH_SIZES, config?.batchSize);
  const stdOptions = withCurrent(LATENT_STDS, config?.latentStd);
  const limitOptions = withCurrent(TRAIN_LIMITS, config?.trainLimit);
  const limitText = (n: number) => (n === 0 ? t('setup.trainLimitAll') : String(n));

  return (
    <fieldset className="setup" disabled={disabled}>
      <legend>{t('setup.legend')}</legend>
      <div className="setup-grid">
        <label htmlFor="pick-dataset">{t('setup.dataset')}</label>
        <select id="pick-dataset" value={config?.dataset ?? ''} onChange={(e) => pickDataset(e.target.value)} title={t('setup.datasetTitle')}>
          {!config && <option value="">{t('setup.loading')}</option>}
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {datasetName(d)}
            </option>
          ))}
        </select>
        <DatasetBrowser />

        <label htmlFor="pick-conditional">{t('conditional.setupLabel')}</label>
        <input
          id="pick-conditional"
          type="checkbox"
          className="setup-check"
          checked={config?.conditional ?? false}
          disabled={classCount === 0}
          aria-describedby="conditional-hint"
          title={t('conditional.setupTitle')}
          onChange={(e) => change(t(e.target.checked ? 'conditional.whatOn' : 'conditional.whatOff'), { conditional: e.target.checked })}
        />
        <p className="model-hint" id="conditional-hint">
          {classCount > 0 ? t('conditional.setupOn', { n: classCount }) : t(dataset?.id === 'upload' ? 'conditional.setupOffUpload' : 'conditional.setupOff')}
        </p>

        <label htmlFor="pick-model">{t('setup.model')}</label>
        <select
          id="pick-model"
          aria-describedby="model-hint"
          value={config?.model ?? ''}
          onChange={(e) =>
            change(
              t('confirmReset.what.model', {
                name: modelNameOf(e.target.value),
              }),
              {
                model: e.target.value as TrainConfig['model'],
              },
            )
          }
          title={t('setup.modelTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {modelOptionLabel(m, model, imagesPerSec, backend)}
            </option>
          ))}
        </select>

        {model && (
          <p className="model-hint" id="model-hint">
            {t('setup.modelHint', {
              label: modelLabel(model),
              g: formatCount(model.generatorParams),
              d: formatCount(model.discriminatorParams),
              speed: speedHint(model, model, imagesPerSec, backend),
            })}
          </p>
        )}

        <label htmlFor="pick-loss">{t('setup.loss')}</label>
        <select
          id="pick-loss"
          value={config?.loss ?? ''}
          onChange={(e) => change(t('confirmReset.what.loss', { name: lossLabel(e.target.value as LossId) }), { loss: e.target.value as LossId })}
          title={t('setup.lossTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {LOSS_IDS.map((id) => (
            <option key={id} value={id}>
              {lossLabel(id)}
            </option>
          ))}
        </select>

        <label htmlFor="pick-batch">{t('setup.batchSize')}</label>
        <select
          id="pick-batch"
          value={config?.batchSize ?? ''}
          onChange={(e) => change(t('confirmReset.what.batchSize', { n: e.target.value }), { batchSize: Number(e.target.value) })}
          title={t('setup.batchSizeTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {batchOptions.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>

        <label htmlFor="pick-dsteps">{t('setup.dSteps')}</label>
        <select
          id="pick-dsteps"
          value={config?.dSteps ?? ''}
          onChange={(e) => change(t('confirmReset.what.dSteps', { n: e.target.value }), { dSteps: Number(e.target.value) })}
          title={t('setup.dStepsTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>

        <label htmlFor="pick-latent-std">{t('setup.latentStd')}</label>
        <select
          id="pick-latent-std"
          value={config?.latentStd ?? ''}
          onChange={(e) => change(t('confirmReset.what.latentStd', { n: e.target.value }), { latentStd: Number(e.target.value) })}
          title={t('setup.latentStdTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {stdOptions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>

        <label htmlFor="pick-train-limit">{t('setup.trainLimit')}</label>
        <select
          id="pick-train-limit"
          value={config?.trainLimit ?? ''}
          onChange={(e) => {
            const n = Number(e.target.value);
            change(n === 0 ? t('confirmReset.what.trainLimitAll') : t('confirmReset.what.trainLimit', { n: e.target.value }), { trainLimit: n });
          }}
          title={t('setup.trainLimitTitle')}
        >
          {!config && <option value="">{t('setup.loading')}</option>}
          {limitOptions.map((n) => (
            <option key={n} value={n}>
              {limitText(n)}
            </option>
          ))}
        </select>

        <label htmlFor="pick-seed">{t('setup.seed')}</label>
        <div className="seed-row">
          <input
            id="pick-seed"
            type="text"
            inputMode="numeric"
            value={seedDraft ?? String(config?.seed ?? '')}
            aria-invalid={seedError ? true : undefined}
            aria-describedby={seedError ? 'seed-error' : undefined}
            title={t('setup.seedTitle')}
            onChange={(e) => {
              setSeedDraft(e.target.value);
              setSeedError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitSeed();
              if (e.key === 'Escape') {
                setSeedDraft(null);
                setSeedError(null);
              }
            }}
            onBlur={() => {
              commitSeed();
              setSeedDraft(null);
            }}
          />
          <button
            type="button"
            title={t('setup.newSeedTitle')}
            onClick={() => change(t('confirmReset.what.newSeed'), { seed: Math.floor(Math.random() * seedMax) })}
          >
            {t('setup.newSeed')}
          </button>
        </div>
      </div>
      {seedError && (
        <p className="field-error" id="seed-error" role="alert">
          {seedError}
        </p>
      )}
    </fieldset>
  );
}
