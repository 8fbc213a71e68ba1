/**
 * The layer rules of eslint.config.js (docs/ARCHITECTURE.md): a deliberate violation fails lint,
 * a clean file passes, and the config's list of TF.js-reaching core modules matches the code.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { TF_CORE_MODULES } from '../eslint.config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('src/app may not import TF.js', async () => {
    const errors = await restrictedImports("import * as tf from '@tensorflow/tfjs';\nexport const v = tf.version;\n", 'src/app/Bad.tsx');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/TF\.js runs in the worker only/);
    expect(await restrictedImports("import '@tensorflow/tfjs-backend-webgpu';\n", 'src/app/components/Bad.tsx')).toHaveLength(1);
  });

  it('src/app may not import a core module that reaches TF.js, even for types', async () => {
    expect(await restrictedImports("import { Trainer } from '../core/train/trainer';\nexport const t = Trainer;\n", 'src/app/Bad.ts')).toHaveLength(1);
    expect(
      await restrictedImports("import type { Network } from '../../core/models/network';\nexport type N = Network;\n", 'src/app/components/Bad.tsx'),
    ).toHaveLength(1);
  });

  it('src/worker/protocol.ts may not import a TF.js-reaching core module, even for types', async () => {
    expect(await restrictedImports("import type { Trainer } from '../core/train/trainer';\nexport type T = Trainer;\n", 'src/worker/protocol.ts')).toHaveLength(
      1,
    );
  });

  it('src/core may not import src/app, src/worker or the bench (scripts/bench)', async () => {
    for (const [code, file] of [
      ["import { createAppStore } from '../app/store';\nexport const s = createAppStore;\n", 'src/core/bad.ts'],
      ["import type { Command } from '../../worker/protocol';\nexport type C = Command;\n", 'src/core/metrics/bad.ts'],
      ["import { runBackend } from '../../scripts/bench/cells/backend';\nexport const r = runBackend;\n", 'src/core/bad.ts'],
      ["import type { CellResult } from '../../../scripts/bench/types';\nexport type C = CellResult;\n", 'src/core/metrics/bad.ts'],
    ]) {
      const errors = await restrictedImports(code, file);
      expect(errors, file).toHaveLength(1);
      expect(errors[0]).toMatch(/never imports src\/app, src\/worker or the bench/);
    }
  });

  it('clean files pass: the UI on TF-free core files, the worker on TF.js', async () => {
    const app =
      "import type { TrainConfig } from '../core/config';\nimport { LIVE_KEYS } from '../core/config';\nimport type { MetricKey } from '../core/metrics/stepMetrics';\nexport const k: [TrainConfig | null, MetricKey | null, number] = [null, null, LIVE_KEYS.length];\n";
    const [appResult] = await eslint.lintText(app, { filePath: join(root, 'src/app/Good.ts') });
    expect(appResult.messages).toEqual([]);
    const worker = "import * as tf from '@tensorflow/tfjs';\nimport { Trainer } from '../core/train/trainer';\nexport const w = [tf.version, Trainer];\n";
    const [workerResult] = await eslint.lintText(worker, { filePath: join(root, 'src/worker/good.ts') });
    expect(workerResult.messages).toEqual([]);
  });
});

describe('TF_CORE_MODULES in eslint.config.js (worked out from the sources)', () => {
  it('holds the modules that reach TF.js, through other core files too', () => {
    for (const m of ['train/adam', 'train/trainer', 'models/network', 'backend/backend', 'backend/deviceMetrics']) expect(TF_CORE_MODULES).toContain(m);
  });

  it('leaves out TF-free core files (the UI may import those)', () => {
    for (const m of ['config', 'runfile/runFile', 'runfile/runSnapshot', 'backend/backendReport', 'backend/backendCalibration', 'models/specs'])
      expect(TF_CORE_MODULES).not.toContain(m);
  });
});
