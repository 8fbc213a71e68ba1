/**
 * `npx tsx scripts/bench/kernelsPerStep.ts [backend] [model] [steps]`: the trainer's kernels per
 * training step by kind, and ms per step, for the bench configs (ring8 preset for mlp2d).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelId } from '../../src/core/config';
import { selectBackend } from '../../src/core/backend/backend';
import { countKernels } from '../../src/core/testing/kernelCounter';
import { Trainer } from '../../src/core/train/trainer';
import { configFor, syntheticDataset } from './cells/datasets';

const [backend = 'cpu', model = 'mlp2d', stepsArg = '20'] = process.argv.slice(2);
const steps = Number(stepsArg);
const BATCH: Record<string, number> = { mlp2d: 256, 'dcgan28-small': 64 };

async function main() {
  const r = await selectBackend(backend as 'cpu');
  if (r.name !== backend) throw new Error(`backend ${backend} did not start: ${r.reasons.join('; ')}`);
  const config = configFor(model as ModelId, BATCH[model] ?? 64);
  const dataset = syntheticDataset(model === 'mlp2d' ? 'ring8' : 'mnist');
  const trainer = new Trainer(config, dataset);
  for (let i = 0; i < 3; i++) trainer.trainStep();
  await trainer.flushMetrics();
  const counter = countKernels();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) trainer.trainStep();
  await trainer.flushMetrics();
  const ms = (performance.now() - t0) / steps;
  counter.dispose();
  const kinds = [...counter.byKind()].sort((a, b) => b[1] - a[1]);
  console.log(`${backend} ${model} batch ${config.batchSize} dSteps ${config.dSteps} loss ${config.loss}: ${(counter.total / steps).toFixed(1)} kernels/step, ${ms.toFixed(2)} ms/step`);
  console.log(kinds.map(([k, n]) => `${k} ${(n / steps).toFixed(1)}`).join(', '));
  trainer.dispose();
  console.log(`tensors left: ${tf.memory().numTensors}`);
}
void main();
