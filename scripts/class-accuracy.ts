/**
 * How often the shipped classifier reads a conditional run's class-K samples as class K:
 *   for K in 0..9: npm run sample -- --run RUN.ganrun --n 200 --class K --out DIR/class-K
 *   npx tsx scripts/class-accuracy.ts --dir DIR
 * Reads every DIR/class-K/samples.bin (uint8, what `npm run sample` writes) and prints a per-class
 * table (docs/conditional.md has the measured one); exits 2 on a bad directory.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectBackend } from '../src/core/backend/backend';
import { loadClassifier } from '../src/core/metrics/classifierFile';
import { nodeReadAsset } from './lib/nodeAssets';
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
  const classifier = await loadClassifier(nodeReadAsset, dirs[0].dataset);
  const k = classifier.spec.numClasses;
  console.log('| class | samples | read as that class |\n| --- | --- | --- |');
  const rows: { classIndex: number; accuracy: number }[] = [];
  for (const d of dirs) {
    const { probs } = await classifier.classify(d.images, d.count);
    let hits = 0;
    for (let i = 0; i < d.count; i++) {
      const row = probs.subarray(i * k, (i + 1) * k);
      if (row.indexOf(Math.max(...row)) === d.classIndex) hits++;
    }
    rows.push({ classIndex: d.classIndex, accuracy: hits / d.count });
    console.log(`| ${d.classIndex} | ${d.count} | ${((100 * hits) / d.count).toFixed(1)}% |`);
  }
  const worst = Math.min(...rows.map((r) => r.accuracy));
  console.log(`lowest: ${(100 * worst).toFixed(1)}%`);
  classifier.dispose();
  return 0;
}

runMain(() => main(process.argv.slice(2)));
