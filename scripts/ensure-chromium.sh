#!/usr/bin/env bash
# Makes Debian's headless-capable Chromium available for the browser tests (test/stories/browser),
# with a font covering Japanese and Korean. Prints the browser's path as the last line of
# stdout and exits 0; prints nothing and exits 1 when it is missing and cannot be installed.
# Installs (apt-get, Debian's packages `chromium` and `fonts-noto-cjk`) only in CI (CI set) or
# with LINEWORKS_INSTALL_CHROMIUM=1, as root or with password-less sudo; never downloads a
# browser otherwise. scripts/test.sh runs it in CI, where a missing browser fails the run.
set -euo pipefail
log() { printf 'ensure-chromium: %s\n' "$*" >&2; }

find_chromium() {
  local candidate
  for candidate in "${LINEWORKS_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

# Root runs apt-get itself; a CI runner's user may have password-less sudo.
as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo -n "$@"; fi
}

may_install() {
  command -v apt-get >/dev/null || return 1
  [[ -n "${CI:-}" || "${LINEWORKS_INSTALL_CHROMIUM:-}" == 1 ]] || return 1
  [[ "$(id -u)" == 0 ]] || sudo -n true 2>/dev/null
}

if chromium="$(find_chromium)"; then
  if may_install && [[ "$(fc-list : family 2>/dev/null)" != *"Noto Sans CJK"* ]]; then
    log "installing fonts-noto-cjk (Japanese and Korean names)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk >&2 || log "could not install fonts-noto-cjk"
  fi
  printf '%s\n' "$chromium"
  exit 0
fi

if may_install; then
  log "installing Debian's chromium and fonts-noto-cjk with apt-get"
  as_root apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk >&2
  if chromium="$(find_chromium)"; then
    printf '%s\n' "$chromium"
    exit 0
  fi
fi
log "chromium is not installed (Debian: apt-get install chromium); the browser tests are skipped (they fail in CI)"
exit 1
