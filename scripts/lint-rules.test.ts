/**
 * The layer rules of eslint.config.js (docs/ARCHITECTURE.md): a deliberate violation fails lint,
 * a clean file passes, and the config's list of TF.js-reaching core modules matches the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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
    expect(await restrictedImports("import { Trainer } from '../core/trainer';\nexport const t = Trainer;\n", 'src/app/Bad.ts')).toHaveLength(1);
    expect(await restrictedImports("import type { Network } from '../../core/models/network';\nexport type N = Network;\n", 'src/app/components/Bad.tsx')).toHaveLength(1);
  });

  it('src/worker/protocol.ts may not import a TF.js-reaching core module, even for types', async () => {
    expect(await restrictedImports("import type { Trainer } from '../core/trainer';\nexport type T = Trainer;\n", 'src/worker/protocol.ts')).toHaveLength(1);
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
    const app = "import type { TrainConfig } from '../core/config';\nimport { LIVE_KEYS } from '../core/config';\nimport type { MetricKey } from '../core/metrics/stepMetrics';\nexport const k: [TrainConfig | null, MetricKey | null, number] = [null, null, LIVE_KEYS.length];\n";
    const [appResult] = await eslint.lintText(app, { filePath: join(root, 'src/app/Good.ts') });
    expect(appResult.messages).toEqual([]);
    const worker = "import * as tf from '@tensorflow/tfjs';\nimport { Trainer } from '../core/trainer';\nexport const w = [tf.version, Trainer];\n";
    const [workerResult] = await eslint.lintText(worker, { filePath: join(root, 'src/worker/good.ts') });
    expect(workerResult.messages).toEqual([]);
  });
});

/** Every non-test .ts file under src/core, as 'metrics/classifier' (no extension). */
function coreModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) out.push(relative(join(root, 'src/core'), path).replace(/\.ts$/, ''));
    }
  };
  walk(join(root, 'src/core'));
  return out.sort();
}

/** Core modules that import TF.js, directly or through other core modules (type imports count). */
function tfReachingCoreModules(): Set<string> {
  const modules = coreModules();
  const imports = new Map<string, string[]>();
  for (const m of modules) {
    const code = readFileSync(join(root, 'src/core', `${m}.ts`), 'utf8');
    const specifiers = [...code.matchAll(/\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'/g)].map((x) => x[1] ?? x[2]);
    imports.set(
      m,
      specifiers.map((s) => (s.startsWith('.') ? relative(join(root, 'src/core'), join(root, 'src/core', dirname(m), s)).replace(/\.ts$/, '') : s)),
    );
  }
  const tf = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of modules) {
      if (!tf.has(m) && imports.get(m)!.some((s) => s.startsWith('@tensorflow/') || tf.has(s))) {
        tf.add(m);
        changed = true;
      }
    }
  }
  return tf;
}

describe('TF_CORE_MODULES in eslint.config.js', () => {
  const reaching = tfReachingCoreModules();

  it('lists every core module that reaches TF.js', () => {
    const missing = [...reaching].filter((m) => !TF_CORE_MODULES.includes(m));
    expect(missing, 'add these to TF_CORE_MODULES in eslint.config.js').toEqual([]);
  });

  it('lists no TF-free core module (the UI may import those)', () => {
    const present = TF_CORE_MODULES.filter((m) => existsSync(join(root, 'src/core', `${m}.ts`)));
    expect(present.filter((m) => !reaching.has(m)), 'these are TF-free: drop them from TF_CORE_MODULES').toEqual([]);
  });
});
