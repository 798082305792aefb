#!/usr/bin/env bash
# Makes actionlint (https://github.com/rhysd/actionlint, the GitHub Actions workflow checker)
# available for the test that lints the workflows under examples/, built with Go from the Go
# module proxy into a cache outside the repository. Prints the binary's path as the last line
# of stdout; progress goes to stderr. A second run is instant.
#
#   actionlint="$(bash scripts/ensure-actionlint.sh | tail -n1)"
#
# Exit 3 when there is no Go toolchain (the test then skips, except in CI).
set -euo pipefail

version="${LINEWORKS_ACTIONLINT_VERSION:-1.7.12}"
log() { printf 'ensure-actionlint: %s\n' "$*" >&2; }
cache_root="${LINEWORKS_CONTACTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lineworks-contacts}"
bin_dir="$cache_root/actionlint-v$version"
binary="$bin_dir/actionlint"

if [ -x "$binary" ] && [ "$("$binary" -version 2>/dev/null | head -n1)" = "v$version" ]; then
  echo "$binary"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  log "no Go toolchain to build actionlint v$version: install Go 1.24+ (https://go.dev/dl/) and run again."
  exit 3
fi
mkdir -p "$bin_dir"
log "building actionlint v$version from the Go module proxy (about a minute; cached in $bin_dir)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
GOBIN="$tmp" GOFLAGS=-mod=mod GOTOOLCHAIN=local \
  go install -trimpath -ldflags "-s -w -X github.com/rhysd/actionlint.version=v$version" \
  "github.com/rhysd/actionlint/cmd/actionlint@v$version" >&2
mv -f "$tmp/actionlint" "$binary"
echo "$binary"
