/**
 * A trained generator → the two files of a TF.js Layers model (model.json + weights.bin), with
 * BatchNorm population statistics estimated from noise. Used by the worker's Export and the CLI.
 * A conditional generator becomes a two-input model, [z, classIndex] (docs/exports.md).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../config';
import type { BatchNormStats, Network } from '../models/network';
import { ARCHITECTURES } from '../models/specs';
import { oneHotRows } from '../models/conditionalSpecs';
import { buildLayersModel, layersModelFiles, type LayersModelFiles } from './layersModel';
import { estimatePopulationStats, POPULATION_SAMPLES } from './populationStats';

/** Seeds the noise behind the population statistics, so an export is reproducible per weights. */
export const POPULATION_SEED = 20_240_613;

export interface GeneratorExport extends LayersModelFiles {
  stats: BatchNormStats[];
}

export interface ExportableRun {
  config: Readonly<Pick<TrainConfig, 'model' | 'latentDim' | 'latentStd' | 'dataset'> & { conditional?: boolean }>;
  /** The network's own layer list is exported, so a conditional G's class embedding comes with it. */
  generator: Network;
  step: number;
  /** A conditional run's class names, index by index (model.json's metadata names them). */
  classNames?: readonly string[];
}

/** The noise the generator trains on, N(0, latentStd²), batch `b` of a fixed stream. */
export function populationNoise(config: ExportableRun['config']): (n: number, b: number) => tf.Tensor2D {
  return (n, b) => tf.randomNormal([n, config.latentDim], 0, config.latentStd, 'float32', POPULATION_SEED + b);
}

/**
 * A conditional G's classes behind the population statistics: every batch cycles through them, so
 * the pooled moments are those of the uniform class mix G trains on (a one-class batch would
 * normalise the class away: docs/conditional.md, Sampling).
 */
export function populationLabels(classes: number): (n: number, b: number) => tf.Tensor2D {
  return (n, b) =>
    tf.tensor2d(
      oneHotRows(
        Array.from({ length: n }, (_, i) => (b * n + i) % classes),
        classes,
      ),
      [n, classes],
    );
}

export async function exportGenerator(run: ExportableRun, onProgress?: (fraction: number) => void, samples = POPULATION_SAMPLES): Promise<GeneratorExport> {
  const spec = run.generator.layers.map((l) => l.info.spec);
  const first = spec[0];
  const classes = first?.type === 'embedConcat' ? first.classes : 0;
  if (Boolean(run.config.conditional) !== classes > 0)
    throw new Error(`the generator ${classes ? 'takes' : 'does not take'} a class, the run's config says conditional: ${Boolean(run.config.conditional)}`);
  const hasBn = spec.some((l) => l.type === 'batchnorm');
  const stats = hasBn
    ? await estimatePopulationStats(run.generator, {
        samples,
        noise: populationNoise(run.config),
        labels: classes ? populationLabels(classes) : undefined,
        onProgress: (f) => onProgress?.(0.9 * f),
      })
    : [];
  const params = await Promise.all(run.generator.variables.map(async (v) => (await v.data()) as Float32Array));
  for (const [i, values] of params.entries()) {
    if (values.some((x) => !Number.isFinite(x)))
      throw new Error(`the generator's weights are not finite (${run.generator.params[i].name}); reset or load a good run first`);
  }
  const model = buildLayersModel(spec, run.config.latentDim, params, stats);
  try {
    const files = await layersModelFiles(model, {
      source: 'GAN Playground',
      model: run.config.model,
      dataset: run.config.dataset,
      step: run.step,
      latentDim: run.config.latentDim,
      latentStd: run.config.latentStd,
      noise: `z ~ N(0, ${run.config.latentStd}²) of shape [batch, ${run.config.latentDim}]`,
      ...(classes
        ? {
            inputs: `[z, classIndex]: classIndex of shape [batch, 1], a class number 0–${classes - 1}`,
            classes,
            ...(run.classNames ? { classNames: run.classNames } : {}),
          }
        : {}),
      outputShape: ARCHITECTURES[run.config.model].dataShape,
      output: spec[spec.length - 1].type === 'tanh' ? 'images in [-1, 1], [batch, h, w, c]' : 'points, [batch, dims]',
      populationSamples: hasBn ? samples : 0,
    });
    onProgress?.(1);
    return { ...files, stats };
  } finally {
    model.dispose();
  }
}
