#!/usr/bin/env bash
# Soak: `doro serve` under mixed load from tools/loadgen (20,000-label batch
# POSTs on one connection, keep-alive GETs on 16) while, every few seconds,
# its index is reloaded (SIGHUP) or replaced: copied over in place (cp, a
# smaller or larger file), renamed over, truncated (refused, then restored).
# Prints requests served, failures (goal 0), reloads and resident memory at
# start and end; exits 1 on any failure or if the server died.
# DORO_SOAK_WATCH=1: `serve --watch DIR` instead, and the steps drop files
# into DIR (renamed in; a truncated one, refused; a half-written temporary
# one, ignored; old ones deleted) besides SIGHUP.
#
#   bash tools/soak.sh [BUILD_DIR] [SECONDS] [EVERY]    default: build 180 3
# Scratch files in ${DORO_SOAK_DIR:-/tmp/doro-soak}; loopback port ${DORO_SOAK_PORT:-18941}.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SECONDS_TOTAL=${2:-180}
EVERY=${3:-3}
WORK=${DORO_SOAK_DIR:-/tmp/doro-soak}
PORT=${DORO_SOAK_PORT:-18941}
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== indexes: the demo database and a synthetic nationwide one (scale ${DORO_SOAK_SCALE:-0.01})"
"$BUILD/doro" index build --db data/demo --out "$WORK/a.doroidx" > /dev/null
"$BUILD/gen_national" --out "$WORK/national" --scale "${DORO_SOAK_SCALE:-0.01}" --seed 1 > /dev/null
"$BUILD/doro" index build --db "$WORK/national" --out "$WORK/b.doroidx" > /dev/null
"$BUILD/gen_labels" --db "$WORK/national" --count 2000 --seed 1 --format tsv | cut -f1 > "$WORK/labels.txt"
cat data/demo/labels.txt >> "$WORK/labels.txt"
ls -l "$WORK"/a.doroidx "$WORK"/b.doroidx | awk '{print "   " $9 ": " $5 " bytes"}'
LIVE="$WORK/live.doroidx"
cp "$WORK/b.doroidx" "$LIVE"
WATCH=${DORO_SOAK_WATCH:-0}
SOURCE=(--db "$LIVE")
if [ "$WATCH" = 1 ]; then
  mkdir -p "$WORK/watch" && cp "$WORK/b.doroidx" "$WORK/watch/gen-0000.doroidx"
  SOURCE=(--watch "$WORK/watch")
fi
# Drops $1 into the watched directory under the next name, as a rename.
drop() { cp "$1" "$WORK/watch/.incoming.tmp" && mv "$WORK/watch/.incoming.tmp" "$WORK/watch/$(printf 'gen-%04d' "$step").doroidx"; }

"$BUILD/doro" serve "${SOURCE[@]}" --port "$PORT" --threads 2 --watch-interval 1 2> "$WORK/serve.log" &
SERVER=$!
LOADERS=()
cleanup() {
  for p in "${LOADERS[@]}"; do kill "$p" 2> /dev/null || true; done
  kill "$SERVER" 2> /dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 200); do
  curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  sleep 0.1
done
rss() { awk '/^VmRSS/{print $2}' "/proc/$SERVER/status"; }
RSS_START=$(rss)
END=$(( $(date +%s) + SECONDS_TOTAL ))

# Each loop runs loadgen until the end time; every run's output is kept.
( n=0; while [ "$(date +%s)" -lt "$END" ]; do n=$((n + 1))
    "$BUILD/loadgen" --port "$PORT" --labels "$WORK/labels.txt" --phases batch --batch-size 20000 --batch-runs 1 \
      > "$WORK/batch.$n.txt" 2>&1 || echo "loadgen exit $?" >> "$WORK/batch.$n.txt"
  done ) &
LOADERS+=($!)
( n=0; while [ "$(date +%s)" -lt "$END" ]; do n=$((n + 1))
    "$BUILD/loadgen" --port "$PORT" --labels "$WORK/labels.txt" --phases get --connections 16 --seconds 5 \
      > "$WORK/get.$n.txt" 2>&1 || echo "loadgen exit $?" >> "$WORK/get.$n.txt"
  done ) &
LOADERS+=($!)

# The operator's side: each step, then EVERY seconds.
step=0 rss_max=$RSS_START rss_warm=0
while [ "$(date +%s)" -lt "$END" ]; do
  step=$((step + 1))
  if [ "$WATCH" = 1 ]; then
    case $((step % 6)) in
      1) kill -HUP "$SERVER" ;;
      2) drop "$WORK/a.doroidx" ;;                                         # smaller
      3) drop "$WORK/b.doroidx" ;;                                         # larger
      4) head -c 4096 "$WORK/a.doroidx" > "$WORK/cut.doroidx"; drop "$WORK/cut.doroidx" ;;  # refused: keeps serving
      5) head -c 4096 "$WORK/b.doroidx" > "$WORK/watch/gen-9999.doroidx.tmp"; drop "$WORK/a.doroidx" ;;  # temp ignored
      0) find "$WORK/watch" -name 'gen-*.doroidx' ! -newer "$WORK/watch/$(printf 'gen-%04d' $((step - 1))).doroidx" -delete
         drop "$WORK/b.doroidx" ;;                                         # old files deleted
    esac
  else
  case $((step % 6)) in
    1) kill -HUP "$SERVER" ;;
    2) cp "$WORK/a.doroidx" "$LIVE" ;;                                   # in place, smaller
    3) cp "$WORK/b.doroidx" "$LIVE" ;;                                   # in place, larger
    4) cp "$WORK/a.doroidx" "$LIVE.tmp" && mv "$LIVE.tmp" "$LIVE" ;;     # renamed over
    5) truncate -s 4096 "$LIVE"; kill -HUP "$SERVER" ;;                  # refused: keeps serving
    0) cp "$WORK/b.doroidx" "$LIVE.tmp" && mv "$LIVE.tmp" "$LIVE" ;;     # restored, by rename
  esac
  fi
  r=$(rss); [ "$r" -gt "$rss_max" ] && rss_max=$r
  [ "$step" = 5 ] && rss_warm=$r
  echo "$step $r" >> "$WORK/rss.txt"
  sleep "$EVERY"
done
wait "${LOADERS[@]}" || true
LOADERS=()

alive=yes
kill -0 "$SERVER" 2> /dev/null || alive=no
RSS_END=$( [ "$alive" = yes ] && rss || echo 0)
metrics=$(curl -sf "http://127.0.0.1:$PORT/metrics" || true)
kill -TERM "$SERVER"
exit_code=0
wait "$SERVER" || exit_code=$?
trap - EXIT

batches=$(cat "$WORK"/batch.*.txt | grep -c 'HTTP 200' || true)
batch_bad=$(cat "$WORK"/batch.*.txt | grep -E '^batch run' | grep -vc 'HTTP 200' || true)
gets=$(cat "$WORK"/get.*.txt | awk '/^get/{s += $4} END {print s + 0}')
get_errors=$(cat "$WORK"/get.*.txt | awk '/^get/{s += $NF} END {print s + 0}')
loadgen_failed=$(cat "$WORK"/batch.*.txt "$WORK"/get.*.txt | grep -Evc '^(loadgen: [0-9]+ distinct labels|batch|get)' || true)
ok_reloads=$(echo "$metrics" | awk '/^doro_reloads_total\{result="ok"\}/{print $2}')
failed_reloads=$(echo "$metrics" | awk '/^doro_reloads_total\{result="failed"\}/{print $2}')
refused_files=$(echo "$metrics" | awk '/^doro_index_files_refused_total/{print $2}')
served=$(echo "$metrics" | awk '/^doro_http_requests_total/{s += $2} END {print s + 0}')
non200=$(echo "$metrics" | awk '/^doro_http_requests_total/ && !/code="200"/{s += $2} END {print s + 0}')
failures=$((batch_bad + get_errors + loadgen_failed))
[ "$alive" = yes ] || failures=$((failures + 1))
[ "$exit_code" = 0 ] || failures=$((failures + 1))

echo "== soak: ${SECONDS_TOTAL} s, an index change or SIGHUP every ${EVERY} s ($step steps)"
echo "   batch POSTs of 20,000 labels answered 200: $batches (labels: $((batches * 20000)))"
echo "   GETs answered: $gets"
echo "   requests seen by the server: $served (not 200: $non200)"
echo "   failures: $failures (batch not 200: $batch_bad, GET errors: $get_errors, loadgen runs failed: $loadgen_failed, server alive: $alive, exit code on SIGTERM: $exit_code)"
echo "   reloads: ${ok_reloads:-?} ok, ${failed_reloads:-?} refused (truncated or half-written files); index files of --watch DIR refused: ${refused_files:-?}"
echo "   RSS: start (index loaded, idle) $((RSS_START / 1024)) MiB, after 5 steps $((rss_warm / 1024)) MiB, end $((RSS_END / 1024)) MiB, max sampled $((rss_max / 1024)) MiB"
echo "   server log: $WORK/serve.log; RSS (KiB) at each step: $WORK/rss.txt"
[ "$failures" = 0 ]
