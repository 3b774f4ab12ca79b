#!/usr/bin/env bash
# Issue 18 §3: plan and run on a CSV larger than memory, in bounded memory, against a plan fitted
# in memory on a 1M-row sample of the same file.
#
#   bash Benchmarks/larger_than_memory.sh [SIZE_GB] [DATA_DIR]
#
# Makes DIR/big.csv (diamonds repeated to SIZE_GB, default 10) and a uniform 1,000,000-row sample
# of it, then times (with /usr/bin/time -v: wall time and peak RSS):
#   doppel plan big.csv --session          (streamed: the file is past the 1 GB default budget)
#   doppel run  big.session --rows 1000000
#   doppel plan sample.csv --session       (in memory, the reference)
#   doppel run  sample.session --rows 1000000
# and scores both outputs against the sample with `doppel report --json`.
set -euo pipefail
SIZE_GB=${1:-10}
DATA=${2:-../shared/data}
DOPPEL=${DOPPEL:-.build/release/doppel}
WORK=${WORK:-/tmp/doppel-ltm}
mkdir -p "$WORK"
BIG="$WORK/big-${SIZE_GB}g.csv"
if [ ! -s "$BIG" ]; then
    echo "making $BIG ($SIZE_GB GB of diamonds)…" >&2
    tail -n +2 "$DATA/diamonds.csv" > "$WORK/body.csv"
    body=$(stat -c %s "$WORK/body.csv")
    copies=$(( SIZE_GB * 1024 * 1024 * 1024 / body + 1 ))
    # 64 copies in one file first, so the loop below writes large pieces.
    for _ in $(seq 64); do cat "$WORK/body.csv"; done > "$WORK/body64.csv"
    { head -1 "$DATA/diamonds.csv"; for _ in $(seq $(( copies / 64 ))); do cat "$WORK/body64.csv"; done; } > "$BIG.tmp"
    mv "$BIG.tmp" "$BIG"
    rm -f "$WORK/body.csv" "$WORK/body64.csv"
fi
SAMPLE="$WORK/sample-${SIZE_GB}g.csv"
if [ ! -s "$SAMPLE" ]; then
    echo "drawing a uniform 1,000,000-row sample…" >&2
    python3 - "$BIG" "$SAMPLE" <<'PY'
import random, sys
random.seed(1)
src, dst = sys.argv[1], sys.argv[2]
k = 1_000_000
with open(src, 'rb') as f:
    header = f.readline()
    keep = []
    for i, line in enumerate(f):
        if i < k:
            keep.append(line)
        else:
            j = random.randrange(i + 1)
            if j < k:
                keep[j] = line
with open(dst, 'wb') as out:
    out.write(header)
    out.writelines(keep)
PY
fi
ls -l "$BIG" "$SAMPLE" >&2

measure() {  # label, command...
    local label=$1; shift
    /usr/bin/time -v "$@" 2> "$WORK/time.txt" >/dev/null || { cat "$WORK/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$WORK/time.txt" | awk '{print $NF}')
    grep "^doppel:" "$WORK/time.txt" >&2 || true
    printf '%-34s wall %10s   peak RSS %6d MB\n' "$label" "$wall" $(( rss / 1024 ))
}

measure "plan big.csv (streamed)" "$DOPPEL" plan "$BIG" --session --seed 1 -o "$WORK/big.session.yaml"
measure "run --rows 1000000 (streamed)" "$DOPPEL" run "$WORK/big.session.yaml" --rows 1000000 -o "$WORK/big.out.csv" --quiet
measure "plan sample.csv (in memory)" "$DOPPEL" plan "$SAMPLE" --session --seed 1 -o "$WORK/sample.session.yaml"
measure "run --rows 1000000 (in memory)" "$DOPPEL" run "$WORK/sample.session.yaml" --rows 1000000 -o "$WORK/sample.out.csv" --quiet
grep -A3 "streamed:" "$WORK/big.session.yaml" >&2
for which in big sample; do
    q=$("$DOPPEL" report "$SAMPLE" "$WORK/$which.out.csv" --json 2>/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f" % r["quality"])')
    echo "quality of the $which plan's output against the sample: $q"
done
