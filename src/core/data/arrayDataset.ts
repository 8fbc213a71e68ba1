/**
 * A `Dataset` over examples already in memory as one Float32Array (row-major, one example after
 * another): the 2-D point sets, the test fixtures and the bench's stand-in data all read this way.
 */
import { checkBatchArgs } from './batchArgs';
import type { Dataset, DatasetInfo } from './types';

export function makeArrayDataset(info: DatasetInfo, data: Float32Array): Dataset {
  const dim = info.shape.reduce((a, b) => a * b, 1);
  if (data.length % dim !== 0) throw new Error(`${info.id}: ${data.length} values are not a whole number of ${dim}-value examples`);
  const count = data.length / dim;
  return {
    info,
    count,
    dim,
    readBatch(indices, out) {
      checkBatchArgs(indices, out, count, dim, info.id);
      for (let i = 0; i < indices.length; i++) out.set(data.subarray(indices[i] * dim, (indices[i] + 1) * dim), i * dim);
    },
  };
}
