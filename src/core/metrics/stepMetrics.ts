/**
 * The per-step record the trainer produces. Rows travel as one flat Float64Array (row-major, in
 * METRIC_KEYS order) so a batch of steps is one transferable buffer.
 */
export const METRIC_KEYS = [
  'step',
  'epoch',
  'dLoss',
  'gLoss',
  'gL1',
  'gL2',
  'dL1',
  'dL2',
  'dReal',
  'dFake',
  'gGradNorm',
  'dGradNorm',
  'r1',
  'gp',
  'noiseSigma',
  'lrScale',
  'theta',
  'psi',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export type StepMetrics = Record<MetricKey, number>;

export const METRIC_LABELS: Record<MetricKey, string> = {
  step: 'Step',
  epoch: 'Epoch',
  dLoss: 'D loss (adversarial)',
  gLoss: 'G loss (adversarial)',
  gL1: 'G L1 penalty',
  gL2: 'G L2 penalty',
  dL1: 'D L1 penalty',
  dL2: 'D L2 penalty',
  dReal: 'D(real)',
  dFake: 'D(fake)',
  gGradNorm: 'G gradient norm',
  dGradNorm: 'D gradient norm',
  r1: 'R1 penalty',
  gp: 'WGAN-GP penalty',
  noiseSigma: 'Instance noise σ',
  lrScale: 'Learning-rate factor',
  theta: 'Dirac-GAN θ (G)',
  psi: 'Dirac-GAN ψ (D)',
};

export function packMetrics(rows: StepMetrics[]): Float64Array {
  const out = new Float64Array(rows.length * METRIC_KEYS.length);
  rows.forEach((row, r) => METRIC_KEYS.forEach((k, c) => (out[r * METRIC_KEYS.length + c] = row[k])));
  return out;
}

export function unpackMetrics(data: Float64Array | Float32Array): StepMetrics[] {
  const width = METRIC_KEYS.length;
  const rows: StepMetrics[] = [];
  for (let r = 0; r + width <= data.length; r += width) {
    const row = {} as StepMetrics;
    METRIC_KEYS.forEach((k, c) => (row[k] = data[r + c]));
    rows.push(row);
  }
  return rows;
}
