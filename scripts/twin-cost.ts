/**
 * What a twin costs: steps/s of one run against a twin (A and B in lockstep) of the same run,
 * through the app's TrainingLoop, in Node. `npx tsx scripts/twin-cost.ts [dataset] [batch] [seconds]`.
 * Run it under `flock /tmp/bench.lock`; on a shared machine the numbers are noisy.
 */
import { selectBackend } from '../src/core/backend/backend';
import { DEFAULT_CONFIG } from '../src/core/config';
import { getDatasetSource } from '../src/core/data/registry';
import { resolveConfig } from '../src/core/runConfig';
import { Trainer } from '../src/core/train/trainer';
import { TrainingLoop, type LoopTrainer } from '../src/core/train/trainingLoop';
import { Lockstep } from '../src/worker/lockstep';
import { nodeLoadContext } from './lib/nodeAssets';

async function main() {
  const [datasetId = 'ring8', batch = '256', seconds = '10'] = process.argv.slice(2);
  const backend = await selectBackend('wasm');
  const resolved = resolveConfig({ ...DEFAULT_CONFIG, dataset: datasetId, batchSize: Number(batch) }, (id) => getDatasetSource(id)?.info);
  if (!resolved.ok) throw new Error('bad config');
  const config = resolved.value;
  const dataset = await getDatasetSource(datasetId)!.load(nodeLoadContext(config.seed));
  const clock = { now: () => performance.now(), yieldToEvents: async () => undefined };
  const measure = async (label: string, twin: boolean) => {
    const a = new Trainer(config, dataset);
    const b = twin ? new Trainer(config, dataset) : null;
    if (b) b.setHyperparams({ l2D: 0.01 });
    const t: LoopTrainer = b ? new Lockstep([a, b]) : a;
    const loop = new TrainingLoop(t, clock, () => undefined);
    await loop.run({ steps: 20 }); // warm-up
    const start = loop.elapsedMs;
    const s0 = a.step;
    const end = performance.now() + Number(seconds) * 1000;
    await loop.run({ until: () => performance.now() > end });
    const rate = ((a.step - s0) * 1000) / (loop.elapsedMs - start);
    console.log(`${label}: ${rate.toFixed(1)} steps/s (${(rate * (twin ? 2 : 1)).toFixed(1)} trainer steps/s)`);
    a.dispose();
    b?.dispose();
    return rate;
  };
  console.log(`backend ${backend.name}, ${datasetId}, batch ${config.batchSize}, model ${config.model}`);
  const single = await measure('single', false);
  const twin = await measure('twin  ', true);
  // Again, to see how much of the difference is the machine's load changing.
  await measure('single again', false);
  console.log(`twin/single step rate: ${(twin / single).toFixed(2)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
