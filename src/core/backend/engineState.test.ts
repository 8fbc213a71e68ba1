/**
 * The start-up race (issue: a page error "Backend 'wasm' has not yet been initialized" under CPU
 * load): TF.js throws on tf.memory() and on every op while a backend starts. These tests hold a
 * backend's start open and check what stays safe in that window, and that a start given up on
 * (timed out) does not leave the engine unusable.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectBackend } from './backend';
import { abandonBackendStart, liveTensorCount, slowBackendStarts } from './engineState';

const cpu = () => tf.findBackend('cpu') as tf.KernelBackend;

/** Registers `name` with a start that ends only when `release` is called. */
function heldBackend(name: string): { release: () => void } {
  let release = () => {};
  tf.registerBackend(name, () => new Promise<tf.KernelBackend>((resolve) => (release = () => resolve(cpu()))), 1);
  return { release: () => release() };
}

beforeEach(async () => {
  await tf.setBackend('cpu');
});

afterEach(async () => {
  for (const name of ['held', 'hang']) if (tf.findBackendFactory(name)) tf.removeBackend(name);
  await tf.setBackend('cpu');
});

describe('engine state while a backend starts', () => {
  it('liveTensorCount answers while tf.memory() throws "not yet initialized"', async () => {
    const kept = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const held = heldBackend('held');
    const switching = tf.setBackend('held');
    expect(() => tf.memory()).toThrow(/has not yet been initialized/);
    expect(liveTensorCount()).toBe(before);
    held.release();
    expect(await switching).toBe(true);
    await tf.setBackend('cpu');
    expect(liveTensorCount()).toBe(tf.memory().numTensors);
    kept.dispose();
  });

  it('a start given up on leaves the engine usable for the next backend', async () => {
    tf.registerBackend('hang', () => new Promise<tf.KernelBackend>(() => {}), 1);
    void tf.setBackend('hang');
    abandonBackendStart('hang');
    expect(await tf.setBackend('cpu')).toBe(true);
    await tf.ready();
    expect(Array.from(tf.add(1, 2).dataSync())).toEqual([3]);
    // Still registered, so it can be tried again later.
    expect(tf.findBackendFactory('hang')).not.toBeNull();
  });

  it('selectBackend falls back to cpu when wasm never finishes starting (and ops then work)', async () => {
    const wasm = tf.findBackendFactory('wasm');
    expect(wasm).not.toBeNull();
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', () => new Promise<tf.KernelBackend>(() => {}), 2);
    try {
      const report = await selectBackend('wasm', { timeoutMs: 200 });
      expect(report.name).toBe('cpu');
      expect(report.reasons.join(' ')).toMatch(/wasm: requested but failed — setBackend\('wasm'\) timed out/);
      expect(tf.getBackend()).toBe('cpu');
      expect(Array.from(tf.mul(2, 3).dataSync())).toEqual([6]);
    } finally {
      tf.removeBackend('wasm');
      tf.registerBackend('wasm', wasm!, 2);
    }
  });

  it('slowBackendStarts (the e2e hook) delays a start without breaking it', async () => {
    slowBackendStarts(30);
    const switching = tf.setBackend('cpu');
    // cpu was started before the hook: re-registering drops it, so this start goes through the delay.
    expect(() => tf.memory()).toThrow(/has not yet been initialized/);
    expect(await switching).toBe(true);
    expect(Array.from(tf.add(2, 2).dataSync())).toEqual([4]);
  });
});
