/**
 * How often the shipped classifier reads a conditional run's class-K samples as class K, on any
 * labelled dataset with a classifier (mnist, fashion-mnist, emoji):
 *   for K in 0..K-1: npm run sample -- --run RUN.ganrun --n 200 --class K --out DIR/class-K
 *   npx tsx scripts/class-accuracy.ts --dir DIR
 * Reads every DIR/class-K/samples.bin (uint8, what `npm run sample` writes; the dataset comes from
 * its summary.json) and prints a per-class table (docs/conditional.md has the measured ones) with,
 * for reference, how often the same classifier reads the held-out real images of that class as
 * that class (its own 15 % test split): a class the classifier confuses on real data caps what a
 * generator's samples of it can score. Exits 2 on a bad directory.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../src/core/backend/backend';
import { getDatasetSource } from '../src/core/data/registry';
import type { Dataset } from '../src/core/data/types';
import type { Classifier } from '../src/core/metrics/classifier';
import { loadClassifier } from '../src/core/metrics/classifierFile';
import { classifierSplit } from '../src/core/metrics/classifierSpec';
import { nodeLoadContext, nodeReadAsset } from './lib/nodeAssets';
import { runMain } from './lib/runMain';

interface ClassSamples {
  classIndex: number;
  dataset: string;
  count: number;
  images: Float32Array;
}

/** One `npm run sample --class K` output: its bytes back to [-1, 1] floats, as the classifier reads them. */
function readClassDir(dir: string, classIndex: number): ClassSamples {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { dataset: string; n: number; classes?: number[] };
  if (!summary.classes || summary.classes[0] !== classIndex)
    throw new Error(`${dir} does not hold class ${classIndex} samples (summary.json classes: ${JSON.stringify(summary.classes)})`);
  const bytes = readFileSync(join(dir, 'samples.bin'));
  return { classIndex, dataset: summary.dataset, count: summary.n, images: Float32Array.from(bytes, (b) => b / 127.5 - 1) };
}

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--dir');
  const root = at >= 0 ? argv[at + 1] : undefined;
  if (!root || !existsSync(root)) {
    console.error('usage: npx tsx scripts/class-accuracy.ts --dir DIR   (DIR/class-K/ from npm run sample --class K)');
    return 2;
  }
  const dirs = readdirSync(root)
    .map((name) => /^class-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => readClassDir(join(root, m[0]), Number(m[1])))
    .sort((a, b) => a.classIndex - b.classIndex);
  if (dirs.length === 0) {
    console.error(`${root} holds no class-K directories`);
    return 2;
  }
  await selectBackend('wasm');
  const datasetId = dirs[0].dataset;
  const mixed = dirs.find((d) => d.dataset !== datasetId);
  if (mixed) {
    console.error(`${root}: class-${mixed.classIndex} holds ${mixed.dataset} samples, the others ${datasetId}`);
    return 2;
  }
  const source = getDatasetSource(datasetId);
  if (!source?.info.classNames) {
    console.error(`${datasetId} is not a labelled dataset`);
    return 2;
  }
  const names = source.info.classNames;
  const classifier = await loadClassifier(nodeReadAsset, datasetId);
  const real = await realRates(classifier, await source.load(nodeLoadContext(1)));
  console.log(`${datasetId}\n| class | name | samples | read as that class | held-out real images read as that class |\n| --- | --- | --- | --- | --- |`);
  const rows: number[] = [];
  for (const d of dirs) {
    const rate = hitRate(await classifier.classify(d.images, d.count), Array(d.count).fill(d.classIndex), classifier.spec.numClasses);
    rows.push(rate);
    const ref = real[d.classIndex];
    console.log(`| ${d.classIndex} | ${names[d.classIndex] ?? '?'} | ${d.count} | ${pct(rate)} | ${pct(ref)} |`);
  }
  console.log(`lowest: ${pct(Math.min(...rows))}`);
  classifier.dispose();
  return 0;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The fraction of rows whose most probable class is their label. */
function hitRate({ probs }: { probs: Float32Array }, labels: number[], k: number): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = probs.subarray(i * k, (i + 1) * k);
    if (row.indexOf(Math.max(...row)) === labels[i]) hits++;
  }
  return hits / labels.length;
}

/** Per class, how often the classifier reads its held-out real images (the split it was tested on) as that class. */
async function realRates(classifier: Classifier, ds: Dataset): Promise<number[]> {
  const labels = ds.labels!;
  const { test } = classifierSplit(ds.count);
  const images = new Float32Array(test.length * ds.dim);
  ds.readBatch(test, images);
  const wanted = Array.from(test, (i) => labels[i]);
  const out = await classifier.classify(images, test.length);
  const k = classifier.spec.numClasses;
  return Array.from({ length: k }, (_, c) => {
    const rows = wanted.flatMap((y, i) => (y === c ? [i] : []));
    const sub = new Float32Array(rows.length * k);
    rows.forEach((r, j) => sub.set(out.probs.subarray(r * k, (r + 1) * k), j * k));
    return hitRate({ probs: sub }, Array(rows.length).fill(c), k);
  });
}

runMain(() => main(process.argv.slice(2)));
