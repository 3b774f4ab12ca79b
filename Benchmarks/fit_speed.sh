#!/usr/bin/env bash
# doppel fit: time, size and determinism on credit_data and flights (issue 12 §7).
# Usage: bash Benchmarks/fit_speed.sh [DOPPEL] ; BEFORE=/path/to/old/doppel also times an older
# build on credit_data (flights took over 10 minutes there).
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL=${1:-.build/release/doppel}
DATA=${DATA:-../shared/data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$DATA/credit_data.csv" "$DATA/nycflights13/flights.csv" "$WORK/"
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
printf '%-12s %8s %8s %11s %11s %12s %12s %s\n' data "plan s" "fit s" "run fit s" "run src s" "csv bytes" "fitted bytes" "two fits"
for name in credit_data flights; do
  csv="$WORK/$name.csv"
  plan_s=$(seconds "$DOPPEL" plan "$csv" --seed 1 --session -o "$WORK/$name.yaml")
  fit_s=$(seconds "$DOPPEL" fit "$WORK/$name.yaml" -o "$WORK/$name.fitted.yaml" --include-real-values)
  "$DOPPEL" fit "$WORK/$name.yaml" -o "$WORK/$name.again.yaml" --include-real-values 2>/dev/null
  same=$(cmp -s "$WORK/$name.fitted.yaml" "$WORK/$name.again.yaml" && echo identical || echo DIFFER)
  run_fit=$(seconds "$DOPPEL" run "$WORK/$name.fitted.yaml" -o "$WORK/a.csv" --quiet)
  run_src=$(seconds "$DOPPEL" run "$WORK/$name.yaml" -o "$WORK/b.csv" --quiet)
  cmp -s "$WORK/a.csv" "$WORK/b.csv" || { echo "$name: replay from the fitted session differs from replay from the source" >&2; exit 1; }
  printf '%-12s %8s %8s %11s %11s %12s %12s %s\n' "$name" "$plan_s" "$fit_s" "$run_fit" "$run_src" \
    "$(stat -c %s "$csv")" "$(stat -c %s "$WORK/$name.fitted.yaml")" "$same"
done
if [ -n "${BEFORE:-}" ]; then
  "$BEFORE" plan "$WORK/credit_data.csv" --seed 1 --session -o "$WORK/old.yaml" 2>/dev/null
  printf 'before (%s): credit_data fit %s s, ' "$BEFORE" "$(seconds "$BEFORE" fit "$WORK/old.yaml" -o "$WORK/old.fitted.yaml" --include-real-values)"
  printf '%s bytes\n' "$(stat -c %s "$WORK/old.fitted.yaml")"
fi
