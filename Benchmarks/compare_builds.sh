#!/usr/bin/env bash
# Two doppel binaries timed on the same workloads, interleaved (A B A B ...), so that load from
# other work on the machine falls on both alike. Prints the median wall time of each and B / A.
#
#   bash Benchmarks/compare_builds.sh BINARY_A BINARY_B          (from the repo root)
#   ROUNDS=7 bash Benchmarks/compare_builds.sh ...                (rounds per workload; default 5)
#   ONLY=sample bash Benchmarks/compare_builds.sh ...             (workloads whose name matches)
#
# Workloads: doppel load on the two csv_load.sh files (made by generate_data.py when missing),
# doppel inspect on the 100 MB diamonds file, doppel sample of 10 million rows of the default
# diamonds plan to /dev/null (sample_throughput.sh's doppel side), and doppel report of
# ../shared/data/diamonds.csv against a synthetic sample of it (same size, seed 1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
A=${1:?usage: compare_builds.sh BINARY_A BINARY_B}
B=${2:?usage: compare_builds.sh BINARY_A BINARY_B}
ROUNDS=${ROUNDS:-5}
ONLY=${ONLY:-}
DATA=Benchmarks/data
DIAMONDS=../shared/data/diamonds.csv
[[ -x /usr/bin/time ]] || { echo "compare_builds.sh: /usr/bin/time (GNU time) is needed" >&2; exit 1; }
if [[ ! -s $DATA/diamonds_100mb.csv || ! -s $DATA/wide_numeric.csv ]]; then
    python3 Benchmarks/generate_data.py "$DATA" >&2
fi
# Inputs made once, with binary A, so that both binaries read the same files.
"$A" plan "$DIAMONDS" --seed 1 -o "$DATA/diamonds.plan.yaml" 2>/dev/null
[[ -s $DATA/diamonds_syn.csv ]] || "$A" sample "$DIAMONDS" --seed 1 -o "$DATA/diamonds_syn.csv" 2>/dev/null

WORKLOADS=(
    "load-diamonds|load $DATA/diamonds_100mb.csv"
    "load-wide|load $DATA/wide_numeric.csv"
    "inspect-diamonds|inspect $DATA/diamonds_100mb.csv"
    "sample-10M|sample $DIAMONDS --plan $DATA/diamonds.plan.yaml --rows 10000000 -o /dev/null"
    "report-diamonds|report $DIAMONDS $DATA/diamonds_syn.csv --json --quiet -o /dev/null"
)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { /usr/bin/time -f '%e' -o /tmp/compare_builds.$$ "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; tail -n 1 /tmp/compare_builds.$$; }
trap 'rm -f /tmp/compare_builds.$$' EXIT

echo "A = $A"
echo "B = $B"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds, interleaved; $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-18s %9s %9s %8s   %s\n' workload "A s" "B s" "B/A" "runs A | runs B"
for entry in "${WORKLOADS[@]}"; do
    name=${entry%%|*}
    [[ -z $ONLY || $name == *$ONLY* ]] || continue
    read -r -a arguments <<<"${entry#*|}"
    "$A" "${arguments[@]}" >/dev/null 2>&1   # warm the page cache
    times_a=() times_b=()
    for (( round = 1; round <= ROUNDS; round++ )); do
        if (( round % 2 )); then
            times_a+=("$(seconds "$A" "${arguments[@]}")"); times_b+=("$(seconds "$B" "${arguments[@]}")")
        else
            times_b+=("$(seconds "$B" "${arguments[@]}")"); times_a+=("$(seconds "$A" "${arguments[@]}")")
        fi
    done
    ma=$(printf '%s\n' "${times_a[@]}" | median)
    mb=$(printf '%s\n' "${times_b[@]}" | median)
    printf '%-18s %9.2f %9.2f %8.3f   %s | %s\n' "$name" "$ma" "$mb" "$(awk -v a="$ma" -v b="$mb" 'BEGIN { print b / a }')" \
        "${times_a[*]}" "${times_b[*]}"
done
