/**
 * In which order commands run. Most join one queue, so a reset never interleaves with a step.
 * Previews, uploads, exports and the latent explorer run beside it (training keeps going). Live
 * changes, pause and start wait for what is queued but do not join the queue. A pause takes effect at once (the loop
 * stops at its next slice), and `step` commands queued before a pause are dropped, not run.
 */
import type { Command } from './protocol';

export interface CommandOrder {
  /** Runs `run` for `cmd` at its place in the order. */
  submit(cmd: Command, run: () => Promise<void>): Promise<void>;
  /** Queues work of the session's own (e.g. an autosave); errors go to `onError`. */
  enqueue(work: () => Promise<void>, onError: (e: unknown) => void): Promise<void>;
}

const BESIDE_THE_QUEUE: ReadonlySet<Command['type']> = new Set([
  'previewDataset',
  'uploadImages',
  'exportModel',
  'encodeTimelapse',
  // The latent explorer draws in small slices while training goes on (latentCommands.ts).
  'latentFrames',
  'latentStop',
  'latentGif',
  // A WebM encodes one frame per slice; its cancel must reach it while it runs.
  'latentWebm',
  'latentWebmCancel',
]);
const AFTER_THE_QUEUE: ReadonlySet<Command['type']> = new Set(['setHyperparams', 'pause', 'start']);

/** `stopsAll(cmd)`: the pause ends the loop (stop it now); `stopLoop` stops it. */
export function createCommandOrder(stopsAll: (cmd: Command) => boolean, stopLoop: () => void): CommandOrder {
  let queue: Promise<void> = Promise.resolve();
  let pauses = 0;
  return {
    async submit(cmd, run) {
      if (BESIDE_THE_QUEUE.has(cmd.type)) return run();
      if (cmd.type === 'pause' && stopsAll(cmd)) {
        pauses++;
        stopLoop();
      }
      if (AFTER_THE_QUEUE.has(cmd.type)) {
        await queue;
        return run();
      }
      const pausesAtArrival = pauses;
      const next = queue.then(() => (cmd.type === 'step' && pauses !== pausesAtArrival ? undefined : run()));
      queue = next;
      return next;
    },
    enqueue(work, onError) {
      return (queue = queue.then(work).catch(onError));
    },
  };
}
