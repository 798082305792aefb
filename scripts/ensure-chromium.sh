#!/usr/bin/env bash
# Makes Debian's headless-capable Chromium available for the browser tests (test/browser),
# with a font covering Japanese and Korean. Prints the browser's path as the last line of
# stdout and exits 0; prints nothing and exits 1 when it is missing and cannot be installed.
# Installs (apt-get, Debian's packages `chromium` and `fonts-noto-cjk`) only when running as
# root in CI (CI set) or when LINEWORKS_INSTALL_CHROMIUM=1; never downloads a browser otherwise.
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

may_install() {
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null && { [[ -n "${CI:-}" ]] || [[ "${LINEWORKS_INSTALL_CHROMIUM:-}" == 1 ]]; }
}

if chromium="$(find_chromium)"; then
  if may_install && ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
    log "installing fonts-noto-cjk (Japanese and Korean names)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk >&2 || log "could not install fonts-noto-cjk"
  fi
  printf '%s\n' "$chromium"
  exit 0
fi

if may_install; then
  log "installing Debian's chromium and fonts-noto-cjk with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends chromium fonts-noto-cjk >&2
  if chromium="$(find_chromium)"; then
    printf '%s\n' "$chromium"
    exit 0
  fi
fi
log "chromium is not installed (Debian: apt-get install chromium); the browser tests will be skipped"
exit 1
