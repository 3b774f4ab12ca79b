#!/usr/bin/env bash
# `doppel plan` on wide tables (issue 12, bounded planning): credit_data's 14 columns repeated
# under new names to 300 and 10,000 columns (same 4,454 rows), written to Benchmarks/data/ when
# missing, then `doppel plan FILE -o /dev/null` timed as a whole process (release build).
# WIDTHS="300 10000" to change the widths; RUNS=1 runs per file (the median is printed);
# DOPPEL=path to use another binary. The last run's stderr (the search's summary) is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTHS=${WIDTHS:-"30 100 300 10000"}
RUNS=${RUNS:-1}
DOPPEL=${DOPPEL:-.build/release/doppel}
[ -x "$DOPPEL" ] || swift build -c release --product doppel >&2
mkdir -p Benchmarks/data
SOURCE=$(cd ../shared/data && pwd)/credit_data.csv

for width in $WIDTHS; do
    file=Benchmarks/data/credit_wide_$width.csv
    [ -f "$file" ] || python3 - "$SOURCE" "$file" "$width" <<'PY'
import csv, sys
source, target, width = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
# Column k is source column k % 14; copies after the first are named NAME_2, NAME_3, ...
picks = [(k % len(header), k // len(header)) for k in range(width)]
names = [header[i] if copy == 0 else f"{header[i]}_{copy + 1}" for i, copy in picks]
with open(target, "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(names)
    for row in body:
        out.writerow([row[i] for i, _ in picks])
PY
done

echo "doppel plan on wide tables: credit_data's columns repeated (4454 rows); $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %8s %10s %9s\n' file columns "median s" "peak MB"
for width in $WIDTHS; do
    file=Benchmarks/data/credit_wide_$width.csv
    times=()
    peak=0
    for _ in $(seq 1 "$RUNS"); do
        /usr/bin/time -f "%e %M" -o /tmp/doppel_wide_time "$DOPPEL" plan "$file" --seed 1 -o /dev/null 2> /tmp/doppel_wide_stderr
        read -r seconds kilobytes < <(tail -1 /tmp/doppel_wide_time)
        times+=("$seconds")
        [ "$kilobytes" -gt "$peak" ] && peak=$kilobytes
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-28s %8d %10.2f %9d\n' "$(basename "$file")" "$width" "$median" "$((peak / 1024))"
    sed 's/^/    /' /tmp/doppel_wide_stderr
done
