/**
 * The class side of a conditional run's latent paths (docs/latent-explorer.md). A conditional G
 * looks its class up as onehot(y)·E (classEmbedding.ts), so a soft row (1 − t)·onehot(a) +
 * t·onehot(b) gives exactly (1 − t)·E[a] + t·E[b]: the linear interpolation of the two classes'
 * learned embeddings, with no change to G. No TF.js here.
 */

/** `frames` class rows (frames × classes) from class `a` (t = 0) to class `b` (t = 1), both ends exact one-hots. */
export function classMixPath(a: number, b: number, frames: number, classes: number): Float32Array {
  if (!(frames >= 2)) throw new Error(`classMixPath: ${frames} frames; a path needs 2 or more`);
  const out = new Float32Array(frames * classes);
  for (let f = 0; f < frames; f++) {
    // Same t as interpolationPath's frames, so a z path and its class path stay in step.
    const t = f / (frames - 1);
    out[f * classes + a] += 1 - t;
    out[f * classes + b] += t;
  }
  return out;
}

/** `frames` copies of class `c`'s one-hot row. */
export function classRows(c: number, frames: number, classes: number): Float32Array {
  const out = new Float32Array(frames * classes);
  for (let f = 0; f < frames; f++) out[f * classes + c] = 1;
  return out;
}
