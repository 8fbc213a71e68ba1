/**
 * Samples from a saved run, without training:
 *   npm run sample -- --run runs/mnist/run.ganrun --n 64 --seed 1 --out runs/mnist-samples
 * Writes samples.bin (uint8 N×H×W×C) + samples.png for images or samples.csv for points, and with
 * `--interpolate A,B --frames F` a spherical interpolation strip between two of the noise vectors.
 * `--class K` draws class K from a conditional run (docs/conditional.md). A bad run file, a bad
 * flag, `--class` on a run without classes or a class out of range prints why and exits with 2.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/core/backend/backend';
import { interpolationPath, gaussianVector } from '../src/core/latent/latentPaths';
import { classBatchNormStats, samplesFrom } from '../src/core/models/inferenceProbes';
import type { BatchNormStats } from '../src/core/models/network';
import { Random } from '../src/core/random';
import { oneHotRows } from '../src/core/models/conditionalSpecs';
import { conditionalClasses } from '../src/core/runConfig';
import { snapshotDatasetSource } from '../src/core/runfile/snapshotDataset';
import { imageGridRGBA } from '../src/core/sampleGrid';
import { Trainer } from '../src/core/train/trainer';
import { CliError } from './lib/cliArgs';
import { nodeLoadContext } from './lib/nodeAssets';
import { readRunFile } from './lib/runFileIo';
import { runMain } from './lib/runMain';
import { ensureDir, imagesToBytes, pointsCsv, writeJson, writePng } from './lib/runOutputs';
import { parseSampleArgs, SAMPLE_USAGE } from './lib/sampleArgs';

/**
 * The run's sampler (G_ema when the run keeps one, like the app's grid) on these noise vectors, in
 * batches of at most 256; a conditional run's vector i is drawn as class `classOf(i)`.
 */
async function generateFrom(
  trainer: Trainer,
  noise: Float32Array,
  count: number,
  classOf: (i: number) => number,
  bnStats?: BatchNormStats[],
): Promise<Float32Array> {
  const d = trainer.config.latentDim;
  const dim = trainer.dataset.dim;
  const out = new Float32Array(count * dim);
  for (let start = 0; start < count; start += 256) {
    const n = Math.min(256, count - start);
    // BatchNorm normalises over the batch: a lone vector is padded with a copy of itself.
    const rows = Math.max(n, 2);
    const batch = new Float32Array(rows * d);
    batch.set(noise.subarray(start * d, (start + n) * d));
    if (n === 1) batch.set(noise.subarray(start * d, (start + 1) * d), d);
    const z = tf.tensor2d(batch, [rows, d]);
    const k = trainer.classes;
    const classes = Array.from({ length: rows }, (_, r) => classOf(start + Math.min(r, n - 1)));
    const labels = k ? tf.tensor2d(oneHotRows(classes, k), [rows, k]) : undefined;
    const images = await samplesFrom(trainer.sampler, z, labels, bnStats);
    z.dispose();
    labels?.dispose();
    out.set(images.subarray(0, n * dim), start * dim);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseSampleArgs(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    console.error(`error: ${e.message}\n${SAMPLE_USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(SAMPLE_USAGE);
    return 0;
  }
  const read = readRunFile(opts.run);
  if (!read.ok) {
    console.error(`error: ${opts.run}: ${read.message}`);
    return 2;
  }
  const snap = read.value.snapshot;
  if (opts.classIndex !== undefined && !snap.config.conditional) {
    console.error(`error: --class ${opts.classIndex}: ${opts.run} was trained without class labels (not a conditional run), so it has no classes to ask for`);
    return 2;
  }
  const source = snapshotDatasetSource(snap);
  if (!source.ok) {
    console.error(`error: ${opts.run}: ${source.message}`);
    return 2;
  }
  const classCount = snap.config.conditional ? conditionalClasses(source.value.info) : 0;
  if (opts.classIndex !== undefined && opts.classIndex >= classCount) {
    console.error(
      `error: --class ${opts.classIndex} is out of range: ${opts.run} has classes 0–${classCount - 1} (${source.value.info.classNames?.join(', ')})`,
    );
    return 2;
  }
  // Without --class, a conditional run's samples cycle through its classes (sample i is class i mod K).
  const classOf = (i: number) => opts.classIndex ?? (classCount ? i % classCount : 0);
  await selectBackend('auto');
  const dataset = await source.value.load(nodeLoadContext(snap.config.seed));
  let trainer: Trainer;
  try {
    trainer = Trainer.fromSnapshot(snap, dataset);
  } catch (e) {
    console.error(`error: ${opts.run}: ${(e as Error).message}`);
    return 2;
  }
  const { latentDim, latentStd } = trainer.config;
  const rng = new Random(opts.seed);
  const noise = new Float32Array(opts.n * latentDim);
  for (let i = 0; i < opts.n; i++) noise.set(gaussianVector(rng, latentDim, latentStd), i * latentDim);

  const out = resolve(opts.out);
  ensureDir(out);
  // One class in every batch: BatchNorm needs mixed-class statistics, or the class is normalised away.
  const bnStats = opts.classIndex !== undefined ? await classBatchNormStats(trainer.sampler, trainer.config, classCount) : undefined;
  const samples = await generateFrom(trainer, noise, opts.n, classOf, bnStats);
  const shape = dataset.info.kind === 'points' ? [opts.n, dataset.dim] : [opts.n, ...dataset.info.shape];
  const summary: Record<string, unknown> = {
    run: opts.run,
    step: snap.step,
    dataset: dataset.info.id,
    model: snap.config.model,
    seed: opts.seed,
    n: opts.n,
    samplesShape: shape,
    ...(classCount ? { classes: opts.classIndex !== undefined ? [opts.classIndex] : 'sample i is class i mod ' + classCount } : {}),
  };
  const side = (count: number) => Math.ceil(Math.sqrt(count));
  if (dataset.info.kind === 'points') writeFileSync(join(out, 'samples.csv'), pointsCsv(samples, dataset.dim));
  else {
    writeFileSync(join(out, 'samples.bin'), imagesToBytes(samples));
    writePng(join(out, 'samples.png'), imageGridRGBA(samples, dataset.info.shape, side(opts.n)));
  }
  if (opts.interpolate) {
    const [a, b] = opts.interpolate;
    const path = interpolationPath(noise.slice(a * latentDim, (a + 1) * latentDim), noise.slice(b * latentDim, (b + 1) * latentDim), opts.frames);
    // Every frame keeps the class of the first vector, so only the noise moves.
    const frames = await generateFrom(
      trainer,
      path,
      opts.frames,
      () => classOf(a),
      classCount ? await classBatchNormStats(trainer.sampler, trainer.config, classCount) : undefined,
    );
    summary.interpolation = {
      from: a,
      to: b,
      frames: opts.frames,
      shape: dataset.info.kind === 'points' ? [opts.frames, dataset.dim] : [opts.frames, ...dataset.info.shape],
    };
    if (dataset.info.kind === 'points') writeFileSync(join(out, 'interpolation.csv'), pointsCsv(frames, dataset.dim));
    else {
      writeFileSync(join(out, 'interpolation.bin'), imagesToBytes(frames));
      // One row: the strip reads left to right.
      const strip = imageGridRGBA(frames, dataset.info.shape, opts.frames);
      const [h] = dataset.info.shape;
      writePng(join(out, 'interpolation.png'), { ...strip, height: h, pixels: strip.pixels.subarray(0, strip.width * h * 4) });
    }
  }
  writeJson(out, 'summary.json', summary);
  console.log(
    `${opts.n} samples from ${opts.run} (step ${snap.step}, ${dataset.info.id})${opts.interpolate ? ` and ${opts.frames} interpolation frames` : ''}; wrote ${out}`,
  );
  trainer.dispose();
  return 0;
}

runMain(() => main(process.argv.slice(2)));
