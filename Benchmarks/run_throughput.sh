#!/usr/bin/env bash
# doppel run on a diamonds session: ROWS rows (default 10 million) to /dev/null, one process, then
# the same rows as 4 shards in 4 parallel processes. Prints seconds, rows/s and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-10000000}
DOPPEL=${DOPPEL:-.build/release/doppel}
[ -x "$DOPPEL" ] || swift build -c release >&2
mkdir -p Benchmarks/data
SESSION=Benchmarks/data/diamonds.session.yaml
DATA=$(cd ../shared/data && pwd)/diamonds.csv
{
    echo "format: 1"
    echo "source:"
    echo "  path: $DATA"
    echo "plan:"
    "$DOPPEL" plan "$DATA" --seed 1 | sed -n '/^columns:/,$p' | sed 's/^/  /'
    echo "run:"
    echo "  seed: 1"
} > "$SESSION"

echo "doppel run: diamonds session (default plan), $ROWS rows to /dev/null; $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
/usr/bin/time -f "%e %M" -o /tmp/doppel_run_time "$DOPPEL" run "$SESSION" --rows "$ROWS" -o /dev/null --quiet
read -r seconds kilobytes < /tmp/doppel_run_time
printf '1 process : %6.2f s  %9d rows/s  peak %4d MB\n' "$seconds" "$(echo "$ROWS / $seconds" | bc)" "$((kilobytes / 1024))"

start=$(date +%s.%N)
seq 1 4 | xargs -P 4 -I{} /usr/bin/time -f "%M" -o /tmp/doppel_shard_{} "$DOPPEL" run "$SESSION" --rows "$ROWS" --shard {}/4 -o /dev/null --quiet
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc)
peak=$(cat /tmp/doppel_shard_* | sort -n | tail -1)
printf '4 shards  : %6.2f s  %9d rows/s  peak %4d MB per process (4 processes in parallel)\n' "$seconds" "$(echo "$ROWS / $seconds" | bc)" "$((peak / 1024))"
