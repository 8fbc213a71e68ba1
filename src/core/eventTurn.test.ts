/**
 * A long measurement lets the worker's messages in between its batches: the page's heartbeat
 * among them (a reset to an MNIST lesson on a loaded machine was once taken for a hung worker).
 * A timer set before the call must fire before the call settles; awaiting settled promises alone
 * would not let it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend/backend';
import { getDatasetSource } from './data/registry';
import { Classifier } from './metrics/classifier';
import { glorotUniform } from './models/glorot';
import { Random } from './random';
import { Trainer } from './train/trainer';
import { DEFAULT_CONFIG } from './config';
import { nodeLoadContext } from '../../scripts/lib/nodeAssets';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Whether a timer set now fires before `work` settles. */
async function timerFiresDuring(work: () => Promise<unknown>): Promise<boolean> {
  let fired = false;
  setTimeout(() => {
    fired = true;
  }, 0);
  await work();
  return fired;
}

describe('long measurements take turns of the event loop', () => {
  it('generating samples in several batches lets a timer run in between', async () => {
    const dataset = await getDatasetSource('ring8')!.load(nodeLoadContext(1));
    const trainer = new Trainer({ ...DEFAULT_CONFIG, dataset: 'ring8', model: 'mlp2d' }, dataset);
    try {
      expect(await timerFiresDuring(() => trainer.generate(300, 1, undefined, 100))).toBe(true);
      // One batch needs no turn: the call is as it was.
      expect(await timerFiresDuring(() => trainer.generate(50, 1, undefined, 100))).toBe(false);
    } finally {
      trainer.dispose();
    }
  });

  it('classifying in several batches lets a timer run in between', async () => {
    const c = new Classifier(glorotUniform(new Random(3)));
    const rng = new Random(4);
    const images = Float32Array.from({ length: 20 * 784 }, () => rng.uniform(-1, 1));
    try {
      expect(await timerFiresDuring(() => c.classify(images, 20, 8))).toBe(true);
      expect(await timerFiresDuring(() => c.classify(images, 20, 20))).toBe(false);
    } finally {
      c.dispose();
    }
  });
});
