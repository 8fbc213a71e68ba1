#!/usr/bin/env bash
# Builds .devbench/: a self-contained WebGPU bench (scripts/bench/webgpuNode.ts) for an x86-64
# Linux machine with a GPU and Vulkan driver but no Node, no browser and no network.
#
#   scripts/devbench-bundle.sh            # build here (needs node_modules, npm, xz, strip)
#   .devbench/run.sh OUT_DIR [ARGS…]      # there: unpack Node, run the bench (ARGS: --quick, --wasm, …)
#
# Contents (≈ 48 MiB): node.xz (this machine's Node, stripped, xz -9), npm/ (the npm package
# `webgpu` = Dawn's Node bindings with the prebuilt linux-x64 dawn.node; installed here with
# --ignore-scripts, its postinstall only touches macOS; never a project dependency), bench.cjs
# (the entry with TF.js and src/ bundled by esbuild), the TF.js wasm binaries beside it.
# The folder is ignored through .git/info/exclude, not .gitignore. The target also needs a Vulkan
# loader (libvulkan.so.1): /work/.library/device/README.md's .gl recipe brings one.
set -euo pipefail
cd "$(dirname "$0")/.."
D=.devbench
WEBGPU_VERSION=${WEBGPU_VERSION:-0.6.2}
mkdir -p "$D"
grep -qx '/.devbench/' .git/info/exclude 2>/dev/null || echo '/.devbench/' >>.git/info/exclude

if [ ! -s "$D/node.xz" ]; then
  cp "$(command -v node)" "$D/node.tmp"
  strip "$D/node.tmp"
  xz -9 -T2 -c "$D/node.tmp" >"$D/node.xz"
  rm "$D/node.tmp"
fi

if [ ! -f "$D/npm/node_modules/webgpu/package.json" ] || ! grep -q "\"version\": \"$WEBGPU_VERSION\"" "$D/npm/node_modules/webgpu/package.json"; then
  rm -rf "$D/npm"
  mkdir -p "$D/npm"
  npm install --prefix "$D/npm" --ignore-scripts --no-audit --no-fund --no-save "webgpu@$WEBGPU_VERSION"
fi
# Only linux-x64's dawn.node travels.
find "$D/npm/node_modules/webgpu/dist" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +

# CommonJS so that TF.js's wasm backend finds its binaries through __dirname (copied beside).
npx esbuild scripts/bench/webgpuNode.ts --bundle --platform=node --target=node20 --format=cjs \
  --define:import.meta.url=__import_meta_url \
  --banner:js="const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" \
  --log-level=warning --outfile="$D/bench.cjs"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$D/"

cat >"$D/run.sh" <<'EOF'
#!/usr/bin/env bash
# .devbench/run.sh OUT_DIR [ARGS…]: unpacks Node to /tmp and runs the WebGPU bench into OUT_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
shift
if [ ! -x /tmp/devbench-node ]; then
  if command -v xz >/dev/null; then xz -dc "$here/node.xz" >/tmp/devbench-node
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$here/node.xz" /tmp/devbench-node; fi
  chmod +x /tmp/devbench-node
fi
mkdir -p "$out"
exec /tmp/devbench-node "$here/bench.cjs" --webgpu "$here/npm/node_modules/webgpu" --out "$out" "$@"
EOF
chmod +x "$D/run.sh"
du -sh "$D"
