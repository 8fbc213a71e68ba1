/// <reference lib="webworker" />
/**
 * The worker's only job: wire the training session to postMessage. All logic lives in
 * trainingSession.ts (tested in Node) and src/core.
 */
import { activateBackend, selectBackend } from '../core/backend/backend';
import { createBackendChooser } from './backendChoice';
import { calibrationStore } from './calibrationStore';
import { DATASET_SOURCES } from '../core/data/registry';
import type { RgbaImage } from '../core/data/imageResize';
import { createTrainingSession } from './trainingSession';
import { wasmPaths } from './wasmAssets';
import { installTestHooks } from './testHooks';
import { abandonBackendStart, liveTensorCount } from '../core/backend/engineState';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function readAsset(path: string): Promise<ArrayBuffer> {
  const url = new URL(`${import.meta.env.BASE_URL}${path}`, scope.location.origin);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} (run "npm run prepare-data" if the file is missing)`);
  return response.arrayBuffer();
}

// A MessageChannel turn is not clamped to 4 ms like setTimeout, so training slices stay dense.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** Browser decoding: createImageBitmap handles PNG, JPEG, WebP and a GIF's first frame. */
async function decodeImage(bytes: ArrayBuffer, format: string): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: `image/${format}` }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas in this worker');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}

// Only in a worker started for tests (?testHooks=1): testHooks.ts. Before anything starts a backend.
installTestHooks(scope);

const session = createTrainingSession({
  post: (event, transfer) => scope.postMessage(event, transfer),
  selectBackend: (requested, options) => selectBackend(requested, { wasmPaths, ...options }),
  datasets: DATASET_SOURCES,
  readAsset,
  decodeImage,
  yieldToEvents,
  now: () => performance.now(),
  indexedDB: scope.indexedDB,
  chooseBackend: createBackendChooser({
    activate: (name) => activateBackend(name, { wasmPaths }),
    abandon: abandonBackendStart,
    cache: calibrationStore(),
    now: () => performance.now(),
    date: () => Date.now(),
  }),
  // Not tf.memory(): that throws while a backend starts, and before the first one it starts webgpu.
  numTensors: liveTensorCount,
});

scope.onmessage = (e: MessageEvent) => void session.handle(e.data);
