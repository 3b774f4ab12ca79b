#!/usr/bin/env bash
# A rare condition on flights (issue 13 §4): carrier=HA is 342 of 336,776 rows (0.1%), and HA
# flies only JFK-HNL (4983 miles). Plans a session (default joint choice), then runs it with
# --where carrier=HA, and prints the share of output rows whose (origin, dest) pair occurs among
# the real HA rows, the share with HA's distance, and the time of each step (whole process).
# Usage: Benchmarks/rare_condition.sh [ROWS] (default 2000); DOPPEL, SEED, WHERE override.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-2000}
SEED=${SEED:-7}
WHERE=${WHERE:-carrier=HA}
DOPPEL=${DOPPEL:-.build/release/doppel}
DATA=../shared/data/nycflights13/flights.csv
[ -x "$DOPPEL" ] || swift build -c release --product doppel >&2
mkdir -p Benchmarks/data
SESSION=Benchmarks/data/flights.rare.doppel.yaml
OUT=Benchmarks/data/flights.rare.csv

seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }

start=$(date +%s.%N)
"$DOPPEL" plan "$DATA" --seed "$SEED" --session -o "$SESSION" 2>Benchmarks/data/rare.plan.err
plan_seconds=$(seconds "$start")
start=$(date +%s.%N)
"$DOPPEL" run "$SESSION" --where "$WHERE" --rows "$ROWS" --quiet -o "$OUT"
run_seconds=$(seconds "$start")

column=${WHERE%%=*}
value=${WHERE#*=}
python3 - "$DATA" "$OUT" "$column" "$value" <<'PY'
import csv, sys
data, out, column, value = sys.argv[1:]
real = [r for r in csv.DictReader(open(data)) if r[column] == value]
pairs = {(r["origin"], r["dest"]) for r in real}
distances = {r["distance"] for r in real}
rows = list(csv.DictReader(open(out)))
meets = sum(r[column] == value for r in rows)
in_pairs = sum((r["origin"], r["dest"]) in pairs for r in rows)
in_distance = sum(r["distance"] in distances for r in rows)
print(f"real rows with {column}={value}: {len(real)}; their (origin, dest) pairs: {sorted(pairs)[:5]}")
print(f"output rows: {len(rows)}; meeting the condition: {meets / len(rows):.4f}")
print(f"(origin, dest) among the real rows' pairs: {in_pairs / len(rows):.4f}")
print(f"distance among the real rows' distances: {in_distance / len(rows):.4f}")
PY
echo "joint model: $(grep -o 'chose .*' Benchmarks/data/rare.plan.err)"
printf 'doppel plan --session: %.1f s; doppel run --where %s --rows %s: %.1f s\n' "$plan_seconds" "$WHERE" "$ROWS" "$run_seconds"
echo "machine: $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
