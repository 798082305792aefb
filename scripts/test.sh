#!/usr/bin/env bash
# `npm test`: bootstrap, then the whole suite (unit, emulator conformance, client, real
# `pulumi` end-to-end runs). Extra arguments go to vitest, e.g. `npm test -- test/stories/engine`.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo_root/scripts/bootstrap.sh"
# CI runs test/stories/browser: a missing Chromium is installed there, and a failure to do so stops the run.
# Elsewhere the browser tests skip without a Chromium; the closing summary says so and why.
browser_note=""
if [[ -n "${CI:-}" ]]; then
  bash scripts/ensure-chromium.sh >/dev/null
elif ! bash scripts/ensure-chromium.sh >/dev/null 2>&1; then
  browser_note="browser tests (test/stories/browser) skipped: no Chromium at /usr/bin/chromium or \$LINEWORKS_CHROMIUM (apt-get install chromium, or run with CI=1 or LINEWORKS_INSTALL_CHROMIUM=1 to install it)"
fi

echo "test: type-checking the tests and benchmarks" >&2
npx --no-install tsc -p test/tsconfig.json >&2

report="$(mktemp)"
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One closing line that CI can read whatever the runner: "N passed, N failed, N skipped".
node -e '
  const fs = require("fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
  const note = process.argv[2] ? `; ${process.argv[2]}` : "";
  console.log(`tests: ${r.numPassedTests || 0} passed, ${r.numFailedTests || 0} failed, ${skipped} skipped${note}`);
' "$report" "$browser_note"
rm -f "$report"
exit "$status"
