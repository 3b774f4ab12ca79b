#!/usr/bin/env bash
# Screenshots of every workbench screen, from the real binary in tmux, into screenshots/.
#   DOPPEL=path   the binary (default .build/release/doppel, built when missing)
# Needs tmux, fonts-dejavu-core, and the Python packages pyte and Pillow (see scripts/README.md).
# Look at each PNG before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
DOPPEL=$(realpath "${DOPPEL:-.build/release/doppel}")
[ -x "$DOPPEL" ] || swift build -c release --product doppel
DATA=$(realpath ../shared/data/diamonds.csv)
FLIGHTS=$(realpath ../shared/data/nycflights13/flights.csv)
# The workbench autosaves beside its session file, in the current directory: keep that out of the repo.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

shot() {
    local name=$1; shift
    python3 "$root/scripts/tmux_screenshot.py" --out "$root/screenshots/$name.png" --width 120 --height 36 \
        --wait 60 --wait-for "rows · 10 columns" --wait-gone "loading" --wait-gone "generating" \
        --wait-gone "computing" --key-delay 0.6 "$@" -- "$DOPPEL" "$DATA"
}

shot workbench-grid
shot workbench-column --keys Enter
shot workbench-strategy --keys s
shot workbench-parameters --keys p
shot workbench-preview --keys Tab Tab
shot workbench-fidelity --keys f
shot workbench-help --keys '?'
shot workbench-frequency --keys F
shot workbench-describe --keys I
shot workbench-plan-sheet --keys P

# The rules panel on flights, whose rules are many (datetime parts, clock sums, lookups).
python3 "$root/scripts/tmux_screenshot.py" --out "$root/screenshots/workbench-rules.png" --width 120 --height 36 \
    --wait 120 --wait-for "rows · 19 columns" --wait-gone "loading" --wait-gone "generating" \
    --wait-gone "computing" --key-delay 0.6 --keys R -- "$DOPPEL" "$FLIGHTS"

# The table list of related tables (nycflights13's folder) with the relationship graph.
python3 "$root/scripts/tmux_screenshot.py" --out "$root/screenshots/workbench-tables.png" --width 120 --height 36 \
    --wait 120 --wait-for "flights" --wait-gone "reading" --key-delay 0.6 -- "$DOPPEL" "$(dirname "$FLIGHTS")"

# A file past the memory budget (200 MB of diamonds, --memory 100MB): a window on its first rows,
# the whole file profiled in the background.
{ head -1 "$DATA"; for _ in $(seq 80); do tail -n +2 "$DATA"; done; } > "$work/diamonds-x80.csv"
python3 "$root/scripts/tmux_screenshot.py" --out "$root/screenshots/workbench-window.png" --width 120 --height 36 \
    --wait 180 --wait-for "rows · 10 columns" --wait-gone "generating" --wait-gone "computing" --key-delay 0.6 --keys Enter \
    -- "$DOPPEL" "$work/diamonds-x80.csv" --memory 100MB
