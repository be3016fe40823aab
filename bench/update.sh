#!/usr/bin/env bash
# `doro index update` against `index build` (issue 15): generate the
# synthetic nationwide DB at SCALE (1 = national size), build its index,
# write a day's change file (CHANGES rows: a third changed, a third deleted,
# a third new; one road renamed among the changed), time the update (only
# the roads touched rebuilt) and the update with --rebuild (every road), and
# check that both answer the same on labels of the changed rows and others.
#
#   bash bench/update.sh [BUILD_DIR] [SCALE] [CHANGES]     e.g. bash bench/update.sh build 1 3000
# Writes to ${DORO_BENCH_DIR:-/tmp/doro-update}; reuses files already there.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SCALE=${2:-1}
CHANGES=${3:-3000}
WORK=${DORO_BENCH_DIR:-/tmp/doro-update}
dir="$WORK/scale-$SCALE"
idx="$WORK/national-$SCALE.doroidx"
mkdir -p "$WORK"
TIME=/usr/bin/time
SEJONG=../shared/data/juso/sejong/rnaddrkor_sejong.txt
[ -f "$SEJONG" ] || SEJONG=""

if [ ! -f "$dir/rnaddrkor_seoul.txt" ]; then
  echo "== generate scale $SCALE"
  mkdir -p "$dir"
  "$BUILD/gen_national" --out "$dir" --scale "$SCALE" --seed 1 ${SEJONG:+--sejong "$SEJONG"} | tail -1
fi

echo "== index build"
if [ ! -f "$idx" ] || [ -z "${DORO_REUSE_INDEX:-}" ]; then
  $TIME -f "%e %U %S %M" -o "$WORK/build.time" "$BUILD/doro" index build --db "$dir" --out "$idx"
fi
read -r build_s build_user build_sys build_kb < "$WORK/build.time"

echo "== a day's changes: $CHANGES rows"
changes="$WORK/AlterD.JUSUKR.20261202.TH_SGCO_RNADR_MST.TXT"
python3 - "$dir" "$CHANGES" "$changes" <<'EOF'
import glob, sys
src, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = []
for name in sorted(glob.glob(src + "/rnaddrkor_*.txt")):
    with open(name, encoding="cp949") as f:
        rows.extend(line.rstrip("\r\n").split("|") for line in f)
step = max(1, len(rows) // count)
picked = rows[step // 2::step][:count]
renamed_road = picked[0][9]
lines = []
for k, r in enumerate(picked):
    r = list(r)
    r[18] = "20261202"
    if r[9] == renamed_road or k % 3 == 0:    # changed: a new zip, or the road renamed
        if r[9] == renamed_road:
            r[10] = "새" + r[10]
        r[16] = "%05d" % ((int(r[16] or 0) + 1) % 100000)
        r[20] = "34"
    elif k % 3 == 1:                          # deleted
        r[20] = "63"
    else:                                     # new: the next free number on the road
        r[12] = str(int(r[12]) + 70000)
        r[0] = r[0][:16] + "%05d" % int(r[12]) + r[0][21:]
        r[20] = "31"
    lines.append("|".join(r))
with open(out, "w", encoding="cp949", newline="\r\n") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "rows written to", out)
EOF

echo "== index update"
$TIME -f "%e %U %S %M" -o "$WORK/update.time" "$BUILD/doro" index update --index "$idx" --changes "$changes" \
  --out "$WORK/updated.doroidx"
read -r update_s update_user update_sys update_kb < "$WORK/update.time"
echo "== index update --rebuild"
$TIME -f "%e %U %S %M" -o "$WORK/rebuild.time" "$BUILD/doro" index update --rebuild --index "$idx" \
  --changes "$changes" --out "$WORK/rebuilt.doroidx"
read -r rebuild_s rebuild_user rebuild_sys rebuild_kb < "$WORK/rebuild.time"

echo "== the same answers?"
mkdir -p "$WORK/labels"
cp "$changes" "$WORK/labels/rnaddrkor_changes.txt"
{ "$BUILD/gen_labels" --db "$WORK/labels" --count 6000 --seed 5 --format tsv
  "$BUILD/gen_labels" --db "$dir" --count 20000 --seed 9 --format tsv; } | cut -f1 > "$WORK/labels.txt"
for f in updated rebuilt; do
  "$BUILD/doro" batch --db "$WORK/$f.doroidx" --input "$WORK/labels.txt" --output "$WORK/$f.jsonl" 2>/dev/null
done
if cmp -s "$WORK/updated.jsonl" "$WORK/rebuilt.jsonl"; then
  echo "identical answers on $(wc -l < "$WORK/labels.txt") labels"
else
  echo "ANSWERS DIFFER: $WORK/updated.jsonl vs $WORK/rebuilt.jsonl"; exit 1
fi
cpu() { echo "$1 + $2" | bc; }

# Wall time moves with the machine's load; CPU time (user + sys) much less.
echo
echo "| scale | rows changed | index build: wall, CPU | index update: wall, CPU | update --rebuild: wall, CPU | index file (built / updated) |"
echo "|---|---|---|---|---|---|"
echo "| $SCALE | $CHANGES | $build_s s, $(cpu "$build_user" "$build_sys") s ($((build_kb / 1024)) MB peak)" \
     "| $update_s s, $(cpu "$update_user" "$update_sys") s ($((update_kb / 1024)) MB peak)" \
     "| $rebuild_s s, $(cpu "$rebuild_user" "$rebuild_sys") s ($((rebuild_kb / 1024)) MB peak) |" \
     "$(( $(stat -c %s "$idx") / 1048576 )) / $(( $(stat -c %s "$WORK/updated.doroidx") / 1048576 )) MiB |"
