/** The two sides of a timed cell behind one interface: the app's own loop, and the plain loop. */
import { findNonFinite } from '../../../src/core/train/divergence';
import type { Trainer } from '../../../src/core/train/trainer';
import { TrainingLoop, type LoopOutcome } from '../../../src/core/train/trainingLoop';
import type { PlainGan } from './plainGan';
import { setWebGpuFusion, webGpuFusionOn } from '../../../src/core/backend/webgpuFusion';

export interface Runner {
  /** One training step; may leave work queued on the device. */
  step(): Promise<void> | void;
  /** Trains for about `ms` (a timed window) and says how many steps it ran. */
  window(ms: number): Promise<number>;
  /** Forces a device sync (end of a window). */
  sync(): Promise<void>;
}

/** The bench has no messages to let in between slices. */
export const noYield = async () => undefined;

/** A run's end, or the NaN rule's message as an error (the bench has nothing to go on with). */
export function stepsOrThrow(outcome: LoopOutcome): number {
  if (outcome.kind === 'diverged') throw new Error(outcome.divergence.message);
  return outcome.steps;
}

/** Timed windows run the app's own loop (core/train/trainingLoop.ts): its slices, read-backs and checkpoints. */
export function ourRunner(trainer: Trainer, now: () => number): Runner {
  const loop = new TrainingLoop(trainer, { now, yieldToEvents: noYield }, () => undefined);
  return {
    step: () => void trainer.trainStep(),
    window: async (ms) => {
      const t0 = now();
      return stepsOrThrow(await loop.run({ until: () => now() - t0 >= ms }));
    },
    sync: async () => {
      const bad = findNonFinite(await trainer.flushMetrics());
      if (bad) throw new Error(`${bad.term} became ${bad.value} at step ${bad.step}`);
    },
  };
}
export function plainRunner(plain: PlainGan, now: () => number): Runner {
  const step = async () => {
    const [d, g] = await plain.step();
    if (!(Number.isFinite(d) && Number.isFinite(g))) throw new Error('plain loop: losses became NaN');
  };
  return {
    step,
    window: async (ms) => {
      const t0 = now();
      let steps = 0;
      do {
        await step();
        steps++;
      } while (now() - t0 < ms);
      return steps;
    },
    sync: async () => undefined,
  };
}

/**
 * The same runner with WebGPU's fused kernels switched on or off while it runs (the bench's
 * fused-vs-unfused comparison; its two runners never run at the same time).
 */
export function withFusion(runner: Runner, on: boolean): Runner {
  const wrap =
    <T>(f: () => Promise<T> | T) =>
    async (): Promise<T> => {
      const before = webGpuFusionOn();
      setWebGpuFusion(on);
      try {
        return await f();
      } finally {
        setWebGpuFusion(before);
      }
    };
  return { step: wrap(() => runner.step()), window: (ms) => wrap(() => runner.window(ms))(), sync: wrap(() => runner.sync()) };
}
