/**
 * Vite plugin: makes TF.js's threaded-SIMD wasm factory self-contained, so WASM threads work in a
 * minified build.
 *
 * Why: each pthread evaluates `factory.toString()` of the inner Emscripten function (tfjs-backend-wasm
 * puts it in a Blob as the pthreads' main script), but that function reads `_scriptDir`, a variable
 * of the IIFE around it. In a minified bundle the outer variable is renamed, the stringified function
 * then refers to a name that does not exist in the pthread, and `setBackend('wasm')` hangs (upstream
 * tfjs issues #4107 and #4253). Moving the two `_scriptDir` lines into the inner function keeps every
 * reference inside the text that is stringified; in a worker they evaluate to `undefined`, exactly
 * what the outer lines gave there.
 */
import type { Plugin } from 'vite';

const TARGET = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

const OUTER =
  /(var WasmBackendModuleThreadedSimd = \(\(\) => \{\n)(\s*var _scriptDir = [^\n]*\n\s*if \(typeof __filename !== 'undefined'\) _scriptDir = _scriptDir \|\| __filename;\n)(\s*return \(\nfunction\(WasmBackendModuleThreadedSimd\) \{\n)/;

/** The factory's source with `_scriptDir` declared inside the stringified function; throws if the glue changed shape. */
export function moveScriptDirInside(source: string): string {
  const match = OUTER.exec(source);
  if (!match)
    throw new Error('selfContainedWasmFactory: the threaded wasm glue no longer has the expected `_scriptDir` prologue; check the tfjs-backend-wasm version');
  const [whole, head, scriptDir, inner] = match;
  return source.replace(whole, head + inner + scriptDir);
}

export function selfContainedWasmFactory(): Plugin {
  return {
    name: 'self-contained-wasm-factory',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      return { code: moveScriptDirInside(code), map: null };
    },
  };
}
