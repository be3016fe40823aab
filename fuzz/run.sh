#!/usr/bin/env bash
# Runs the libFuzzer targets of a DORO_FUZZ=ON clang build, one after another,
# each for SECONDS on top of its seed corpus (fuzz/corpus/<target>) with its
# dictionary, and prints one summary line per target (executions, exec/s,
# coverage). New inputs go to BUILD/fuzz-work/<target> (kept between runs, so
# long local runs build on each other); a crash is saved under
# BUILD/fuzz-artifacts/ and makes the script exit 1: minimise it
# (`BIN -minimize_crash=1 -runs=10000 FILE`), fix the bug, and add the file to
# fuzz/corpus/<target>/ as regress_<what> so ctest replays it.
#
#   fuzz/run.sh [--build DIR] [--seconds N] [target ...]     (defaults: build-clang, 60, all)
#   e.g. fuzz/run.sh --seconds 1800 refine_fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-clang
seconds=60
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(refine_fuzz handlers_fuzz rows_fuzz index_fuzz text_tables_fuzz)

dicts() {  # the dictionaries of a target
  case $1 in
    refine_fuzz) echo address ;;
    handlers_fuzz) echo json http address ;;
    rows_fuzz|text_tables_fuzz) echo rows address ;;
    *) ;;
  esac
}
max_len() {  # refine: past the 2,000-byte label limit; index: edits only
  case $1 in
    refine_fuzz) echo 2100 ;;
    index_fuzz) echo 512 ;;
    *) echo 4096 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary=()
for t in "${targets[@]}"; do
  bin=$build/fuzz/$t
  [ -x "$bin" ] || { echo "fuzz/run.sh: $bin not built (configure with CXX=clang++ -DDORO_FUZZ=ON)" >&2; exit 2; }
  work=$build/fuzz-work/$t
  art=$build/fuzz-artifacts/$t
  mkdir -p "$work" "$art"
  args=(-max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=30 -print_final_stats=1
        -artifact_prefix="$art/")
  d=$(dicts "$t")
  if [ -n "$d" ]; then
    for name in $d; do cat "fuzz/dict/$name.dict"; done > "$build/fuzz-work/$t.dict"
    args+=(-dict="$build/fuzz-work/$t.dict")
  fi
  log=$build/fuzz-work/$t.log
  echo "== $t: ${seconds}s"
  if "$bin" "${args[@]}" "$work" "fuzz/corpus/$t" > "$log" 2>&1; then
    result=ok
  else
    result="FAILED (log $log; input in $art/)"
    status=1
    grep -E "ERROR|SUMMARY|property failed" -A3 "$log" | head -n 20 >&2 || true
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" || true)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" || true)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$log" | tail -n 1 || true)
  summary+=("$(printf '%-17s %-6s execs %-9s exec/s %-6s %s' "$t" "${result%% *}" "${execs:-?}" "${rate:-?}" "$cov")")
  [ "$result" = ok ] || summary+=("  $result")
done
printf '%s\n' "${summary[@]}"
exit $status
