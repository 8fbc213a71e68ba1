/**
 * Builds the bench page (scripts/bench/page/index.html + its worker) into bench/tmp/, apart from the app's
 * build. Same TF.js packages, wasm asset imports and worker plugin as the app, minified like the app.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { selfContainedWasmFactory } from '../vite/selfContainedWasmFactory.ts';

const root = resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root: resolve(root, 'scripts', 'bench', 'page'),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  // The page is cross-origin isolated, so the worker loads the threaded wasm glue: without the
  // app's plugin the minified factory fails in each pthread ("e is not defined") and wasm never starts.
  worker: { format: 'es', plugins: () => [selfContainedWasmFactory()] },
  build: {
    outDir: resolve(root, 'bench', 'tmp'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
});
