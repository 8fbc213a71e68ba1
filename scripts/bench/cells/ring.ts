/** The ring of 8 on the auto backend: time to 8/8 modes, and the long run for leaks. */
import * as tf from '@tensorflow/tfjs';
import { getDatasetSource } from '../../../src/core/data/registry';
import { modeCoverage } from '../../../src/core/metrics/modeCoverage';
import { Trainer } from '../../../src/core/train/trainer';
import { TrainingLoop } from '../../../src/core/train/trainingLoop';
import { sig } from '../stats';
import type { RingRun } from '../types';
import { configFor } from './datasets';
import type { BenchHost } from './host';
import { noYield, stepsOrThrow } from './runners';

/** The app's points view refresh (VIEW_INTERVALS_MS.points in worker/liveRun.ts) and sample count. */
const COVERAGE_EVERY_MS = 250;
const COVERAGE_POINTS = 1000;

export async function ringRun(backendName: string, reasons: string[], minSteps: number, capSec: number, host: BenchHost): Promise<RingRun> {
  const source = getDatasetSource('ring8')!;
  const config = configFor('mlp2d', 128);
  const dataset = await source.load({ seed: config.seed, readAsset: host.readAsset });
  const { centers, sigma } = source.info.modes!;
  const trainer = new Trainer(config, dataset);
  try {
    const start = host.now();
    host.training(true);
    let timeToAll: number | null = null;
    let stepsToAll: number | null = null;
    let checks = 0;
    let finalModes = 0;
    let before: { tensors: number; heap: number | null; bytes: number } | null = null;
    const check = async () => {
      const pts = await trainer.generate(COVERAGE_POINTS, config.seed + 1);
      checks++;
      finalModes = modeCoverage(pts, centers, sigma).modesCovered;
      if (finalModes === centers.length && timeToAll === null) {
        timeToAll = (host.now() - start) / 1000;
        stepsToAll = trainer.step;
        host.log(`ring8 on ${backendName}: 8/8 modes at ${timeToAll.toFixed(1)} s (step ${stepsToAll})`);
      }
    };
    const loop = new TrainingLoop(trainer, { now: host.now, yieldToEvents: noYield }, () => undefined);
    const periodic = [{ everyMs: COVERAGE_EVERY_MS, run: check }];
    const until = () => {
      const elapsed = (host.now() - start) / 1000;
      return (trainer.step >= minSteps && (timeToAll !== null || elapsed >= capSec)) || elapsed >= capSec * 2;
    };
    // "Before": the run is warm at step 50 (every kernel, optimizer slot and buffer exists).
    stepsOrThrow(await loop.run({ steps: 50, periodic, until }));
    if (trainer.step === 50) {
      host.training(false);
      const heap = await host.heapMB('before');
      host.training(true);
      before = { tensors: tf.memory().numTensors, heap, bytes: tf.memory().numBytes };
    }
    if (!until()) stepsOrThrow(await loop.run({ periodic, until }));
    host.training(false);
    const seconds = (host.now() - start) / 1000;
    const heapAfter = await host.heapMB('after');
    const mem = tf.memory();
    return {
      backend: backendName,
      backendReasons: reasons,
      timeToAllModesSec: sig(timeToAll, 3),
      stepsToAllModes: stepsToAll,
      steps: trainer.step,
      seconds: sig(seconds, 3)!,
      checks,
      finalModes,
      tensorsBefore: before?.tensors ?? -1,
      tensorsAfter: mem.numTensors,
      heapBeforeMB: sig(before?.heap ?? null, 4),
      heapAfterMB: sig(heapAfter, 4),
      tfBytesBeforeMB: sig((before?.bytes ?? 0) / 2 ** 20, 4)!,
      tfBytesAfterMB: sig(mem.numBytes / 2 ** 20, 4)!,
    };
  } finally {
    host.training(false);
    trainer.dispose();
  }
}
