#!/usr/bin/env bash
# Makes the Pulumi CLI, a Node.js language host (which also starts policy packs) and the
# dynamic-provider launcher available, at exactly the version of @pulumi/pulumi in
# package-lock.json, without downloads outside the package managers. Prints the folder
# holding them as the last line of stdout; progress goes to stderr. A second run is
# instant (cache outside the repo).
#
#   PATH="$(bash scripts/ensure-pulumi.sh | tail -n1):$PATH"
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

version="$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/pulumi"].version' "$repo_root/package-lock.json")"
cache_root="${LINEWORKS_CONTACTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lineworks-contacts}"
bin_dir="$cache_root/pulumi-v$version/bin"
mkdir -p "$bin_dir"

cli_version() { "$1" version 2>/dev/null | tr -d '[:space:]'; }

# Writes a file atomically so that concurrent runs never see a half-written launcher.
install_file() { # src dest mode
  local tmp
  tmp="$(mktemp "$2.XXXXXX")"
  cat "$1" >"$tmp"
  chmod "$3" "$tmp"
  mv -f "$tmp" "$2"
}

install_launchers() {
  # The host's own modules first, so that a host started meanwhile finds what it requires.
  install_file "$repo_root/tools/pulumi-language-nodejs/engine-watchdog.js" "$bin_dir/engine-watchdog.js" 0644
  install_file "$repo_root/tools/pulumi-language-nodejs/run-plugin.js" "$bin_dir/run-plugin.js" 0644
  install_file "$repo_root/tools/pulumi-language-nodejs/host.js" "$bin_dir/pulumi-language-nodejs.js" 0644
  local tmp
  tmp="$(mktemp)"
  cat >"$tmp" <<'SH'
#!/bin/sh
# Pulumi Node.js language host (tools/pulumi-language-nodejs/host.js in lineworks-contacts).
export LINEWORKS_PULUMI_VERSION="${LINEWORKS_PULUMI_VERSION:-@VERSION@}"
exec node "$(dirname "$0")/pulumi-language-nodejs.js" "$@"
SH
  sed -i "s/@VERSION@/$version/" "$tmp"
  install_file "$tmp" "$bin_dir/pulumi-language-nodejs" 0755
  cat >"$tmp" <<'SH'
#!/bin/sh
# Pulumi's dynamic provider host, from the @pulumi/pulumi installed in the project being run,
# with a watchdog that ends it when the engine is gone (it has no health check of its own).
script="$(node -e 'process.stdout.write(require("module").createRequire(process.cwd() + "/noop.js").resolve("@pulumi/pulumi/cmd/dynamic-provider"))')" || {
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not installed in $(pwd)" >&2
  exit 1
}
exec node -r "$(dirname "$0")/engine-watchdog.js" "$script" "$@"
SH
  install_file "$tmp" "$bin_dir/pulumi-resource-pulumi-nodejs" 0755
  rm -f "$tmp"
}

build_cli() {
  if ! command -v go >/dev/null 2>&1; then
    log "no 'pulumi' v$version on PATH and no Go toolchain to build it."
    log "Install the Pulumi CLI v$version (https://www.pulumi.com/docs/install/: curl -fsSL https://get.pulumi.com | sh -s -- --version $version)"
    log "or install Go 1.25+ so that this script can build it from the Go module proxy."
    exit 1
  fi
  log "building pulumi v$version from Go modules (cold build: several minutes; cached afterwards in $bin_dir)"
  local started=$SECONDS tmp_bin
  tmp_bin="$(mktemp "$bin_dir/pulumi.XXXXXX")"
  (
    cd "$repo_root/tools/pulumi"
    GOFLAGS=-mod=mod GONOSUMDB="${GONOSUMDB:-github.com/pulumi}" GOTOOLCHAIN=local \
      go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$tmp_bin" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  ) &
  local build_pid=$!
  while kill -0 "$build_pid" 2>/dev/null; do
    sleep 15
    kill -0 "$build_pid" 2>/dev/null && log "still building pulumi... $((SECONDS - started))s"
  done
  if ! wait "$build_pid"; then
    rm -f "$tmp_bin"
    log "go build of pulumi v$version failed (see above)"
    exit 1
  fi
  chmod 0755 "$tmp_bin"
  mv -f "$tmp_bin" "$bin_dir/pulumi"
  log "built pulumi v$version in $((SECONDS - started))s"
}

if [[ "$(cli_version "$bin_dir/pulumi")" != "v$version" ]]; then
  # One build at a time: a second run (another terminal, parallel tests) waits for the first's binary.
  exec 9>"$bin_dir/.build.lock"
  if ! flock -n 9; then
    log "another run is building pulumi v$version; waiting for it"
    flock 9
  fi
  if [[ "$(cli_version "$bin_dir/pulumi")" != "v$version" ]]; then
    on_path="$(command -v pulumi || true)"
    if [[ -n "$on_path" && "$(cli_version "$on_path")" == "v$version" ]]; then
      log "using $on_path (v$version)"
      ln -sf "$on_path" "$bin_dir/pulumi"
    else
      build_cli
    fi
  fi
  exec 9>&-
fi
install_launchers
echo "$bin_dir"
