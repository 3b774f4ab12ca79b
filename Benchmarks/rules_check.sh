#!/usr/bin/env bash
# Rules found in the data and kept in the output (issue 13 §1-2), on the default path.
# 1. `doppel rules` time on flights (337k x 19), diamonds, and a 3,000 x 74 table (credit_data's
#    columns five times over, each copy reading the rows from another start, written to
#    Benchmarks/data/ when missing); the median of RUNS runs (default 3).
# 2. The default path on flights and diamonds (`doppel plan --session`, `doppel run`), then
#    `doppel report --json`: every rule with its real and synthetic violation rate, and
#    rule_violation_rate (the largest excess; the target is at most 0.001).
# DOPPEL=path to use another binary; SEED (default 7).
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL=${DOPPEL:-.build/release/doppel}
RUNS=${RUNS:-3}
SEED=${SEED:-7}
DATA=$(cd ../shared/data && pwd)
[ -x "$DOPPEL" ] || swift build -c release --product doppel >&2
mkdir -p Benchmarks/data
WIDE=Benchmarks/data/credit_3000x74.csv
[ -f "$WIDE" ] || python3 - "$DATA/credit_data.csv" "$WIDE" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
header, body = rows[0], rows[1:]
picks = [(k % len(header), k // len(header)) for k in range(74)]
with open(sys.argv[2], "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow([header[i] if c == 0 else f"{header[i]}_{c + 1}" for i, c in picks])
    for r in range(3000):
        out.writerow([body[(r + c * 97) % len(body)][i] for i, c in picks])
PY

echo "doppel rules: discovery time (found in, median of $RUNS); $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for file in "$DATA/nycflights13/flights.csv" "$DATA/diamonds.csv" "$WIDE"; do
    times=()
    for _ in $(seq "$RUNS"); do
        times+=("$("$DOPPEL" rules "$file" 2>/dev/null | head -1 | sed -E 's/.*found in ([0-9.]+) s.*/\1/')")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    rules=$("$DOPPEL" rules "$file" --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rules"]))')
    printf '  %-28s %3s rules  %6s s\n' "$(basename "$file")" "$rules" "$median"
done

for name in nycflights13/flights diamonds; do
    base=Benchmarks/data/rules_$(basename "$name")
    "$DOPPEL" plan "$DATA/$name.csv" --seed "$SEED" --session -o "$base.doppel.yaml" 2>"$base.plan.err"
    "$DOPPEL" run "$base.doppel.yaml" --quiet -o "$base.synthetic.csv"
    "$DOPPEL" report "$DATA/$name.csv" "$base.synthetic.csv" --json -o "$base.report.json" 2>/dev/null
    echo
    echo "default path on $(basename "$name") (seed $SEED): $(grep -h 'chose\|found' "$base.plan.err" | sed 's/^doppel: //' | tr '\n' ';')"
    python3 - "$base.report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  quality {r['quality']:.4f}  rule_violation_rate {r['rule_violation_rate']:.5f}")
for rule in r["rules"]:
    print(f"  {rule['real_violations'] * 100:7.3f}% real  {rule['synthetic_violations'] * 100:7.3f}% synthetic  {rule['rule']}")
PY
done
