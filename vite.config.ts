import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { selfContainedWasmFactory } from './scripts/vite/selfContainedWasmFactory.ts';
import { pwaIcons } from './scripts/vite/pwaIcons.ts';
import { DATASET_CACHE_PREFIX, datasetCacheName, pwaOptions } from './scripts/vite/pwaOptions.ts';

// Cross-origin isolation lets the WASM backend use SharedArrayBuffer (threads) where it can.
// CORP cross-origin lets a cross-origin-isolated page embed the app in an iframe (docs/embed.md).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ command }) => {
  // Hashing the 66 MB of datasets takes ~0.3 s: only a build writes the name into a service
  // worker (the dev server registers none; Vitest and preview need no name).
  const datasetCache = command === 'build' ? datasetCacheName(fromRoot('./public/data')) : `${DATASET_CACHE_PREFIX}dev`;
  return {
    plugins: [react(), pwaIcons(fromRoot('./public/favicon.svg')), VitePWA(pwaOptions(datasetCache))],
    // The worker's asset reader and the page's offline list name the same dataset cache as the service worker.
    define: { 'import.meta.env.VITE_DATASET_CACHE': JSON.stringify(datasetCache) },
    // The training worker bundles TF.js's wasm glue: the plugin must run on the worker's build too.
    worker: { format: 'es', plugins: () => [selfContainedWasmFactory()] },
    // The dev server's dependency scan starts at index.html and does not follow `new Worker(new URL(…))`,
    // so without this it finds the worker's TF.js packages only when the worker loads, re-bundles and
    // reloads the page a few seconds into the first visit (losing a Start clicked meanwhile).
    optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'] },
    server: { headers: isolationHeaders },
    preview: { headers: isolationHeaders, port: 4173, strictPort: false },
    build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
    test: {
      include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
      setupFiles: ['src/core/testing/quietTf.ts'],
      environment: 'node',
      // Hang guards, not speed checks: classGrid's CPU-backend test takes ~105 s alone and 123 s
      // at load 8 on 2 cores, which failed a 120 s limit. Speed is measured by `npm run bench`.
      testTimeout: 600_000,
      hookTimeout: 600_000,
      pool: 'forks',
    },
  };
});
