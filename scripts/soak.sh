#!/usr/bin/env bash
# npm run soak: the model-based edit-sequence test (test/stories/sequences) for a time budget.
#   LWC_SOAK_SECONDS        time budget in seconds (default 600, at most 14400); the sequence
#                           running at the deadline finishes
#   LWC_SOAK_SEED           first seed (default: from the clock); one sequence per seed after it
#   LWC_SOAK_MAX_SEQUENCES  stop after this many sequences
#   LWC_SEQ_MAX_COMMANDS    steps per sequence (default 10)
#   LWC_SEQ_APP=0 / LWC_SEQ_FAULTS=0  leave out edits in the app (and so up --refresh) / API faults
#   LWC_MBT_FINDINGS        a file to append each invariant break to (seed, steps, request log)
# Prints how many sequences, steps and ups ran (and ups that failed as allowed), the steps per
# command kind, and every failing seed; exit 1 if any failed.
# Replay one: LWC_SEQ_SEED=N LWC_SEQ_PATH=P LWC_SEQ_MAX_COMMANDS=10 npx vitest run test/stories/sequences/edit-sequences.e2e.test.ts
# (same LWC_SEQ_APP / LWC_SEQ_FAULTS as the soak; LWC_SEQ_VERBOSE=1 prints each step, LWC_SEQ_SHRINK=1 shrinks)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
PULUMI_BIN="$(bash scripts/ensure-pulumi.sh | tail -1)"
export LINEWORKS_PULUMI_BIN="$PULUMI_BIN"
export PATH="$PULUMI_BIN:$PATH"
export LWC_SOAK_SECONDS="${LWC_SOAK_SECONDS:-600}"
exec npx vitest run test/stories/sequences/soak.test.ts
