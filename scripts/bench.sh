#!/usr/bin/env bash
# `npm run bench`: bootstrap, compile the benchmarks, run bench/run.ts (not part of npm test).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/bootstrap.sh"
npx --no-install tsc -p bench/tsconfig.json
node dist-bench/bench/run.js "$@"
