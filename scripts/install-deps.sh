#!/usr/bin/env bash
# Installs what doro needs to build and test, from Debian packages only.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config \
  libboost-dev libsimdjson-dev rapidjson-dev libcli11-dev \
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev \
  clang libclang-rt-14-dev \
  systemd man-db \
  python3-dev pybind11-dev python3-pybind11 python3-pytest python3-pandas python3-distributed python3-yaml \
  nginx-light \
  >/dev/null
# The operator page's browser tests (web/test): Debian's Chromium, a Korean
# font for readable screenshots; node and npm unless the machine has them.
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-nanum >/dev/null
if ! command -v npm >/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "install-deps: done"
