#!/usr/bin/env bash
# National-scale figures (issue "National scale"): for each scale, generate
# the synthetic nationwide DB, compile the index, then measure open time,
# serving memory, batch throughput and accuracy on 2 threads, and a
# 20,000-label POST. Everything runs on this machine, loopback only.
#
#   bash bench/national.sh [BUILD_DIR] [SCALES...]     e.g. bash bench/national.sh build 0.01 0.1 1
# Writes to ${DORO_BENCH_DIR:-/tmp/doro-national}; prints one table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
shift || true
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(0.01 0.1 1)
WORK=${DORO_BENCH_DIR:-/tmp/doro-national}
SEJONG=../shared/data/juso/sejong/rnaddrkor_sejong.txt
[ -f "$SEJONG" ] || SEJONG=""
PORT=${DORO_BENCH_PORT:-18931}
mkdir -p "$WORK"
TIME=/usr/bin/time
rows=()

for s in "${SCALES[@]}"; do
  dir="$WORK/scale-$s"
  idx="$WORK/national-$s.doroidx"
  rm -rf "$dir" && mkdir -p "$dir"
  echo "== scale $s: generate"
  "$BUILD/gen_national" --out "$dir" --scale "$s" --seed 1 ${SEJONG:+--sejong "$SEJONG"} | tail -2
  text_mb=$(du -sm "$dir" | cut -f1)

  echo "== scale $s: index build"
  $TIME -f "%e %M" -o "$WORK/build.time" "$BUILD/doro" index build --db "$dir" --out "$idx"
  read -r build_s build_kb < "$WORK/build.time"
  idx_mb=$(( $(stat -c %s "$idx") / 1048576 ))

  echo "== scale $s: open the index and answer the first label"
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  $TIME -f "%e %M" -o "$WORK/open.time" "$BUILD/doro" refine --db "$idx" "1, Jungang-ro" > /dev/null
  read -r open_s open_kb < "$WORK/open.time"

  echo "== scale $s: messy labels (generated once, used by both measurements)"
  "$BUILD/gen_labels" --db "$dir" --count "${DORO_BENCH_LABELS:-50000}" --seed 1 --format tsv > "$WORK/labels-$s.tsv"
  cut -f1 "$WORK/labels-$s.tsv" > "$WORK/labels-$s.txt"

  echo "== scale $s: accuracy and throughput on 2 threads (median of 5 passes)"
  "$BUILD/accuracy" --labels "$WORK/labels-$s.tsv" --db "$idx" --threads 2 --repeat 5 --show 3 > "$WORK/accuracy-$s.txt"
  grep -E "TOTAL|labels/s" "$WORK/accuracy-$s.txt"
  right=$(awk '/^TOTAL/{print $3}' "$WORK/accuracy-$s.txt")
  wrong=$(awk '/^TOTAL/{print $4}' "$WORK/accuracy-$s.txt")
  lps=$(grep -o '[0-9]* labels/s' "$WORK/accuracy-$s.txt" | head -1 | cut -d' ' -f1)  # the median pass

  echo "== scale $s: serve, 20,000-label POST, resident memory"
  "$BUILD/doro" serve --db "$idx" --port "$PORT" --threads 2 > "$WORK/serve-$s.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
    sleep 0.2
  done
  "$BUILD/loadgen" --port "$PORT" --phases batch --batch-size 20000 --batch-runs 10 --labels "$WORK/labels-$s.txt" > "$WORK/post-$s.txt" 2>&1 || true
  post_min=$(grep -Eo 'min [0-9.]+ ms' "$WORK/post-$s.txt" | grep -Eo '[0-9.]+' | head -1 || true)
  post_ms=$(grep -Eo 'median [0-9.]+ ms' "$WORK/post-$s.txt" | grep -Eo '[0-9.]+' | head -1 || true)
  rss_mb=$(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 ))
  kill -TERM $pid; wait $pid || true

  rows+=("$s | $text_mb MB | $build_s s ($((build_kb / 1024)) MB peak) | $idx_mb MB | $open_s s | $rss_mb MB | $lps | ${post_min:-?} / ${post_ms:-?} ms | $right% / $wrong%")
done

echo
echo "| scale | text files | index build | index file | open + first label | RSS serving | labels/s (2 threads) | 20k POST (min / median) | right / wrong |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| $r |"; done
