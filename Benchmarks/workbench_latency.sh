#!/usr/bin/env bash
# Workbench responsiveness in a real terminal (tmux): (a) key-to-frame time while browsing a
# 1-million-row CSV (target 16 ms), (b) preview refresh after a strategy change on diamonds
# (target 100 ms). See Benchmarks/workbench_latency.py; results in BENCHMARKS.md.
#   DOPPEL=path   the binary (default .build/release/doppel, built when missing)
#   ROWS=N        rows of the browsing file (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
DOPPEL=${DOPPEL:-.build/release/doppel}
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
