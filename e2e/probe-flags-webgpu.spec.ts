/**
 * Opt-in measurement, not a test (PROBE_FLAGS=1): TF.js's WebGPU flags against the fused and the
 * unfused step on SwiftShader WebGPU, each warmed up and timed on one page. docs/kernels.md
 * records what it printed. PROBE_MODELS=mlp2d,dcgan28-small picks the models.
 */
import { expect, test } from '@playwright/test';
import { openApp, RING } from './helpers';
import type { StepProbeRequest, StepProbeResult } from '../src/worker/stepProbe';

const VARIANTS: { label: string; flags: Record<string, number | boolean> }[] = [
  { label: 'defaults', flags: {} },
  { label: 'DEFERRED_SUBMIT_BATCH_SIZE 60', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 60 } },
  { label: 'DEFERRED_SUBMIT_BATCH_SIZE 1000', flags: { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 1000 } },
  { label: 'CPU_FORWARD false', flags: { WEBGPU_CPU_FORWARD: false } },
  { label: 'USE_NAIVE_CONV2D_TRANSPOSE false', flags: { WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false } },
];

test('TF.js WebGPU flags: ms and dispatches per step', async ({ page }) => {
  test.skip(!process.env.PROBE_FLAGS, 'set PROBE_FLAGS=1 to measure (minutes on SwiftShader)');
  test.setTimeout(900_000);
  await openApp(page, `${RING}&backend=webgpu&testHooks=1`, { waitReady: false });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  const worker = page.workers().find((w) => w.url().includes('training'))!;
  const models = (process.env.PROBE_MODELS ?? 'mlp2d').split(',');
  for (const model of models) {
    const base: StepProbeRequest =
      model === 'mlp2d'
        ? { model: 'mlp2d', dataset: 'ring8', batchSize: 128, steps: 10, warmup: 3, seed: 1 }
        : { model: 'dcgan28-small', dataset: 'mnist', batchSize: 16, steps: 4, warmup: 2, seed: 1 };
    // PROBE_FUSED_ONLY=1: the fused step alone (a DCGAN's unfused variants take minutes each on SwiftShader).
    for (const fused of process.env.PROBE_FUSED_ONLY ? [true] : [false, true]) {
      for (const { label, flags } of VARIANTS) {
        const r = await worker.evaluate(
          (req) => (self as unknown as { __ganTest: { stepProbe(r: StepProbeRequest): Promise<StepProbeResult> } }).__ganTest.stepProbe(req),
          { ...base, fused, flags },
        );
        console.log(`${model} ${fused ? 'fused' : 'unfused'} ${label}: ${r.msPerStep.toFixed(0)} ms/step, ${r.dispatchesPerStep} dispatches/step`);
      }
    }
  }
});
