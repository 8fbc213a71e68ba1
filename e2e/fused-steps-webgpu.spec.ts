/**
 * The fused WebGPU kernels (src/core/backend/webgpuKernels*.ts, docs/kernels.md) against wasm:
 * the same config and seed trained for 20 steps through the worker's test hook
 * (`?testHooks=1`, src/worker/stepProbe.ts) give the same losses within float tolerance, and the
 * tensor count stays flat. Runs in the `chromium-webgpu` project (SwiftShader WebGPU). The
 * first dcgan28-small case runs MNIST's defaults (hinge loss, spectral norm, G_ema, BatchNorm in G,
 * dropout in D) with L1 on D and L2 on G, so it covers BatchNorm's, spectral norm's, dropout's,
 * tanh's, the bias sums', the hinge loss's and G_ema's fused kernels and the penalized gradient
 * norms against wasm; the second the bench's config (no regularizer), where the step's metrics
 * kernel reduces every charted value, held to the issue's 80 dispatches a step.
 * PROBE_LOG=1 also prints dispatches per step by program, fused and unfused.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { openApp, RING } from './helpers';
import type { StepProbeRequest, StepProbeResult } from '../src/worker/stepProbe';

const STEPS = 20;

async function probeWorker(page: Page, backend: string): Promise<Worker> {
  await openApp(page, `${RING}&backend=${backend}&testHooks=1`, { waitReady: false });
  await expect(page.getByTestId('backend')).toContainText(`Backend: ${backend}`, { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled({ timeout: 120_000 });
  const worker = page.workers().find((w) => w.url().includes('training'));
  expect(worker).toBeTruthy();
  return worker!;
}

const probe = (worker: Worker, req: StepProbeRequest): Promise<StepProbeResult> =>
  worker.evaluate((r) => (self as unknown as { __ganTest: { stepProbe(r: StepProbeRequest): Promise<StepProbeResult> } }).__ganTest.stepProbe(r), req);

function report(label: string, r: StepProbeResult): void {
  const top = Object.entries(r.byProgram)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n.toFixed(1)}`)
    .join(', ');
  console.log(`${label} [${r.backend}]: ${r.dispatchesPerStep ?? '—'} dispatches/step, ${r.msPerStep.toFixed(1)} ms/step; ${top}`);
}

function expectClose(a: number[], b: number[], tol: number): void {
  expect(a).toHaveLength(b.length);
  const worst = Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))));
  expect(worst, `losses ${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBeLessThan(tol);
}

/** The bar for a dense-chain GAN's whole step (fusedMlpStep.ts: 9 dispatches of its own). */
const MLP_DISPATCH_BAR = 25;

/** The bar for dcgan28-small's step in the bench's config (docs/kernels.md). */
const DCGAN_DISPATCH_BAR = 80;

/** `normSteps`: compare the gradient norms over the first that many steps only (default: all). */
const CASES: { name: string; req: StepProbeRequest; maxDispatches?: number; normSteps?: number }[] = [
  {
    name: 'ring8 preset (mlp2d, batch 256, 2 D steps, penalties off)',
    req: { model: 'mlp2d', dataset: 'ring8', batchSize: 256, steps: STEPS, seed: 5 },
    maxDispatches: MLP_DISPATCH_BAR,
  },
  {
    name: 'ring8 (mlp2d, 2 D steps, L1/L2 on both)',
    req: { model: 'mlp2d', dataset: 'ring8', batchSize: 64, steps: STEPS, seed: 3, l1D: 1e-3, l2D: 1e-2, l1G: 1e-4, l2G: 1e-3 },
    maxDispatches: MLP_DISPATCH_BAR,
  },
  {
    // Latent 5 and batch 6: widths and row counts that are no multiple of the MLP kernels' 8-wide
    // and 4-row blocks (webgpuMlp.ts), so their narrower fallbacks run too.
    name: "ring8 (mlp2d, latent 5, batch 6: the kernels' narrower blocks)",
    req: { model: 'mlp2d', dataset: 'ring8', batchSize: 6, steps: STEPS, seed: 7, latentDim: 5, l2D: 1e-2 },
    maxDispatches: MLP_DISPATCH_BAR,
  },
  {
    name: 'dcgan28-small (batch 8, L1 on D, L2 on G)',
    req: { model: 'dcgan28-small', dataset: 'mnist', batchSize: 8, steps: STEPS, seed: 3, l1D: 1e-4, l2G: 1e-3 },
  },
  {
    // The bench's cell: every regularizer off (no spectral norm), so the gradient norms and every
    // charted value come from the step's metrics kernel, and G's BatchNorm reads γ, β from Adam's
    // state. Without spectral norm the run drifts from wasm's faster (float order, not a kernel: mean
    // D(fake) is 2.07·10⁻³ off at step 16, to the bit the same before the metrics kernel and the lazy
    // write-back as after, 1.7·10⁻⁴ at step 10; G's gradient norm 3·10⁻⁵ relative at step 1, 2.7·10⁻⁴
    // at step 7, 5·10⁻³ at step 11): 12 steps, the gradient norms over the first 6.
    name: 'dcgan28-small (batch 8, the bench config)',
    req: { model: 'dcgan28-small', dataset: 'mnist', batchSize: 8, steps: 12, seed: 3, penaltiesOff: true },
    normSteps: 6,
    maxDispatches: DCGAN_DISPATCH_BAR,
  },
];

for (const { name, req, maxDispatches, normSteps } of CASES) {
  test(`${req.steps} fused WebGPU steps equal ${req.steps} wasm steps: ${name}`, async ({ browser }) => {
    test.setTimeout(420_000);
    const wasmPage = await browser.newPage();
    const wasm = await probe(await probeWorker(wasmPage, 'wasm'), req);
    await wasmPage.close();
    const page = await browser.newPage();
    const worker = await probeWorker(page, 'webgpu');
    const fused = await probe(worker, { ...req, fused: true });
    expect(fused.gpuErrors).toEqual([]);
    if (process.env.PROBE_LOG) {
      // Both warmed up (shaders compiled) and timed on the same page, one after the other.
      const timed = { ...req, steps: 8, warmup: 3 };
      report(`${name} unfused`, await probe(worker, { ...timed, fused: false }));
      report(`${name} fused`, await probe(worker, { ...timed, fused: true }));
    }
    expect(fused.backend).toBe('webgpu');
    // The same maths in another order of float additions: close, not equal, and closer early on.
    expectClose(fused.dLoss, wasm.dLoss, 2e-3);
    expectClose(fused.gLoss, wasm.gLoss, 2e-3);
    expectClose(fused.dReal, wasm.dReal, 2e-3);
    expectClose(fused.dFake, wasm.dFake, 2e-3);
    const early = (xs: number[]) => xs.slice(0, normSteps ?? xs.length);
    expectClose(early(fused.dGradNorm), early(wasm.dGradNorm), 2e-3);
    expectClose(early(fused.gGradNorm), early(wasm.gGradNorm), 2e-3);
    // The weights the run keeps (the fused MLP step writes its variables only when they are read).
    expectClose(fused.weightSums, wasm.weightSums, 2e-3);
    // G_ema (on in the DCGAN's defaults; on webgpu one lerp from Adam's packed state).
    expect(fused.emaWeightSum === null).toBe(wasm.emaWeightSum === null);
    if (fused.emaWeightSum !== null && wasm.emaWeightSum !== null) expectClose([fused.emaWeightSum], [wasm.emaWeightSum], 2e-3);
    if (maxDispatches !== undefined) {
      // Counted after 2 warm-up steps; the count includes anything else the app's worker dispatched meanwhile.
      const counted = await probe(worker, { ...req, steps: 6, warmup: 2, fused: true });
      expect(counted.dispatchesPerStep).not.toBeNull();
      expect(counted.dispatchesPerStep!).toBeLessThanOrEqual(maxDispatches);
    }
    // Flat: no step ends with more tensors than the second one did (the first makes constants).
    expect(Math.max(...fused.tensors.slice(1)), `tensors ${fused.tensors.join(', ')}`).toBeLessThanOrEqual(fused.tensors[1]);
    await page.close();
  });
}
