#!/usr/bin/env bash
# Workbench responsiveness in a real terminal (tmux): (a) key-to-frame time while browsing a
# 1-million-row CSV (target 16 ms), (b) preview refresh after a strategy change on diamonds
# (target 100 ms). See Benchmarks/workbench_latency.py; results in BENCHMARKS.md.
#   DOPPEL=path   the binary (default .build/release/doppel, built when missing)
#   ROWS=N        rows of the browsing file (default 1000000)
#
#   bash Benchmarks/workbench_latency.sh --real-size [--repeats N]
# instead measures issue 15 §3 on flights (337k x 19) and on a 3k x 74 table made from
# credit_data.csv (Benchmarks/wide_credit.py): first rows, first preview, edits (p95), undo,
# :rebalance. See Benchmarks/workbench_latency_edits.py.
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL=${DOPPEL:-.build/release/doppel}
if [ "${1:-}" = "--real-size" ]; then
    shift
    [ -x "$DOPPEL" ] || swift build -c release --product doppel
    mkdir -p Benchmarks/data
    WIDE=Benchmarks/data/credit_wide_3k_74.csv
    [ -s "$WIDE" ] || python3 Benchmarks/wide_credit.py ../shared/data/credit_data.csv "$WIDE"
    echo "machine: $(nproc) cores, $(uname -sr); load: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 -u Benchmarks/workbench_latency_edits.py --doppel "$DOPPEL" ../shared/data/nycflights13/flights.csv --edits flights "$@"
    python3 -u Benchmarks/workbench_latency_edits.py --doppel "$DOPPEL" "$WIDE" --edits wide "$@"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
ROWS=${ROWS:-1000000}
DIAMONDS=../shared/data/diamonds.csv
[ -x "$DOPPEL" ] || swift build -c release --product doppel
mkdir -p Benchmarks/data
BIG=Benchmarks/data/diamonds_${ROWS}.csv
if [ ! -s "$BIG" ]; then
    # Synthetic diamonds rows from the default plan, seed 1: the same bytes every time.
    "$DOPPEL" sample "$DIAMONDS" --rows "$ROWS" --seed 1 -o "$BIG.tmp"
    mv "$BIG.tmp" "$BIG"
fi
echo "machine: $(nproc) cores, $(uname -sr); file: $BIG ($(du -h "$BIG" | cut -f1), $ROWS rows)"
python3 Benchmarks/workbench_latency.py --doppel "$DOPPEL" --browse "$BIG" --preview "$DIAMONDS" "$@"
