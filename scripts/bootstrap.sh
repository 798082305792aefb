#!/usr/bin/env bash
# Installs what a fresh clone is missing (Node 24, node modules, the Pulumi CLI) and builds the
# TypeScript. Sourced by test.sh, demo.sh and bench.sh; exports LINEWORKS_PULUMI_BIN and
# puts it first on PATH.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# The repository runs on Node 24 LTS (package.json engines: >=22). A machine whose `node` is
# another major version gets the official Node 24 binary from the npm registry
# (scripts/ensure-node.sh, cached outside the repository); npm itself then runs on it too.
if [[ "$(node --version 2>/dev/null)" != v24.* ]]; then
  node24_bin="$(bash scripts/ensure-node.sh 24 | tail -n1)"
  export PATH="$node24_bin:$PATH"
  echo "bootstrap: using Node $(node --version) from $node24_bin" >&2
fi

installed=false
if [[ ! -d node_modules/@pulumi/pulumi || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bootstrap: installing node modules (npm ci, which also compiles: the preprepare script)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  installed=true
fi

LINEWORKS_PULUMI_BIN="$(bash scripts/ensure-pulumi.sh | tail -n1)"
export LINEWORKS_PULUMI_BIN
export PATH="$LINEWORKS_PULUMI_BIN:$PATH"

if [[ "$installed" == false ]]; then
  echo "bootstrap: compiling TypeScript" >&2
  npx --no-install tsc -p tsconfig.json >&2
  node scripts/prune-dist.js # dist/ files of deleted sources would otherwise be packed
  node scripts/build-schema.js # dist/schema/desired-state.schema.json, for editors
fi
