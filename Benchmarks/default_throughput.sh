#!/usr/bin/env bash
# Generation throughput of today's default plan on diamonds (issue 13 §2): `doppel plan` with
# its joint-model choice and discovered rules, then `doppel sample --plan` of ROWS rows (default
# 6 million) as CSV to /dev/null, whole process. Also the plan with each joint model forced and
# with marginals alone, and the default plan on one thread, so that the rows/s and the cores
# used (user time / wall time) are seen side by side in one run. The fit is timed apart
# (--rows 1) and taken off the rate.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-6000000}
DOPPEL=${DOPPEL:-.build/release/doppel}
DATA=../shared/data/diamonds.csv
[ -x "$DOPPEL" ] || swift build -c release --product doppel >&2
mkdir -p Benchmarks/data

echo "diamonds, $ROWS rows as CSV to /dev/null; $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %9s %9s %9s %12s\n' plan "fit s" "total s" "cores" "rows/s"
run() {
    local label=$1 plan=$2; shift 2
    local fit total user
    fit=$( { /usr/bin/time -f '%e' "$DOPPEL" sample "$DATA" --plan "$plan" --rows 1 -o /dev/null "$@" 2>&1 >/dev/null; } | tail -1)
    read -r total user < <( { /usr/bin/time -f '%e %U' "$DOPPEL" sample "$DATA" --plan "$plan" --rows "$ROWS" -o /dev/null "$@" 2>&1 >/dev/null; } | tail -1)
    printf '%-34s %9s %9s %9.2f %12.0f\n' "$label" "$fit" "$total" "$(echo "$user / $total" | bc -l)" "$(echo "$ROWS / ($total - $fit)" | bc -l)"
}
for joint in auto cart gaussian_copula bayesian_network none; do
    plan=Benchmarks/data/diamonds.$joint.plan.yaml
    "$DOPPEL" plan "$DATA" --seed 1 --joint "$joint" -o "$plan" 2>Benchmarks/data/diamonds.$joint.plan.err
    label="$joint"
    [ "$joint" = auto ] && label="default ($(grep -ho 'chose [a-z_]*' Benchmarks/data/diamonds.auto.plan.err | cut -d' ' -f2))"
    run "$label" "$plan"
done
run "default, --threads 1" Benchmarks/data/diamonds.auto.plan.yaml --threads 1
