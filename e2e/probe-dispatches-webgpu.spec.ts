/**
 * Opt-in measurement, not a test (PROBE_DISPATCHES=1): where a training step's WebGPU dispatches
 * go, by the engine kernel that recorded each (`Kernel:Program`) and by fused program, for the
 * fused and the unfused step on SwiftShader WebGPU. docs/kernels.md records what it printed.
 * PROBE_MODELS picks the models (default dcgan28-small), PROBE_BATCH the batch size (default 8);
 * PROBE_FUSED_ONLY=1 skips the unfused step; PROBE_BENCH=1 turns every regularizer off, as the bench's cells do (spectral norm included).
 */
import { expect, test } from '@playwright/test';
import { openApp, RING } from './helpers';
import type { StepProbeRequest, StepProbeResult } from '../src/worker/stepProbe';

test('WebGPU dispatches per step, by kernel', async ({ page }) => {
  test.skip(!process.env.PROBE_DISPATCHES, 'set PROBE_DISPATCHES=1 to measure (minutes on SwiftShader)');
  test.setTimeout(900_000);
  await openApp(page, `${RING}&backend=webgpu&testHooks=1`, { waitReady: false });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  const worker = page.workers().find((w) => w.url().includes('training'))!;
  const batchSize = Number(process.env.PROBE_BATCH ?? 8);
  const penaltiesOff = Boolean(process.env.PROBE_BENCH);
  for (const model of (process.env.PROBE_MODELS ?? 'dcgan28-small').split(',')) {
    const base: StepProbeRequest =
      model === 'mlp2d'
        ? { model: 'mlp2d', dataset: 'ring8', batchSize, steps: 4, warmup: 2, seed: 1, byKernel: true }
        : { model: model as StepProbeRequest['model'], dataset: 'mnist', batchSize, steps: 3, warmup: 1, seed: 1, byKernel: true };
    // PROBE_FUSED_ONLY=1: the fused step alone (the unfused one takes minutes on SwiftShader).
    for (const fused of process.env.PROBE_FUSED_ONLY ? [true] : [false, true]) {
      const r = await worker.evaluate(
        (req) => (self as unknown as { __ganTest: { stepProbe(r: StepProbeRequest): Promise<StepProbeResult> } }).__ganTest.stepProbe(req),
        { ...base, fused, penaltiesOff },
      );
      expect(r.gpuErrors).toEqual([]);
      const rows = Object.entries(r.byKernel).sort((a, b) => b[1] - a[1]);
      console.log(
        `${model} batch ${batchSize}${penaltiesOff ? ' (bench config)' : ''} ${fused ? 'fused' : 'unfused'}: ${r.dispatchesPerStep} dispatches/step, ${r.msPerStep.toFixed(0)} ms/step`,
      );
      console.log(rows.map(([k, n]) => `  ${k} ${n.toFixed(1)}`).join('\n'));
    }
  }
});
