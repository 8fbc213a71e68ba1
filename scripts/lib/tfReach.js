// Which src/core modules reach TF.js, directly or through other core modules (type imports count).
// Computed from the sources each time ESLint loads its config, so a new core file is classified
// without anyone keeping a list. Plain JS: eslint.config.js imports it without a TS loader.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Every non-test .ts file under `coreDir`, as 'metrics/classifier' (no extension). */
function coreModules(coreDir) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name) && !/\.d\.ts$/.test(name))
        out.push(relative(coreDir, path).replace(/\.ts$/, '').split('\\').join('/'));
    }
  };
  walk(coreDir);
  return out.sort();
}

/** @returns {string[]} the TF-reaching core modules, sorted, relative to `coreDir` without extension. */
export function tfReachingCoreModules(coreDir) {
  const modules = coreModules(coreDir);
  const imports = new Map();
  for (const m of modules) {
    const code = readFileSync(join(coreDir, `${m}.ts`), 'utf8');
    const specifiers = [...code.matchAll(/\bfrom\s+'([^']+)'|\bimport\s+'([^']+)'/g)].map((x) => x[1] ?? x[2]);
    imports.set(
      m,
      specifiers.map((s) =>
        s.startsWith('.')
          ? relative(coreDir, join(coreDir, dirname(m), s))
              .replace(/\.ts$/, '')
              .split('\\')
              .join('/')
          : s,
      ),
    );
  }
  const tf = new Set();
  for (let changed = true; changed;) {
    changed = false;
    for (const m of modules) {
      if (!tf.has(m) && imports.get(m).some((s) => s.startsWith('@tensorflow/') || tf.has(s))) {
        tf.add(m);
        changed = true;
      }
    }
  }
  return [...tf].sort();
}
