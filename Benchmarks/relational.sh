#!/usr/bin/env bash
# Related tables (issue 16) on nycflights13 (airlines, airports, flights 337k, planes, weather):
# 1. `doppel plan DIR -o session.yaml` then `doppel run session.yaml -o OUTDIR`, each timed with
#    /usr/bin/time -v (wall time, peak RSS);
# 2. the same session into a SQLite file (foreign keys on), then `PRAGMA foreign_key_check`;
# 3. `doppel report DIR OUTDIR --json`: referential integrity, cardinality shape similarity,
#    intertable trends and per-table quality, and the single-table default's quality on
#    flights for comparison.
# 4. nycflights13 loaded into SQLite (and into PostgreSQL when DOPPEL_POSTGRES_HOST names a
#    server's socket folder, user postgres) with its foreign keys declared (tailnum and dest NOT
#    VALID in PostgreSQL: they have orphans), planned from the catalogue, synthesised back into
#    a fresh database with its keys enforced.
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
f = lambda v: "n/a" if v is None else f"{v:.4f}"
print(f"referential integrity {r['referential_integrity']:.4f}, cardinality shape similarity {r['cardinality_shape_similarity']:.4f}, "
      f"intertable trends {f(r.get('intertable_trends'))}")
for t in r["tables"]:
    q = "n/a" if t["quality"] is None else f"{t['quality']:.4f}"
    print(f"  table {t['table']:9} real {t['real_rows']:7} synthetic {t['synthetic_rows']:7} quality {q}")
for l in r["relationships"]:
    print(f"  {l['child']}.{l['child_key']} -> {l['parent']}.{l['parent_key']}: cardinality {l['cardinality_shape_similarity']:.4f}, "
          f"integrity {l['referential_integrity']:.4f} (real {l['real_referential_integrity']:.4f}), "
          f"intertable trends {f(l.get('intertable_trends'))} ({l.get('intertable_pairs_meeting_threshold', 0)} of {l.get('intertable_pairs', 0)} pairs)")
PY
# The single-table default on flights alone, for the per-table quality target.
"$DOPPEL" sample "$NYC/flights.csv" --seed "$SEED" -o "$WORK/flights_single.csv" 2>/dev/null
printf 'single-table default on flights: quality %s\n' \
    "$("$DOPPEL" report "$NYC/flights.csv" "$WORK/flights_single.csv" --json --quiet | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["quality"], 4))')"

figures() { python3 -c 'import json, sys
r = json.load(sys.stdin)
print("  referential integrity %.4f, cardinality shape similarity %.4f" % (r["referential_integrity"], r["cardinality_shape_similarity"]))'; }
SCHEMA="
CREATE TABLE airlines (carrier text PRIMARY KEY, name text);
CREATE TABLE airports (faa text PRIMARY KEY, name text, lat double precision, lon double precision, alt bigint, tz bigint, dst text, tzone text);
CREATE TABLE planes (tailnum text PRIMARY KEY, year double precision, type text, manufacturer text, model text, engines bigint, seats bigint, speed double precision, engine text);
CREATE TABLE weather (origin text REFERENCES airports, year bigint, month bigint, day bigint, hour bigint, temp double precision, dewp double precision, humid double precision, wind_dir double precision, wind_speed double precision, wind_gust double precision, precip double precision, pressure double precision, visib double precision, time_hour text);
CREATE TABLE flights (year bigint, month bigint, day bigint, dep_time double precision, sched_dep_time bigint, dep_delay double precision, arr_time double precision, sched_arr_time bigint, arr_delay double precision, carrier text REFERENCES airlines, flight bigint, tailnum text, origin text REFERENCES airports, dest text, air_time double precision, distance bigint, hour bigint, minute bigint, time_hour text);"
sqlite3 "$WORK/nyc.sqlite" "$SCHEMA
DROP TABLE flights;
CREATE TABLE flights (year bigint, month bigint, day bigint, dep_time double precision, sched_dep_time bigint, dep_delay double precision, arr_time double precision, sched_arr_time bigint, arr_delay double precision, carrier text REFERENCES airlines, flight bigint, tailnum text REFERENCES planes, origin text REFERENCES airports, dest text REFERENCES airports, air_time double precision, distance bigint, hour bigint, minute bigint, time_hour text);"
for t in airlines airports planes weather flights; do sqlite3 "$WORK/nyc.sqlite" ".mode csv" ".import --skip 1 $NYC/$t.csv $t"; done
timed "doppel plan nyc.sqlite" "$DOPPEL" plan "$WORK/nyc.sqlite" --seed "$SEED" -o "$WORK/sqlite.yaml"
timed "doppel run -o synth.sqlite" "$DOPPEL" run "$WORK/sqlite.yaml" -o "$WORK/synth.sqlite"
echo "sqlite source -> sqlite output: foreign_key_check violations: $(sqlite3 "$WORK/synth.sqlite" 'PRAGMA foreign_key_check' | wc -l)"
"$DOPPEL" report "$WORK/nyc.sqlite" "$WORK/synth.sqlite" --json --quiet | figures
if [ -n "${DOPPEL_POSTGRES_HOST:-}" ]; then
    export PGOPTIONS="--client-min-messages=warning"
    PG="postgresql:///postgres?host=$DOPPEL_POSTGRES_HOST&user=postgres"
    SRC="postgresql:///doppel_nyc?host=$DOPPEL_POSTGRES_HOST&user=postgres"
    OUT="postgresql:///doppel_nyc_out?host=$DOPPEL_POSTGRES_HOST&user=postgres"
    psql "$PG" -q -c "DROP DATABASE IF EXISTS doppel_nyc" -c "DROP DATABASE IF EXISTS doppel_nyc_out" -c "CREATE DATABASE doppel_nyc" -c "CREATE DATABASE doppel_nyc_out"
    psql "$SRC" -q -c "$SCHEMA"
    for t in airlines airports planes weather flights; do psql "$SRC" -q -c "\\copy $t FROM '$NYC/$t.csv' CSV HEADER"; done
    psql "$SRC" -q -c "ALTER TABLE flights ADD FOREIGN KEY (tailnum) REFERENCES planes NOT VALID" -c "ALTER TABLE flights ADD FOREIGN KEY (dest) REFERENCES airports NOT VALID"
    timed "doppel plan postgresql://doppel_nyc" "$DOPPEL" plan "$SRC" --seed "$SEED" -o "$WORK/pg.yaml"
    timed "doppel run -o postgresql://..._out" "$DOPPEL" run "$WORK/pg.yaml" -o "$OUT"
    echo "postgresql output: foreign keys $(psql "$OUT" -Atc "select count(*) from pg_constraint where contype = 'f'"), flights rows $(psql "$OUT" -Atc 'select count(*) from flights')"
    "$DOPPEL" report "$SRC" "$OUT" --json --quiet | figures
    psql "$PG" -q -c "DROP DATABASE doppel_nyc" -c "DROP DATABASE doppel_nyc_out"
fi
