#!/usr/bin/env bash
# Related tables (issue 16) on nycflights13 (airlines, airports, flights 337k, planes, weather):
# 1. `doppel plan DIR -o session.yaml` then `doppel run session.yaml -o OUTDIR`, each timed with
#    /usr/bin/time -v (wall time, peak RSS);
# 2. the same session into a SQLite file (foreign keys on), then `PRAGMA foreign_key_check`;
# 3. `doppel report DIR OUTDIR --json`: referential integrity, cardinality shape similarity and
#    per-table quality, and the single-table default's quality on flights for comparison.
# DOPPEL=path to use another binary; SEED (default 7); NYC=the data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL=${DOPPEL:-.build/release/doppel}
SEED=${SEED:-7}
NYC=${NYC:-$(cd ../shared/data/nycflights13 && pwd)}
[ -x "$DOPPEL" ] || swift build -c release --product doppel >&2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
timed() { # label, command...
    local label=$1; shift
    /usr/bin/time -v "$@" 2> "$WORK/time.txt" > "$WORK/stdout.txt" || { cat "$WORK/time.txt" >&2; exit 1; }
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$WORK/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$WORK/time.txt" | awk '{print $NF}')
    printf '%-34s wall %8s  peak RSS %6d MB\n' "$label" "$wall" $((rss / 1024))
    grep '^doppel:' "$WORK/time.txt" | sed 's/^/    /' || true
}
echo "nycflights13: $(for f in "$NYC"/*.csv; do printf '%s %s rows; ' "$(basename "$f" .csv)" $(( $(wc -l < "$f") - 1 )); done)"
echo "machine: $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); $DOPPEL"
timed "doppel plan DIR" "$DOPPEL" plan "$NYC" --seed "$SEED" -o "$WORK/session.yaml"
timed "doppel run session -o OUTDIR" "$DOPPEL" run "$WORK/session.yaml" -o "$WORK/out"
timed "doppel run session -o out.sqlite" "$DOPPEL" run "$WORK/session.yaml" -o "$WORK/out.sqlite"
echo "sqlite foreign_key_check violations: $(sqlite3 "$WORK/out.sqlite" 'PRAGMA foreign_key_check' | wc -l)"
timed "doppel report DIR OUTDIR" "$DOPPEL" report "$NYC" "$WORK/out" --json --quiet
python3 - "$WORK/stdout.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"referential integrity {r['referential_integrity']:.4f}, cardinality shape similarity {r['cardinality_shape_similarity']:.4f}")
for t in r["tables"]:
    q = "n/a" if t["quality"] is None else f"{t['quality']:.4f}"
    print(f"  table {t['table']:9} real {t['real_rows']:7} synthetic {t['synthetic_rows']:7} quality {q}")
for l in r["relationships"]:
    print(f"  {l['child']}.{l['child_key']} -> {l['parent']}.{l['parent_key']}: cardinality {l['cardinality_shape_similarity']:.4f}, "
          f"integrity {l['referential_integrity']:.4f} (real {l['real_referential_integrity']:.4f})")
PY
# The single-table default on flights alone, for the per-table quality target.
"$DOPPEL" sample "$NYC/flights.csv" --seed "$SEED" -o "$WORK/flights_single.csv" 2>/dev/null
printf 'single-table default on flights: quality %s\n' \
    "$("$DOPPEL" report "$NYC/flights.csv" "$WORK/flights_single.csv" --json --quiet | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["quality"], 4))')"
