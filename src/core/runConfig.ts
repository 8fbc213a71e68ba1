/**
 * Resolves a requested config against the dataset it names: the dataset's recommended settings
 * are the defaults, and the model must fit the dataset's shape. Used by the worker and the CLI.
 */
import type { FieldError, TrainConfig, Validation } from './config';
import { DEFAULT_CONFIG, validateConfig } from './config';
import type { DatasetInfo } from './data/types';
import { ARCHITECTURES, modelsForShape } from './models/specs';

/**
 * How many classes a conditional run on this dataset draws from: the labelled image sets' class
 * count, 0 where there are no labels to condition on (point sets, unlabelled images).
 */
export function conditionalClasses(info: DatasetInfo): number {
  return info.kind === 'image' ? (info.classNames?.length ?? 0) : 0;
}

/**
 * A GPU's smallest recommended batch. A CPU preset may take a smaller one (Fashion-MNIST's 16: more
 * steps in the same minutes), but a GPU step is bound by dispatch overhead, not by the batch, so
 * half the batch would only halve the images it trains on per second.
 */
export const GPU_MIN_BATCH = 32;

/**
 * A dataset's recommended settings, sized to the machine: the small DCGANs learn visibly within a
 * minute on a CPU (WASM), while a real GPU runs the full-size models faster than that.
 */
export function defaultsFor(info: DatasetInfo, hardwareGpu = false): TrainConfig {
  const base: TrainConfig = { ...DEFAULT_CONFIG, ...info.recommended, dataset: info.id };
  if (hardwareGpu && base.model.endsWith('-small')) base.model = base.model.replace(/-small$/, '') as TrainConfig['model'];
  if (hardwareGpu && base.batchSize < GPU_MIN_BATCH) base.batchSize = GPU_MIN_BATCH;
  return base;
}

/** The user's uploaded images (src/worker/imageUploads.ts): labelled only when they came in class folders. */
const UPLOAD_ID = 'upload';

/** The labelled image sets a conditional run can use. */
const LABELLED = 'mnist, fashion-mnist, emoji';

/**
 * `input` is laid over `current` when it keeps the dataset, else over the new dataset's
 * recommended settings (a ring-of-8 learning rate is no default for MNIST).
 */
export function resolveConfig(
  input: Partial<TrainConfig> | Record<string, unknown>,
  lookup: (id: string) => DatasetInfo | undefined,
  current?: TrainConfig,
  hardwareGpu = false,
): Validation<TrainConfig> {
  const requested = typeof input.dataset === 'string' ? input.dataset : (current?.dataset ?? DEFAULT_CONFIG.dataset);
  const info = lookup(requested);
  if (!info) {
    const got = JSON.stringify(requested);
    return { ok: false, errors: [{ field: 'dataset', message: `dataset must be a known dataset id; got ${got}`, problem: { kind: 'unknownDataset', got } }] };
  }
  const base = current && current.dataset === info.id ? current : defaultsFor(info, hardwareGpu);
  const result = validateConfig({ ...input, dataset: info.id }, base);
  if (!result.ok) return result;
  const fitting = modelsForShape(info.shape);
  if (!fitting.includes(result.value.model)) {
    const [model, makes, shape, fit] = [result.value.model, ARCHITECTURES[result.value.model].dataShape.join(', '), info.shape.join(', '), fitting.join(', ')];
    const err: FieldError = {
      field: 'model',
      message: `model ${model} makes [${makes}] but ${info.id} is [${shape}]; models that fit: ${fit}`,
      problem: { kind: 'modelMismatch', model, makes, dataset: info.id, shape, fitting: fit },
    };
    return { ok: false, errors: [err] };
  }
  if (result.value.conditional && conditionalClasses(info) === 0) {
    if (info.id === UPLOAD_ID)
      return {
        ok: false,
        errors: [
          {
            field: 'conditional',
            message: 'conditional needs class labels; this set has no labels: put each class’s images in its own subfolder',
            problem: { kind: 'noUploadLabels' },
          },
        ],
      };
    return {
      ok: false,
      errors: [
        {
          field: 'conditional',
          message: `conditional needs a labelled image dataset (${LABELLED}); this dataset has no labels: ${info.id}`,
          problem: { kind: 'noLabels', dataset: info.id, labelled: LABELLED },
        },
      ],
    };
  }
  return result;
}
