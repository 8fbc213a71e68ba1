#!/usr/bin/env bash
# Fails when a merge-conflict marker is left anywhere in the tracked tree: a line that is only
# `<<<<<<< name`, `=======` or `>>>>>>> name`. Every file counts, docs too. Usage: [DIR] (a git
# checkout; the repository root by default).
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
if hits=$(git grep -nE '^(<{7}|={7}|>{7})( .*)?$' -- . ':!package-lock.json'); then
  echo "Merge-conflict markers left in the tree:"
  echo "$hits"
  exit 1
fi
echo "no merge-conflict markers"
