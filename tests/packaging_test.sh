#!/usr/bin/env bash
# packaging/doro.service must pass `systemd-analyze verify` with no message
# at all (an unknown or misspelt key is only a warning there, so any output
# fails the test), with the built binary in place of the installed one and
# our man page where `Documentation=man:doro(1)` looks.
# Usage: packaging_test.sh SOURCE_DIR DORO_BINARY. Exit 77 = skipped.
set -euo pipefail
src=$1
doro=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "SKIP: systemd-analyze not installed (Debian package systemd)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man/man1"
cp "$src/docs/doro.1" "$tmp/man/man1/"
sed "s#/usr/local/bin/doro#$doro#" "$src/packaging/doro.service" >"$tmp/doro.service"
grep -q "^ExecReload=.*-HUP" "$tmp/doro.service" || { echo "FAIL: no ExecReload sending SIGHUP"; exit 1; }
grep -q "^ExecStart=$doro serve " "$tmp/doro.service" || { echo "FAIL: ExecStart is not 'doro serve'"; exit 1; }
man_check=--man=yes
if ! command -v man >/dev/null; then
  echo "note: man not installed, Documentation=man:doro(1) not checked"
  man_check=--man=no
fi
out=$(MANPATH="$tmp/man" systemd-analyze verify "$man_check" "$tmp/doro.service" 2>&1) || {
  echo "FAIL: systemd-analyze verify:"
  echo "$out"
  exit 1
}
if [ -n "$out" ]; then
  echo "FAIL: systemd-analyze verify said:"
  echo "$out"
  exit 1
fi
# The Dockerfile is not built here (no container runtime); check at least
# what the README promises of it.
df="$src/packaging/Dockerfile"
for want in "^FROM debian:.*-slim AS build" "^FROM debian:.*-slim$" "^USER doro" "^HEALTHCHECK " "CMD curl .*/healthz"; do
  grep -Eq "$want" "$df" || { echo "FAIL: Dockerfile lacks $want"; exit 1; }
done
echo "OK: doro.service verified; Dockerfile has its stages, USER and HEALTHCHECK"
