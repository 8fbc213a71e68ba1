/**
 * Node's side of `LoadContext.readAsset`: the browser fetches files under public/, the CLI and the
 * tests read the same files from disk here, so loaders see identical bytes everywhere.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadContext } from '../../src/core/data/types';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PUBLIC_DIR = resolve(REPO_ROOT, 'public');

/** Absolute path of an asset under public/; refuses paths that would escape it. */
export function publicAssetPath(path: string): string {
  const full = resolve(PUBLIC_DIR, path.replace(/^\/+/, ''));
  if (full !== PUBLIC_DIR && !full.startsWith(PUBLIC_DIR + sep)) {
    throw new Error(`asset path "${path}" points outside public/`);
  }
  return full;
}

export async function nodeReadAsset(path: string): Promise<ArrayBuffer> {
  const full = publicAssetPath(path);
  if (!existsSync(full)) {
    const hint = path.startsWith('data/') ? ' (prepared datasets are generated: run "npm run prepare-data")' : '';
    throw new Error(`asset "${path}" not found at ${full}${hint}`);
  }
  const buf = await readFile(full);
  // A Node Buffer may share a larger pooled ArrayBuffer: hand back exactly this file's bytes.
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export function nodeLoadContext(seed: number): LoadContext {
  return { seed, readAsset: nodeReadAsset };
}
