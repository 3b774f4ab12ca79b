#!/usr/bin/env bash
# Generation throughput: a marginal-only plan on diamonds, ROWS rows (default 10 million)
# written as CSV to /dev/null, whole process, median of RUNS runs. Target: >= 1,000,000 rows/s.
# With SDV installed (pip install sdv), also times SDV's GaussianCopula sampler on the same data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
DOPPEL=${DOPPEL:-.build/release/doppel}
DATA=../shared/data/diamonds.csv
[ -x "$DOPPEL" ] || swift build -c release >&2
mkdir -p Benchmarks/data
PLAN=Benchmarks/data/diamonds.plan.yaml
"$DOPPEL" plan "$DATA" --seed 1 -o "$PLAN"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

times=()
for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$DOPPEL" sample "$DATA" --plan "$PLAN" --rows "$ROWS" -o /dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
done
doppel_seconds=$(printf '%s\n' "${times[@]}" | median)
doppel_rate=$(echo "$ROWS / $doppel_seconds" | bc)
strategies=$(grep -c 'strategy:' "$PLAN")

echo "generation throughput: diamonds, default (marginal-only) plan of $strategies columns, $ROWS rows as CSV to /dev/null"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-28s %10s %14s\n' tool seconds rows/s
printf '%-28s %10.2f %14s\n' "doppel sample" "$doppel_seconds" "$doppel_rate"

if python3 -c 'import sdv' 2>/dev/null; then
    SDV_ROWS=${SDV_ROWS:-1000000}
    sdv_line=$(python3 Benchmarks/sdv_sample.py "$DATA" "$SDV_ROWS")
    sdv_seconds=$(echo "$sdv_line" | awk '{print $2}')
    sdv_rate=$(echo "$SDV_ROWS / $sdv_seconds" | bc)
    printf '%-28s %10.2f %14s   (sampling only, %s rows, fit excluded)\n' "SDV GaussianCopula" "$sdv_seconds" "$sdv_rate" "$SDV_ROWS"
    echo "ratio (doppel rows/s / SDV rows/s): $(echo "scale=1; $doppel_rate / $sdv_rate" | bc)"
else
    echo "(SDV is not installed: pip install sdv to time its GaussianCopula sampler beside doppel)"
fi
target=1000000
if [ "$doppel_rate" -ge "$target" ]; then echo "target >= $target rows/s: met"; else echo "target >= $target rows/s: NOT met"; fi
