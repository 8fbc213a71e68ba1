/**
 * Builds the bench page (scripts/bench/page/index.html + its worker) into bench/tmp/, apart from the app's
 * build. Same TF.js packages and wasm asset imports as the app, minified like the app.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root: resolve(root, 'scripts', 'bench', 'page'),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(root, 'bench', 'tmp'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
});
