/**
 * The project's one weight initialisation: Glorot (Xavier) uniform, U(±√(6 / (fanIn + fanOut))),
 * drawn from a seeded stream so a run's starting weights follow from its seed. The trainer, the
 * classifier trainer and the bench's plain loop all start here.
 */
import { Random } from '../random';
import type { InitFn } from './network';

export function glorotUniform(rng: Random): InitFn {
  return (shape, fanIn, fanOut) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
    return out;
  };
}
