/**
 * The layer lists a run builds: its architecture's, made class-conditional when the config asks
 * (G: an embedConcat first layer; D: its final one-logit dense replaced by a projection head).
 * Every builder of a run's networks (trainer, G_ema, run-file checks) goes through here, so a
 * conditional run's variables are the same list everywhere.
 */
import type { TrainConfig } from '../config';
import { ARCHITECTURES, summarizeModel, type LayerSpec, type ModelSummary } from './specs';

/** Width of G's class embedding: enough for 10 classes to stay apart, small beside z (64 in the presets). */
export const CLASS_EMBED_DIM = 16;

export interface RunSpecs {
  generator: LayerSpec[];
  discriminator: LayerSpec[];
}

/** `classes` is 0 for an unconditional run. */
export function runSpecs(config: Pick<TrainConfig, 'model' | 'conditional'>, classes: number): RunSpecs {
  const arch = ARCHITECTURES[config.model];
  if (!config.conditional) return { generator: arch.generator, discriminator: arch.discriminator };
  if (classes < 2) throw new Error(`a conditional run needs a labelled dataset (got ${classes} classes)`);
  const last = arch.discriminator[arch.discriminator.length - 1];
  if (last.type !== 'dense' || last.units !== 1) throw new Error(`${config.model}: D must end in a one-logit dense layer to take a projection head`);
  return {
    generator: [{ type: 'embedConcat', classes, dim: CLASS_EMBED_DIM }, ...arch.generator],
    discriminator: [...arch.discriminator.slice(0, -1), { type: 'projection', classes }],
  };
}

/**
 * The summary of the networks a run builds: a conditional run's parameter count and layer list
 * include G's class embedding table ([classes, CLASS_EMBED_DIM], and the wider first dense layer
 * it feeds) and D's projection embedding ([classes, features]).
 */
export function summarizeRun(config: Pick<TrainConfig, 'model' | 'conditional' | 'latentDim' | 'dSteps'>, classes: number): ModelSummary {
  if (!config.conditional) return summarizeModel(config.model, config.latentDim, config.dSteps);
  return summarizeModel(config.model, config.latentDim, config.dSteps, { ...runSpecs(config, classes), classes });
}

/** One-hot rows for class indices, as a flat [n × classes] array. */
export function oneHotRows(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return out;
}

/**
 * The classes of a conditional run's fixed sample grid, one per sample: row r (of `side`) shows
 * class r mod `classes`, so the first rows read 0, 1, 2, … and the app can name them.
 */
export function gridClasses(side: number, classes: number): number[] {
  return Array.from({ length: side * side }, (_, i) => Math.floor(i / side) % classes);
}
