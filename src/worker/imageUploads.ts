/**
 * Turns the user's files into the dataset 'upload', in the worker so the page never freezes.
 * Each file is judged on its own: a bad one is skipped with a reason, the rest still count.
 * Nothing leaves the browser.
 */
import type { TrainConfig } from '../core/config';
import { makeImageDataset, recommendedImageConfig } from '../core/data/imageDataset';
import { GREY_28, MAX_IMAGES, MAX_SOURCE_PIXELS, RGB_32, resizeImage, type RgbaImage } from '../core/data/imageResize';
import { sniffImage, type ImageFormat } from '../core/data/imageSniff';
import type { DatasetInfo, DatasetSource } from '../core/data/types';
import { keptClasses, labelUploads, MAX_UPLOAD_CLASSES, type UploadPlace } from '../core/data/uploadClasses';
import type { UploadFile, UploadTarget } from './protocol';
import type { Values } from './wording';

export const UPLOAD_ID = 'upload';
/** Largest file read at all (a 50 MP PNG or JPEG is well under this). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export { MAX_IMAGES, MAX_SOURCE_PIXELS, MAX_UPLOAD_CLASSES };
/** Files decoded at once (bounded: each can be a large decoded bitmap). */
const DECODE_PARALLEL = 8;

/** Decodes one image's bytes (createImageBitmap in the worker, pngjs in tests); GIFs give their first frame. */
export type ImageDecoder = (bytes: ArrayBuffer, format: ImageFormat) => Promise<RgbaImage>;

export interface UploadOutcome {
  source: DatasetSource | null;
  accepted: number;
  skipped: ({ name: string } & SkipReason)[];
  capped: number;
}

const TARGETS = { grey28: GREY_28, rgb32: RGB_32 } as const;
const RECOMMENDED: Record<UploadTarget, Partial<TrainConfig>> = {
  grey28: recommendedImageConfig('dcgan28-small'),
  rgb32: recommendedImageConfig('dcgan32-small'),
};

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Why a file was skipped: the English reason, and its key (under `worker.skip.`) and values for the page. */
export type SkipReason = { reason: string; key: string; values: Values };
const skip = (key: string, values: Values, reason: string): SkipReason => ({ reason, key: `skip.${key}`, values });

async function judge(file: UploadFile, decode: ImageDecoder): Promise<RgbaImage | SkipReason> {
  if (file.size === 0) return skip('empty', {}, 'empty file (0 bytes)');
  if (file.size > MAX_FILE_BYTES) {
    const [size, limit] = [mb(file.size), mb(MAX_FILE_BYTES)];
    return skip('tooBig', { size, limit }, `file is ${size} MB; the limit is ${limit} MB`);
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (e) {
    const detail = (e as Error).message;
    return skip('unreadable', { detail }, `could not be read (${detail})`);
  }
  const sniffed = sniffImage(new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 64 * 1024)));
  if (!sniffed) return skip('notImage', {}, 'not an image (PNG, JPEG, WebP or GIF expected)');
  const { width, height } = sniffed;
  if (width !== null && height !== null) {
    if (width === 0 || height === 0) return skip('badHeader', { width, height }, `corrupt image (header says ${width}×${height})`);
    if (width * height > MAX_SOURCE_PIXELS) {
      const [megapixels, limit] = [((width * height) / 1e6).toFixed(0), MAX_SOURCE_PIXELS / 1e6];
      return skip('tooManyPixels', { width, height, megapixels, limit }, `too large: ${width}×${height} is ${megapixels} megapixels; the limit is ${limit}`);
    }
  }
  try {
    return await decode(bytes, sniffed.format);
  } catch (e) {
    const [format, detail] = [sniffed.format.toUpperCase(), (e as Error).message || 'decode failed'];
    return skip('corrupt', { format, detail }, `corrupt or unreadable ${format} (${detail})`);
  }
}

/** Why a file with no class in a labelled set is skipped before its bytes are read. */
function placeSkip(place: UploadPlace): SkipReason | null {
  if (place.kind === 'loose')
    return skip('noClass', {}, 'not in a class folder: in a set of class folders, every image must sit in one (its folder names its class)');
  if (place.kind === 'overCap') {
    const [folder, max] = [place.folder, MAX_UPLOAD_CLASSES];
    return skip('overClassCap', { folder, max }, `in folder "${folder}", past the ${max}-class limit (the first ${max} folders in name order are the classes)`);
  }
  return null;
}

export async function buildUploadSource(
  files: UploadFile[],
  target: UploadTarget,
  decode: ImageDecoder,
  options: {
    invert?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Each file's path relative to what was chosen or dropped (a folder of class folders labels the set); names alone when absent. */
    paths?: readonly string[];
  } = {},
): Promise<UploadOutcome> {
  const size = TARGETS[target];
  const per = size.size * size.size * size.channels;
  const kept: Uint8Array[] = [];
  const keptLabels: number[] = [];
  const skipped: UploadOutcome['skipped'] = [];
  const paths = options.paths ?? files.map((f) => f.name);
  const { classNames, places } = labelUploads(paths);
  // Files without a class in a labelled set are skipped unread; the rest are decoded in order.
  const candidates: { file: UploadFile; name: string; place: UploadPlace }[] = [];
  files.forEach((file, k) => {
    const name = options.paths ? paths[k] : file.name;
    const why = placeSkip(places[k]);
    if (why) skipped.push({ name, ...why });
    else candidates.push({ file, name, place: places[k] });
  });
  const early = files.length - candidates.length;
  // Files are read and decoded a few at a time: while training runs, every await waits for a
  // training slice, so one file after another would crawl.
  let i = 0;
  while (i < candidates.length && kept.length < MAX_IMAGES) {
    const chunk = candidates.slice(i, i + Math.min(DECODE_PARALLEL, MAX_IMAGES - kept.length));
    const results = await Promise.all(chunk.map(({ file }) => judge(file, decode)));
    results.forEach((result, k) => {
      const { name, place } = chunk[k];
      if ('reason' in result) skipped.push({ name, ...result });
      else {
        try {
          // Dark photos of light-on-dark digits need no inversion; ink on paper does (user's choice).
          kept.push(resizeImage(result, size, { invert: options.invert, background: options.invert ? [255, 255, 255] : [0, 0, 0] }));
          if (place.kind === 'class') keptLabels.push(place.classIndex);
        } catch (e) {
          const detail = (e as Error).message;
          skipped.push({ name, ...skip('other', { detail }, detail) });
        }
      }
      options.onProgress?.(early + i + k + 1, files.length);
    });
    i += chunk.length;
  }
  const capped = candidates.length - i;
  if (kept.length === 0) return { source: null, accepted: 0, skipped, capped };
  const pixels = new Uint8Array(kept.length * per);
  kept.forEach((img, i) => pixels.set(img, i * per));
  const shape = [size.size, size.size, size.channels];
  // A class folder whose files all failed is no class; fewer than two left means no labels.
  const labelled = classNames.length ? keptClasses(classNames, keptLabels) : null;
  const classes = labelled ? ` in ${labelled.classNames.length} classes (${labelled.classNames.join(', ')})` : '';
  const info: DatasetInfo = {
    id: UPLOAD_ID,
    name: `Your images (${kept.length})`,
    kind: 'image',
    shape,
    count: kept.length,
    licence: 'Yours: decoded in this browser tab, never uploaded anywhere',
    credit: 'Your own images',
    description: `${kept.length} of your images${classes}, centre-cropped and resized to ${shape.join('×')}.`,
    recommended: RECOMMENDED[target],
    ...(labelled ? { classNames: labelled.classNames } : {}),
  };
  const image = { count: kept.length, height: size.size, width: size.size, channels: size.channels, pixels, ...(labelled ? { labels: labelled.labels } : {}) };
  const dataset = makeImageDataset(info, image);
  return { source: { info, load: async () => dataset }, accepted: kept.length, skipped, capped };
}
