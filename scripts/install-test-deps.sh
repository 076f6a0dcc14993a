#!/usr/bin/env bash
# Installs what the browser tests (tests/browser/run.mjs) need. Idempotent: each step
# runs only when its result is missing or out of date.
#
#   chromium            Debian package (/usr/bin/chromium), if missing
#   java                default-jre-headless, if `java` is not on PATH (for vnu.jar)
#   node_modules        `npm ci --ignore-scripts`, if missing or older than
#                       package-lock.json (no package may download a browser)
#
# Needs root (or sudo) for apt-get; Node.js and npm must already be installed.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "install-test-deps: need root for: $*" >&2
    exit 1
  fi
}

apt_packages=()
if [ ! -x /usr/bin/chromium ]; then
  apt_packages+=(chromium)
fi
if ! command -v java >/dev/null 2>&1; then
  apt_packages+=(default-jre-headless)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  echo "install-test-deps: apt-get install ${apt_packages[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${apt_packages[@]}"
else
  echo "install-test-deps: chromium and java already installed"
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-test-deps: npm is not installed (Node.js 20 or later is required)" >&2
  exit 1
fi

# node_modules is current when npm's own record of it (node_modules/.package-lock.json)
# is at least as new as package-lock.json and every package the harness loads is there.
stamp=node_modules/.package-lock.json
needs_ci=0
if [ ! -f "$stamp" ]; then
  needs_ci=1
elif [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  needs_ci=1
else
  for f in node_modules/playwright-core/package.json \
           node_modules/axe-core/axe.min.js \
           node_modules/vnu-jar/build/dist/vnu.jar; do
    if [ ! -f "$f" ]; then
      needs_ci=1
    fi
  done
fi
if [ "$needs_ci" -eq 1 ]; then
  echo "install-test-deps: npm ci --ignore-scripts"
  npm ci --ignore-scripts --no-audit --no-fund
  touch "$stamp"
else
  echo "install-test-deps: node_modules up to date"
fi
