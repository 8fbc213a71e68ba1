/** The written-out loss gradients against TF.js's tape through losses.ts. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LossId } from '../config';
import { generatorLossAndGradient, LOSS_GRADIENTS, stackedLogitGradient } from './lossGradients';
import { LOSSES } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Around hinge's kinks (±1) but not on them, and a wide logit range.
const real = tf.tensor2d([2, -1, 0.3, 5, -4, 0.9], [6, 1]);
const fake = tf.tensor2d([0.5, -3, -0.2, 1.7, -6, 2.5], [6, 1]);
const IDS: LossId[] = ['nonsaturating', 'minimax', 'wasserstein', 'hinge', 'least-squares'];
const close = (a: tf.Tensor, b: tf.Tensor) => {
  const [x, y] = [a.dataSync(), b.dataSync()];
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(v).toBeCloseTo(y[i], 6));
};

describe('loss gradients written out', () => {
  for (const id of IDS) {
    for (const t of [1, 0.9]) {
      it(`${id}: ∂L_D/∂real and ∂L_D/∂fake equal the tape's (target ${t})`, () => {
        const [gr, gf] = tf.grads((r: tf.Tensor, f: tf.Tensor) => LOSSES[id].discriminator(r, f, t))([real, fake]);
        const ours = LOSS_GRADIENTS[id].discriminator(real, fake, t);
        close(ours.real, gr);
        close(ours.fake, gf);
      });
    }
    it(`${id}: ∂L_G/∂fake and G's loss equal the tape's and losses.ts's`, () => {
      const g = tf.grad((f: tf.Tensor) => LOSSES[id].generator(f))(fake);
      close(LOSS_GRADIENTS[id].generator(fake), g);
      const both = generatorLossAndGradient(id, LOSSES[id].generator, fake);
      close(both.grad, g);
      close(both.loss, LOSSES[id].generator(fake));
    });
  }

  it('the stacked logit form: real rows then fake rows, the same gradient and loss', () => {
    const n = 6;
    const sign = tf.tensor2d(
      Array.from({ length: 2 * n }, (_, i) => (i < n ? -1 : 1)),
      [2 * n, 1],
    );
    const { z, grad } = stackedLogitGradient(tf.concat([real, fake]), tf.div(sign, n), sign);
    const [gr, gf] = tf.grads((r: tf.Tensor, f: tf.Tensor) => LOSSES.nonsaturating.discriminator(r, f))([real, fake]);
    close(grad, tf.concat([gr, gf]));
    close(tf.div(tf.sum(tf.softplus(z)), n), LOSSES.nonsaturating.discriminator(real, fake));
  });
});
