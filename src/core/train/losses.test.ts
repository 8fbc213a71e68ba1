import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const real = [2, -1];
const fake = [0.5, -3];
const sp = (x: number) => Math.log1p(Math.exp(x));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function values(id: keyof typeof LOSSES): [number, number] {
  const loss = LOSSES[id];
  return tf.tidy(() => {
    const d = loss.discriminator(tf.tensor1d(real), tf.tensor1d(fake)).dataSync()[0];
    const g = loss.generator(tf.tensor1d(fake)).dataSync()[0];
    return [d, g];
  });
}

describe('GAN losses against hand-computed values', () => {
  it('non-saturating: D = E[softplus(-r)] + E[softplus(f)], G = E[softplus(-f)]', () => {
    const [d, g] = values('nonsaturating');
    expect(d).toBeCloseTo(mean(real.map((r) => sp(-r))) + mean(fake.map(sp)), 5);
    expect(g).toBeCloseTo(mean(fake.map((f) => sp(-f))), 5);
    // The same numbers by hand, so a wrong `sp` above cannot hide a wrong loss:
    // D = (0.126928 + 1.313262) / 2 + (0.974077 + 0.048587) / 2, G = (0.474077 + 3.048587) / 2.
    expect(d).toBeCloseTo(1.231427, 5);
    expect(g).toBeCloseTo(1.761332, 5);
  });

  it('minimax: same D loss, G = E[log(1 - σ(f))] = -E[softplus(f)]', () => {
    const [d, g] = values('minimax');
    expect(d).toBeCloseTo(values('nonsaturating')[0], 6);
    expect(g).toBeCloseTo(-mean(fake.map(sp)), 5);
  });

  it('wasserstein: D = -E[r] + E[f], G = -E[f]', () => {
    const [d, g] = values('wasserstein');
    expect(d).toBeCloseTo(-0.5 + -1.25, 6);
    expect(g).toBeCloseTo(1.25, 6);
  });

  it('hinge: D = E[relu(1-r)] + E[relu(1+f)], G = -E[f]', () => {
    const [d, g] = values('hinge');
    // relu(1-2)=0, relu(1+1)=2 → 1; relu(1.5)=1.5, relu(-2)=0 → 0.75.
    expect(d).toBeCloseTo(1.75, 6);
    expect(g).toBeCloseTo(1.25, 6);
  });

  it('least-squares: D = ½E[(r-1)²] + ½E[f²], G = ½E[(f-1)²]', () => {
    const [d, g] = values('least-squares');
    // (1 + 4)/2 = 2.5 and (0.25 + 9)/2 = 4.625 → ½(2.5 + 4.625).
    expect(d).toBeCloseTo(3.5625, 5);
    // ((-0.5)² + (-4)²)/2 = 8.125 → ½ · 8.125.
    expect(g).toBeCloseTo(4.0625, 5);
  });

  it('non-saturating stays finite for huge logits', () => {
    const loss = LOSSES.nonsaturating;
    const d = tf.tidy(() => loss.discriminator(tf.tensor1d([-200]), tf.tensor1d([200])).dataSync()[0]);
    expect(d).toBeCloseTo(400, 3);
  });

  it('one-sided label smoothing: real target t gives t·softplus(-r) + (1-t)·softplus(r)', () => {
    const d = tf.tidy(() => LOSSES.nonsaturating.discriminator(tf.tensor1d(real), tf.tensor1d(fake), 0.9).dataSync()[0]);
    const smoothed = mean(real.map((r) => 0.9 * sp(-r) + 0.1 * sp(r)));
    expect(d).toBeCloseTo(smoothed + mean(fake.map(sp)), 5);
    const ls = tf.tidy(() => LOSSES['least-squares'].discriminator(tf.tensor1d(real), tf.tensor1d(fake), 0.9).dataSync()[0]);
    // ((2-0.9)² + (-1-0.9)²)/2 = (1.21 + 3.61)/2 = 2.41.
    expect(ls).toBeCloseTo(0.5 * (2.41 + 4.625), 5);
  });
});
