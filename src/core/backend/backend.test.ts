import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { classifyAdapter, selectBackend, softwareRendererName, type BackendEnv, type BackendName } from './backend';

/** A browser-like env over the real tf (wasm, cpu), with GPU probes and failures injected. */
function fakeBrowser(over: Partial<BackendEnv> = {}): Partial<BackendEnv> {
  return {
    isNode: false,
    probeWebGPU: async () => ({ available: true, software: null, description: 'nvidia / ampere' }),
    probeWebGL: async () => ({ available: true, software: null, description: 'ANGLE (NVIDIA GeForce RTX 3080)' }),
    ...over,
  };
}

/** setBackend that fails the named GPU backends as given and runs the rest for real. */
function setBackendFailing(failures: Partial<Record<BackendName, () => Promise<boolean>>>) {
  return (name: BackendName) => (failures[name] ?? (() => tf.setBackend(name)))();
}

describe('selectBackend in Node', () => {
  it('auto picks wasm and says webgpu and webgl were skipped', async () => {
    const r = await selectBackend('auto');
    expect(r.name).toBe('wasm');
    expect(r.requested).toBe('auto');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.reasons).toEqual(['webgpu: skipped — not available in Node', 'webgl: skipped — not available in Node']);
    // The app's kernels came with it: a conv weight gradient runs on wasm.
    const g = tf.tidy(() => {
      const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
      return tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 1]));
    });
    expect(Array.from(await g.data())).toEqual(new Array(9).fill(4));
    g.dispose();
  });

  it('forcing cpu gives cpu with no reasons', async () => {
    const r = await selectBackend('cpu');
    expect(r).toEqual({ name: 'cpu', reasons: [], requested: 'cpu', hardwareGpu: false });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('forcing webgpu in Node tries it, reports the failure and falls back to wasm', async () => {
    const r = await selectBackend('webgpu');
    expect(r.name).toBe('wasm');
    expect(r.reasons[0]).toMatch(/^webgpu: requested but failed — /);
    expect(r.reasons[1]).toBe('webgl: skipped — not available in Node');
    expect(r.reasons).toHaveLength(2);
  });
});

describe('selectBackend with injected probes', () => {
  it('skip (a lost device): the lost webgpu and its reason are in the report; a hardware webgl takes over, and webgpu is no candidate', async () => {
    const tried: string[] = [];
    const r = await selectBackend('auto', {
      env: fakeBrowser({
        setBackend: async (name) => (tried.push(name), name === 'webgl' ? true : tf.setBackend(name)),
        getBackend: () => tried.at(-1) ?? '',
        ready: async () => {},
      }),
      skip: { webgpu: 'its GPU device was lost (destroyed)' },
    });
    expect(tried).toEqual(['webgl']);
    expect(r.name).toBe('webgl');
    expect(r.reasons).toEqual(['webgpu: skipped — its GPU device was lost (destroyed)']);
    expect(r.candidates).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('a setBackend that resolves false is a failure, and the chain falls back', async () => {
    const r = await selectBackend('webgpu', {
      env: fakeBrowser({
        setBackend: setBackendFailing({ webgpu: async () => false }),
        probeWebGL: async () => ({ available: false, why: 'no WebGL2 context' }),
      }),
    });
    expect(r.name).toBe('wasm');
    expect(r.reasons).toEqual(["webgpu: requested but failed — setBackend('webgpu') resolved false", 'webgl: skipped — no WebGL2 context']);
  });

  it('auto skips software GPUs with a reason naming the emulator', async () => {
    const r = await selectBackend('auto', {
      env: fakeBrowser({
        probeWebGPU: async () => ({ available: true, software: 'swiftshader', description: 'google / swiftshader' }),
        probeWebGL: async () => ({ available: true, software: 'swiftshader', description: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' }),
      }),
    });
    expect(r.name).toBe('wasm');
    expect(r.reasons).toEqual([
      'webgpu: skipped — software adapter (swiftshader) is slower than wasm here',
      'webgl: skipped — software renderer (swiftshader) is slower than wasm here',
    ]);
  });

  it('a hardware GPU is chosen by auto and marked so; a forced emulated one runs but is not', async () => {
    // Pretend the GPU backend starts: Node has none.
    const starts = { setBackend: async () => true, ready: async () => {}, getBackend: () => 'webgpu' };
    const hw = await selectBackend('auto', {
      env: fakeBrowser({ ...starts, probeWebGPU: async () => ({ available: true, software: null, description: 'nvidia / hopper' }) }),
    });
    expect(hw).toMatchObject({ name: 'webgpu', hardwareGpu: true });
    const emulated = await selectBackend('webgpu', {
      env: fakeBrowser({ ...starts, probeWebGPU: async () => ({ available: true, software: 'swiftshader', description: 'swiftshader' }) }),
    });
    expect(emulated).toMatchObject({ name: 'webgpu', hardwareGpu: false });
  });

  it('a forced software webgpu is still tried (and here fails, then auto rules apply)', async () => {
    let tried = false;
    const r = await selectBackend('webgpu', {
      env: fakeBrowser({
        probeWebGPU: async () => ({ available: true, software: 'swiftshader', description: 'swiftshader' }),
        probeWebGL: async () => ({ available: true, software: 'llvmpipe', description: 'llvmpipe' }),
        setBackend: setBackendFailing({
          webgpu: async () => {
            tried = true;
            throw new Error('device lost');
          },
        }),
      }),
    });
    expect(tried).toBe(true);
    expect(r.name).toBe('wasm');
    expect(r.reasons).toEqual(['webgpu: requested but failed — device lost', 'webgl: skipped — software renderer (llvmpipe) is slower than wasm here']);
  });

  it('a hanging setBackend times out and falls back', async () => {
    const r = await selectBackend('wasm', {
      timeoutMs: 50,
      env: fakeBrowser({ setBackend: setBackendFailing({ wasm: () => new Promise<boolean>(() => {}) }) }),
    });
    expect(r).toEqual({
      name: 'cpu',
      reasons: ["wasm: requested but failed — setBackend('wasm') timed out after 0.05 s"],
      requested: 'wasm',
      hardwareGpu: false,
    });
  });

  it('setBackend true but a different active backend is a failure', async () => {
    const r = await selectBackend('auto', {
      env: fakeBrowser({
        setBackend: setBackendFailing({ webgpu: async () => true }),
        getBackend: () => (tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm' ? tf.getBackend() : 'cpu'),
        probeWebGL: async () => {
          throw new Error('context creation threw');
        },
      }),
    });
    expect(r.reasons[0]).toMatch(/^webgpu: failed — active backend is '\w+' after setBackend\('webgpu'\)$/);
    expect(r.reasons[1]).toBe('webgl: skipped — probe failed: context creation threw');
    expect(r.name).toBe('wasm');
  });
});

describe('software GPU classification', () => {
  it('classifies a SwiftShader / fallback WebGPU adapter as software', () => {
    expect(classifyAdapter({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe('swiftshader');
    expect(classifyAdapter({ vendor: 'google', architecture: '', isFallbackAdapter: true })).toBe('fallback adapter');
    expect(classifyAdapter({ vendor: 'x' }, true)).toBe('fallback adapter');
    expect(classifyAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
  });

  it('keeps hardware adapters and renderers', () => {
    expect(classifyAdapter({ vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA GeForce RTX 3080' })).toBeNull();
    expect(classifyAdapter({ vendor: 'apple', architecture: 'metal-3' })).toBeNull();
    expect(softwareRendererName('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBeNull();
  });

  it('classifies software WebGL renderer strings', () => {
    expect(softwareRendererName('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('swiftshader');
    expect(softwareRendererName('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('llvmpipe');
    expect(softwareRendererName('Microsoft Basic Render Driver')).toBe('microsoft basic render');
  });
});

describe('wasm threads in the report', () => {
  it('says why wasm runs on one thread in Node', async () => {
    const r = await selectBackend('wasm');
    expect(r.threads).toEqual({ count: 1, note: 'Node: tfjs-backend-wasm runs single-threaded there' });
  });

  it('falls back to one thread with the reason when the page is not cross-origin isolated', async () => {
    const r = await selectBackend('wasm', {
      env: fakeBrowser({ crossOriginIsolated: () => false, setBackend: async () => true, getBackend: () => 'wasm', ready: async () => {} }),
    });
    expect(r.threads?.count).toBe(1);
    expect(r.threads?.note).toMatch(/not cross-origin isolated.*COOP same-origin and COEP require-corp/);
  });

  it('reports the pool size the backend chose when isolated', async () => {
    const env = fakeBrowser({
      crossOriginIsolated: () => true,
      setBackend: async () => true,
      getBackend: () => 'wasm',
      ready: async () => {},
      wasmThreadsCount: () => 4,
      hardwareConcurrency: () => 8,
    });
    expect((await selectBackend('wasm', { env })).threads).toEqual({ count: 4, note: '4 threads' });
    const twoCores = { ...env, wasmThreadsCount: () => 1, hardwareConcurrency: () => 2 };
    expect((await selectBackend('wasm', { env: twoCores })).threads?.note).toBe('threaded build, 1 thread (the backend uses half of the 2 cores)');
  });

  it('gives no thread report for the other backends', async () => {
    expect((await selectBackend('cpu')).threads).toBeUndefined();
  });
});
