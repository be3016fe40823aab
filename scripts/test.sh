#!/usr/bin/env bash
# The test command: builds and runs every test, once optimised and once
# with AddressSanitizer + UBSan (gcc); then, when clang is installed, once more
# with clang's AddressSanitizer + UBSan (which checks more, e.g. pointer
# overflow) in a build that also holds the fuzz targets, and runs each target
# briefly (DORO_FUZZ_SECONDS each, default 25). Real-data tests read
# ../shared/data and skip, saying so, only when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}

run() {  # run BUILD_DIR [cmake args...]
  local dir=$1
  shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" --timeout 900)
}

if [ "${DORO_SKIP_WEB:-0}" != 1 ]; then
  # Before the build: it embeds ExcelJS from web/node_modules in the page.
  echo "== Operator page dependencies (npm ci in web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "== Release build and tests"
run build -DCMAKE_BUILD_TYPE=Release
if [ "${DORO_SKIP_WEB:-0}" != 1 ]; then
  echo "== Operator page: unit tests and headless Chromium against doro serve (screenshots: build/web-artifacts)"
  DORO_BIN=build/doro DORO_WEB_ARTIFACTS=build/web-artifacts node --test web/test/*.test.js
fi
if [ "${DORO_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== AddressSanitizer + UBSan build and tests"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDORO_SANITIZE=ON -DDORO_BUILD_BENCH=OFF
fi
if [ "${DORO_SKIP_SANITIZE:-0}" != 1 ] && [ "${DORO_SKIP_CLANG:-0}" != 1 ] && command -v clang++ >/dev/null; then
  echo "== clang AddressSanitizer + UBSan build and tests, with the fuzz targets"
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  CXX=clang++ run build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDORO_SANITIZE=ON -DDORO_FUZZ=ON \
    -DDORO_BUILD_BENCH=OFF
  echo "== fuzzing each target for ${DORO_FUZZ_SECONDS:-25}s"
  fuzz/run.sh --build build-clang --seconds "${DORO_FUZZ_SECONDS:-25}"
fi
