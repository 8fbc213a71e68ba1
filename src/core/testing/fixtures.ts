/** Small in-memory datasets for unit tests: no files, no randomness beyond the seed. */
import { makeArrayDataset } from '../data/arrayDataset';
import type { Dataset, DatasetInfo } from '../data/types';
import { Random } from '../random';

export function pointsDataset(count = 256, seed = 7): Dataset {
  const rng = new Random(seed);
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const a = (2 * Math.PI * (i % 8)) / 8;
    data[2 * i] = Math.cos(a) + 0.01 * rng.normal();
    data[2 * i + 1] = Math.sin(a) + 0.01 * rng.normal();
  }
  return arrayDataset({ id: 'test-points', kind: 'points', shape: [2] }, data);
}

export function imageDataset(shape: [number, number, number], count = 32, seed = 7): Dataset {
  const rng = new Random(seed);
  const dim = shape[0] * shape[1] * shape[2];
  const data = new Float32Array(count * dim).map(() => rng.next() * 2 - 1);
  return arrayDataset({ id: 'test-images', kind: 'image', shape }, data);
}

/** `imageDataset` with labels: example i is class i mod `classes` (classes named "0", "1", …). */
export function labelledImageDataset(shape: [number, number, number], classes: number, count = 32, seed = 7): Dataset {
  const base = imageDataset(shape, count, seed);
  const classNames = Array.from({ length: classes }, (_, k) => String(k));
  return { ...base, info: { ...base.info, id: 'test-labelled-images', classNames }, labels: Uint8Array.from({ length: count }, (_, i) => i % classes) };
}

function arrayDataset(partial: Pick<DatasetInfo, 'id' | 'kind' | 'shape'>, data: Float32Array): Dataset {
  const dim = partial.shape.reduce((a, b) => a * b, 1);
  const info: DatasetInfo = { ...partial, name: partial.id, count: data.length / dim, licence: 'test', credit: 'test', description: 'test', recommended: {} };
  return makeArrayDataset(info, data);
}
