import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { moveScriptDirInside } from './selfContainedWasmFactory';

const require = createRequire(import.meta.url);
const gluePath = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');

describe('selfContainedWasmFactory', () => {
  const original = readFileSync(gluePath, 'utf8');
  const fixed = moveScriptDirInside(original);

  it('puts every _scriptDir reference inside the function that pthreads stringify', () => {
    const start = fixed.indexOf('function(WasmBackendModuleThreadedSimd) {');
    expect(start).toBeGreaterThan(0);
    const before = fixed.slice(0, start);
    expect(before).not.toContain('_scriptDir');
    expect(fixed.slice(start, start + 300)).toContain('var _scriptDir =');
    expect(fixed.length).toBe(original.length);
  });

  it('keeps the glue working as a module: the factory is still exported and callable', () => {
    const module = { exports: {} as unknown };
    new Function('module', 'exports', 'require', '__filename', fixed)(module, module.exports, require, gluePath);
    expect(typeof module.exports).toBe('function');
  });

  it('refuses glue of an unexpected shape instead of shipping a build that hangs', () => {
    expect(() => moveScriptDirInside('var x = 1;')).toThrow(/expected `_scriptDir` prologue/);
  });
});
