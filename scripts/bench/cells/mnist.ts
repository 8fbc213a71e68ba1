/** MNIST for a minute on the auto backend: do the samples look like digits? */
import { getDatasetSource } from '../../../src/core/data/registry';
import { resolveConfig } from '../../../src/core/runConfig';
import { imageGridRGBA, type GridImage } from '../../../src/core/sampleGrid';
import { SAMPLE_GRID_SIDE, Trainer } from '../../../src/core/train/trainer';
import { TrainingLoop } from '../../../src/core/train/trainingLoop';
import { sig } from '../stats';
import type { MnistRun } from '../types';
import type { BenchHost } from './host';
import { noYield, stepsOrThrow } from './runners';

export async function mnistRun(backendName: string, seconds: number, host: BenchHost): Promise<{ run: MnistRun; grid: GridImage }> {
  const source = getDatasetSource('mnist')!;
  const r = resolveConfig({ dataset: 'mnist' }, (id) => getDatasetSource(id)?.info);
  if (!r.ok) throw new Error('mnist config');
  const config = r.value;
  const dataset = await source.load({ seed: config.seed, readAsset: host.readAsset });
  const trainer = new Trainer(config, dataset);
  try {
    const start = host.now();
    host.training(true);
    // Set in the metrics callback, which TS's narrowing cannot see.
    let last = null as { dLoss: number; gLoss: number } | null;
    const loop = new TrainingLoop(trainer, { now: host.now, yieldToEvents: noYield }, ({ rows }) => {
      last = rows[rows.length - 1] ?? last;
    });
    stepsOrThrow(await loop.run({ until: () => host.now() - start >= seconds * 1000 }));
    host.training(false);
    const took = (host.now() - start) / 1000;
    const grid = imageGridRGBA(await trainer.fixedSamples(), dataset.info.shape, SAMPLE_GRID_SIDE);
    return {
      run: {
        backend: backendName,
        seconds: sig(took, 3)!,
        steps: trainer.step,
        imagesPerSec: sig((trainer.step * config.batchSize) / took, 4)!,
        dLoss: sig(last?.dLoss ?? null, 3),
        gLoss: sig(last?.gLoss ?? null, 3),
      },
      grid,
    };
  } finally {
    host.training(false);
    trainer.dispose();
  }
}
