/**
 * The structural choices: dataset, model, loss, batch size, D steps per G step, latent noise σ, seed. Each needs
 * new networks, so a change asks first (when there is a run to lose) and then resets.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CONFIG_FIELDS, LOSS_IDS, checkField } from '../../../core/config';
import type { LossId, TrainConfig } from '../../../core/config';
import { modelsForShape } from '../../../core/models/specs';
import { formatCount, modelOptionLabel, speedHint } from '../../lib/format';
import { useApp, useAppStore } from '../../storeContext';
import { DatasetBrowser } from '../datasets/DatasetPanel';

export const LOSS_LABELS: Record<LossId, string> = {
  nonsaturating: 'Non-saturating (standard)',
  minimax: 'Minimax (original paper)',
  wasserstein: 'Wasserstein',
  hinge: 'Hinge',
  'least-squares': 'Least squares (LSGAN)',
};

const BATCH_SIZES = [8, 16, 32, 64, 128, 256, 512];
const LATENT_STDS = [0.25, 0.5, 1, 2, 4, 8];

/** The preset list plus the value in force when a URL or saved run set another. */
function withCurrent(options: number[], current: number | undefined): number[] {
  return current !== undefined && !options.includes(current) ? [...options, current].sort((a, b) => a - b) : options;
}

export function RunSetupPickers() {
  const store = useAppStore();
  const { config, datasets, models, model, backend, imagesPerSec, ready } = useApp(
    useShallow((s) => ({
      config: s.config,
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

  const change = (what: string, next: Partial<TrainConfig>) => store.getState().askReset(what, () => store.getState().reset(next));

  const pickDataset = (id: string) => {
    const info = datasets.find((d) => d.id === id);
    if (!info) return;
    const next: Partial<TrainConfig> = { dataset: id };
    // The worker lays a new dataset over its recommended settings; name a model only if it has none.
    if (!info.recommended.model) next.model = modelsForShape(info.shape)[0];
    change(`dataset to ${info.name}`, next);
  };

  const commitSeed = () => {
    if (seedDraft === null || !config) return;
    const v = Number(seedDraft.trim());
    const err = seedDraft.trim() === '' ? { message: 'seed must be a whole number' } : checkField('seed', v);
    if (err) {
      setSeedError(err.message);
      return;
    }
    setSeedDraft(null);
    setSeedError(null);
    if (v !== config.seed) change(`seed to ${v}`, { seed: v });
  };

  const seedSpec = CONFIG_FIELDS.seed;
  const seedMax = seedSpec.kind === 'number' ? seedSpec.max : 2 ** 31 - 1;
  const disabled = !ready || !config;
  const batchOptions = withCurrent(BATCH_SIZES, config?.batchSize);
  const stdOptions = withCurrent(LATENT_STDS, config?.latentStd);

  return (
    <fieldset className="setup" disabled={disabled}>
      <legend>Setup (changing these starts a new run)</legend>
      <div className="setup-grid">
        <label htmlFor="pick-dataset">Dataset</label>
        <select id="pick-dataset" value={config?.dataset ?? ''} onChange={(e) => pickDataset(e.target.value)} title="What the generator learns to imitate">
          {!config && <option value="">Loading…</option>}
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <DatasetBrowser />

        <label htmlFor="pick-model">Model</label>
        <select
          id="pick-model"
          aria-describedby="model-hint"
          value={config?.model ?? ''}
          onChange={(e) =>
            change(`model to ${models.find((m) => m.id === e.target.value)?.label ?? e.target.value}`, { model: e.target.value as TrainConfig['model'] })
          }
          title="Network sizes for this dataset: parameters, and the speed on the running backend"
        >
          {!config && <option value="">Loading…</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {modelOptionLabel(m, model, imagesPerSec, backend)}
            </option>
          ))}
        </select>

        {model && (
          <p className="model-hint" id="model-hint">
            {model.label}: {formatCount(model.generatorParams)} G + {formatCount(model.discriminatorParams)} D params ·{' '}
            {speedHint(model, model, imagesPerSec, backend)}
          </p>
        )}

        <label htmlFor="pick-loss">Loss</label>
        <select
          id="pick-loss"
          value={config?.loss ?? ''}
          onChange={(e) => change(`loss to ${LOSS_LABELS[e.target.value as LossId]}`, { loss: e.target.value as LossId })}
          title="How D's output is scored for each network"
        >
          {!config && <option value="">Loading…</option>}
          {LOSS_IDS.map((id) => (
            <option key={id} value={id}>
              {LOSS_LABELS[id]}
            </option>
          ))}
        </select>

        <label htmlFor="pick-batch">Batch size</label>
        <select
          id="pick-batch"
          value={config?.batchSize ?? ''}
          onChange={(e) => change(`batch size to ${e.target.value}`, { batchSize: Number(e.target.value) })}
          title="Examples per training step: bigger batches give steadier but slower steps"
        >
          {!config && <option value="">Loading…</option>}
          {batchOptions.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>

        <label htmlFor="pick-dsteps">D steps per G step</label>
        <select
          id="pick-dsteps"
          value={config?.dSteps ?? ''}
          onChange={(e) => change(`D steps per G step to ${e.target.value}`, { dSteps: Number(e.target.value) })}
          title="How many discriminator updates before each generator update"
        >
          {!config && <option value="">Loading…</option>}
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>

        <label htmlFor="pick-latent-std">Latent noise σ</label>
        <select
          id="pick-latent-std"
          value={config?.latentStd ?? ''}
          onChange={(e) => change(`latent noise σ to ${e.target.value}`, { latentStd: Number(e.target.value) })}
          title="Spread of G's input noise z ~ N(0, σ²): a larger σ lets G jump more sharply between separated modes"
        >
          {!config && <option value="">Loading…</option>}
          {stdOptions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>

        <label htmlFor="pick-seed">Seed</label>
        <div className="seed-row">
          <input
            id="pick-seed"
            type="text"
            inputMode="numeric"
            value={seedDraft ?? String(config?.seed ?? '')}
            aria-invalid={seedError ? true : undefined}
            aria-describedby={seedError ? 'seed-error' : undefined}
            title="One number fixes the starting weights, the noise and the data order: same seed, same run"
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
          <button type="button" title="Pick a random seed" onClick={() => change('seed', { seed: Math.floor(Math.random() * seedMax) })}>
            New seed
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
