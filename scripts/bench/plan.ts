/** Which cells run and how long each may take: the full bench (≤ 15 min) or --quick (~2 min). */
import type { ModelId } from '../../src/core/config';
import type { BackendTask, BenchBackend } from './types';

export interface BenchPlan {
  quick: boolean;
  backends: BackendTask[];
  ring: { minSteps: number; capSec: number };
  /** Only these models' cells, merged into the existing results file (no ring run, MNIST minute or app cell); null: all. */
  models: ModelId[] | null;
  /** Seconds of MNIST training for the "digits within 60 s" check (0: skip). */
  mnistSec: number;
}

const ALL_MODELS: ModelId[] = ['mlp2d', 'dcgan28-small', 'dcgan32-small', 'dcgan28', 'dcgan32'];
const QUICK_MODELS: ModelId[] = ['mlp2d', 'dcgan28-small'];

export const MODEL_IDS: readonly ModelId[] = ALL_MODELS;

export const batchFor = (model: ModelId): number => (model === 'mlp2d' ? 128 : 64);

/** Seconds per backend, full run; order = run order (wasm first: it is what `auto` picks here). */
const FULL_BUDGET: Record<BenchBackend, number> = { wasm: 300, webgl: 120, webgpu: 120, cpu: 90 };
const QUICK_BUDGET: Record<BenchBackend, number> = { wasm: 40, webgl: 35, webgpu: 35, cpu: 20 };

export function makePlan(quick: boolean, backends: BenchBackend[] = ['wasm', 'webgl', 'webgpu', 'cpu'], only: ModelId[] | null = null): BenchPlan {
  const models = only ?? (quick ? QUICK_MODELS : ALL_MODELS);
  return {
    quick,
    backends: backends.map((backend) => ({
      kind: 'backend',
      backend,
      cells: models.map((model) => ({ model, batchSize: batchFor(model) })),
      // A --models run times only the named cells, so each gets a full run's share: a webgpu cell on
      // SwiftShader times our step, the plain loop and the unfused step, minutes on a loaded host.
      budgetSec: (quick ? QUICK_BUDGET : FULL_BUDGET)[backend] * (only && !quick ? Math.min(only.length, 3) : 1),
      phaseCapSec: quick ? 6 : 15,
      ...(backend === 'wasm' ? { profileModel: 'dcgan28-small' as ModelId } : {}),
    })),
    ring: quick ? { minSteps: 2000, capSec: 45 } : { minSteps: 2000, capSec: 75 },
    mnistSec: quick || only ? 0 : 60,
    models: only,
  };
}
