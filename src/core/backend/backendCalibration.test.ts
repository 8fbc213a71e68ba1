import { describe, expect, it } from 'vitest';
import { calibrate, calibrationKey, describeFacts, type CachedChoice, type CalibrationCache, type CalibrationEnv } from './backendCalibration';

type Name = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Fake backends: ms per step per backend, or 'fail' / 'hang' / 'no-start'. */
function fakeEnv(speed: Partial<Record<Name, number | 'fail' | 'hang' | 'no-start'>>, predict: Partial<Record<Name, number>> = {}) {
  let active: Name | null = null;
  const measured: Name[] = [];
  const env: CalibrationEnv = {
    activate: async (name) => {
      if (speed[name] === 'no-start' || speed[name] === undefined) return false;
      active = name;
      return true;
    },
    measure: (name) => {
      measured.push(name);
      const s = speed[name];
      if (s === 'fail') return Promise.reject(new Error(`${name}: kernel not registered`));
      if (s === 'hang') return new Promise<number>(() => {});
      return Promise.resolve(s as number);
    },
    predictMs: (name) => predict[name] ?? null,
    sleep: () => Promise.resolve(),
  };
  return { env, measured, active: () => active };
}

function memoryCache(): CalibrationCache & { map: Map<string, CachedChoice> } {
  const map = new Map<string, CachedChoice>();
  return { map, get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
}

describe('calibrate', () => {
  it('picks the GPU for a conv model where it is faster, and says by how much', async () => {
    const f = fakeEnv({ webgpu: 20, wasm: 200 });
    const c = await calibrate(['webgpu', 'wasm'], 'dcgan28', f.env);
    expect(c.chosen).toBe('webgpu');
    expect(f.active()).toBe('webgpu');
    expect(c.summary).toBe('webgpu — measured 10.0× faster than wasm for dcgan28 (20.0 vs 200.0 ms per step)');
  });

  it('picks wasm for the 2-D MLP where the GPU is slower, and leaves wasm active', async () => {
    const f = fakeEnv({ webgpu: 53, wasm: 18 });
    const c = await calibrate(['webgpu', 'wasm'], 'mlp2d', f.env);
    expect(c.chosen).toBe('wasm');
    expect(f.active()).toBe('wasm');
    expect(c.summary).toMatch(/^wasm — measured 2\.9× faster than webgpu/);
  });

  it('a backend that hangs loses with a reason instead of stalling the run', async () => {
    const f = fakeEnv({ webgpu: 'hang', wasm: 30 });
    const c = await calibrate(['webgpu', 'wasm'], 'mlp2d', f.env);
    expect(c.chosen).toBe('wasm');
    expect(c.measurements[0]).toEqual({
      name: 'webgpu',
      msPerStep: null,
      note: expect.stringMatching(/timing webgpu did not finish/),
      why: { kind: 'timeout', stage: 'timing', seconds: '3.0' },
    });
    expect(c.summary).toMatch(/wasm — the only candidate measured for mlp2d \(webgpu: timing webgpu did not finish/);
  });

  it('a start that outruns its share is abandoned, so it cannot take over the engine later', async () => {
    const f = fakeEnv({ wasm: 18, cpu: 90 });
    const abandoned: string[] = [];
    const env: CalibrationEnv = {
      ...f.env,
      activate: (name) => (name === 'cpu' ? new Promise<boolean>(() => {}) : f.env.activate(name)),
      abandon: (name) => abandoned.push(name),
    };
    const c = await calibrate(['wasm', 'cpu'], 'mlp2d', env);
    expect(c.chosen).toBe('wasm');
    expect(f.active()).toBe('wasm');
    expect(abandoned).toEqual(['cpu']);
    expect(c.measurements.find((m) => m.name === 'cpu')?.note).toMatch(/starting cpu did not finish/);
  });

  it('a backend that fails on the model or cannot start loses with its reason', async () => {
    const f = fakeEnv({ webgpu: 'fail', webgl: 'no-start', wasm: 30 });
    const c = await calibrate(['webgpu', 'webgl', 'wasm'], 'dcgan28-small', f.env);
    expect(c.chosen).toBe('wasm');
    expect(c.measurements.map((m) => m.note)).toEqual(['webgpu: kernel not registered', 'could not start', '30.0 ms per step']);
  });

  it('does not run a candidate whose predicted step time exceeds its share (a blocking step cannot be timed out)', async () => {
    const f = fakeEnv({ wasm: 40, cpu: 9000 }, { cpu: 2500 });
    const c = await calibrate(['wasm', 'cpu'], 'dcgan28-small', f.env);
    // With cpu ruled out, wasm is the only one left: nothing is timed at all.
    expect(f.measured).toEqual([]);
    expect(c.chosen).toBe('wasm');
    expect(c.measurements[0].note).toMatch(/not measured: ≥ 2\.5 s per step predicted/);
    expect(c.summary).toBe("wasm — the only backend worth measuring for dcgan28-small (cpu: not measured: ≥ 2.5 s per step predicted from the model's FLOPs)");
  });

  it('rules out a blocking backend whose trial (warm-up and a timed step) would not fit its share', async () => {
    // 700 ms a step fits a 1.5 s share once, but not the three steps a trial runs.
    const f = fakeEnv({ wasm: 40, cpu: 900 }, { cpu: 700 });
    const c = await calibrate(['wasm', 'cpu'], 'dcgan28-small', f.env);
    expect(f.measured).toEqual([]);
    expect(c.chosen).toBe('wasm');
  });

  it('measures the rest when one of three is predicted too slow', async () => {
    const f = fakeEnv({ webgpu: 12, wasm: 40, cpu: 9000 }, { cpu: 2500 });
    const c = await calibrate(['webgpu', 'wasm', 'cpu'], 'dcgan28-small', f.env);
    expect(f.measured).toEqual(['webgpu', 'wasm']);
    expect(c.chosen).toBe('webgpu');
  });

  it('with one candidate measures nothing', async () => {
    const f = fakeEnv({ wasm: 10 });
    const c = await calibrate(['wasm'], 'mlp2d', f.env);
    expect(f.measured).toEqual([]);
    expect(c).toMatchObject({ chosen: 'wasm', measurements: [], fromCache: false });
  });

  it('caches a real comparison per device and model; the next call is answered from the cache', async () => {
    const cache = memoryCache();
    const key = calibrationKey('nvidia-h200|16', 'mlp2d');
    const first = fakeEnv({ webgpu: 53, wasm: 18 });
    await calibrate(['webgpu', 'wasm'], 'mlp2d', first.env, { store: cache, key, now: () => Date.UTC(2026, 11, 1) });
    expect(cache.map.get(key)?.chosen).toBe('wasm');
    const second = fakeEnv({ webgpu: 53, wasm: 18 });
    const c = await calibrate(['webgpu', 'wasm'], 'mlp2d', second.env, { store: cache, key, now: () => 0 });
    expect(second.measured).toEqual([]);
    expect(c.fromCache).toBe(true);
    expect(second.active()).toBe('wasm');
    expect(c.summary).toMatch(/\(measured 2026-12-01\)$/);
    // The verdict as data comes back from the cache too, with its date.
    expect(c.facts).toMatchObject({ kind: 'faster', chosen: 'wasm', other: 'webgpu', model: 'mlp2d', measuredOn: '2026-12-01' });
    expect(describeFacts(c.facts!)).toBe(c.summary);
    // Another model re-decides.
    const third = fakeEnv({ webgpu: 5, wasm: 180 });
    const other = await calibrate(['webgpu', 'wasm'], 'dcgan32', third.env, { store: cache, key: calibrationKey('nvidia-h200|16', 'dcgan32'), now: () => 0 });
    expect(other.chosen).toBe('webgpu');
    expect(third.measured).toEqual(['webgpu', 'wasm']);
  });

  it('does not cache when only one candidate could be measured (a slow first warm-up gets another chance)', async () => {
    const cache = memoryCache();
    const f = fakeEnv({ webgpu: 'hang', wasm: 30 });
    await calibrate(['webgpu', 'wasm'], 'mlp2d', f.env, { store: cache, key: 'k', now: () => 0 });
    expect(cache.map.size).toBe(0);
  });

  it('ignores a cached choice that cannot start any more', async () => {
    const cache = memoryCache();
    cache.map.set('k', { chosen: 'webgpu', summary: 'webgpu — …', at: 0 });
    const f = fakeEnv({ webgpu: 'no-start', wasm: 30 });
    const c = await calibrate(['webgpu', 'wasm'], 'mlp2d', f.env, { store: cache, key: 'k', now: () => 0 });
    expect(c.chosen).toBe('wasm');
    expect(c.fromCache).toBe(false);
  });
});
