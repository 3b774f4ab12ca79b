#!/usr/bin/env bash
# Issue 16's speed target: `doppel plan DIR` + `doppel run SESSION` on nycflights13, whole
# process, each binary given as an argument (e.g. a build of main and of a branch), runs
# interleaved so that both see the same machine load; prints wall, user and system seconds per
# run and checks that every binary writes the same session and output bytes as the first.
# Usage: Benchmarks/relational_speed.sh BINARY... ; RUNS (default 3), SEED (default 7),
# NYC=the data folder, THREADS (passed as --threads when set).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }
RUNS=${RUNS:-3}
SEED=${SEED:-7}
NYC=${NYC:-$(cd ../shared/data/nycflights13 && pwd)}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
THREADING=()
[ -n "${THREADS:-}" ] && THREADING=(--threads "$THREADS")
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-28s %4s %-5s %7s %7s %7s\n' binary run step wall user system
for run in $(seq 1 "$RUNS"); do
    for index in $(seq 1 $#); do
        binary=${!index}
        for step in plan run; do
            if [ "$step" = plan ]; then
                command=("$binary" plan "$NYC" --seed "$SEED" "${THREADING[@]}" -o "$WORK/session-$index.yaml")
            else
                command=("$binary" run "$WORK/session-$index.yaml" "${THREADING[@]}" -o "$WORK/out-$index" --replace)
            fi
            /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "${command[@]}" 2> /dev/null
            read -r wall user system < "$WORK/time.txt"
            printf '%-28s %4s %-5s %7s %7s %7s\n' "$(basename "$binary")" "$run" "$step" "$wall" "$user" "$system"
        done
        if [ "$index" -gt 1 ]; then
            cmp -s "$WORK/session-1.yaml" "$WORK/session-$index.yaml" || echo "  $binary: the session differs from $1's"
            for table in "$WORK"/out-1/*; do
                cmp -s "$table" "$WORK/out-$index/$(basename "$table")" || echo "  $binary: $(basename "$table") differs from $1's"
            done
        fi
    done
done
