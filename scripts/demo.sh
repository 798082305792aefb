#!/usr/bin/env bash
# `npm run demo`: bootstrap (node modules, the Pulumi CLI, the build), then
# examples/basic/run-demo.mjs: emulator with --data, pulumi up, a clean second preview.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/bootstrap.sh"
node "$repo_root/examples/basic/run-demo.mjs" "$@"
