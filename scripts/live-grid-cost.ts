/**
 * What the live sample grid costs (issue 22, item 2): the worker redraws the image grid every
 * 2–4 s of training between epoch ends (LIVE_GRID in src/worker/pictures.ts). This times one redraw (G on the
 * fixed noise, read back, turned into RGBA) and runs the app's TrainingLoop with and without the
 * redraw hook, by wall-clock time (hook time included), in Node on wasm.
 * `npx tsx scripts/live-grid-cost.ts [dataset] [model] [batch] [seconds]`; run it under
 * `flock /tmp/bench.lock`: on a shared machine the A/B rates are noisy, the per-redraw time less so.
 */
import { selectBackend } from '../src/core/backend/backend';
import { DEFAULT_CONFIG } from '../src/core/config';
import { getDatasetSource } from '../src/core/data/registry';
import { resolveConfig } from '../src/core/runConfig';
import { Trainer } from '../src/core/train/trainer';
import { TrainingLoop } from '../src/core/train/trainingLoop';
import { liveGridHook, pictureOf } from '../src/worker/pictures';
import { nodeLoadContext } from './lib/nodeAssets';

async function main() {
  const [datasetId = 'mnist', model = 'dcgan28-small', batch = '64', seconds = '20'] = process.argv.slice(2);
  const backend = await selectBackend('wasm');
  const resolved = resolveConfig({ ...DEFAULT_CONFIG, dataset: datasetId, model, batchSize: Number(batch) }, (id) => getDatasetSource(id)?.info);
  if (!resolved.ok) throw new Error('bad config');
  const config = resolved.value;
  const dataset = await getDatasetSource(datasetId)!.load(nodeLoadContext(config.seed));
  const clock = { now: () => performance.now(), yieldToEvents: async () => undefined };
  const trainer = new Trainer(config, dataset);
  const loop = new TrainingLoop(trainer, clock, () => undefined);
  await loop.run({ steps: 5 }); // warm-up
  let redraws = 0;
  let redrawMs = 0;
  const hook = liveGridHook(
    async () => {
      const t0 = performance.now();
      await pictureOf(trainer, null, true);
      redrawMs += performance.now() - t0;
      redraws++;
    },
    () => performance.now(),
  );
  const measure = async (withGrid: boolean) => {
    const s0 = trainer.step;
    const t0 = performance.now();
    const end = t0 + Number(seconds) * 1000;
    await loop.run({ periodic: withGrid ? [hook] : [], until: () => performance.now() > end });
    return ((trainer.step - s0) * 1000) / (performance.now() - t0);
  };
  console.log(`backend ${backend.name}, ${datasetId}, model ${config.model}, batch ${config.batchSize}, ${seconds} s per leg`);
  const rates = { off: [] as number[], on: [] as number[] };
  // Interleaved, so a change in the machine's load falls on both.
  for (let i = 0; i < 2; i++) {
    rates.off.push(await measure(false));
    rates.on.push(await measure(true));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const perRedraw = redrawMs / Math.max(redraws, 1);
  const stepMs = 1000 / mean(rates.off);
  console.log(`steps/s without the live grid: ${rates.off.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`steps/s with it (every ${hook.everyMs.toFixed(0)} ms at the end): ${rates.on.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`measured slow-down: ${(100 * (1 - mean(rates.on) / mean(rates.off))).toFixed(1)}%`);
  console.log(
    `one redraw: ${perRedraw.toFixed(1)} ms (${redraws} redraws) = ${(perRedraw / stepMs).toFixed(2)} training steps of ${stepMs.toFixed(0)} ms; ` +
      `share of training time at that spacing: ${((100 * perRedraw) / (hook.everyMs + perRedraw)).toFixed(2)}%`,
  );
  trainer.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
