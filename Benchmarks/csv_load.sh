#!/usr/bin/env bash
# CSV load benchmark: `doppel load FILE` against pandas.read_csv(FILE), side by side.
#
#   bash Benchmarks/csv_load.sh              (from the repo root)
#   RUNS=5 bash Benchmarks/csv_load.sh       (runs per tool and file; default 3)
#   DOPPEL=path/to/doppel bash Benchmarks/csv_load.sh
#
# Each tool runs RUNS times per file as a whole process under /usr/bin/time;
# the table shows the median wall time and the largest peak RSS.
# ratio = pandas time / doppel time (>= 1 means doppel is faster).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_DIR=Benchmarks
DATA_DIR="$BENCH_DIR/data"
RUNS="${RUNS:-3}"
PYTHON="${PYTHON:-python3}"
FILES=(diamonds_100mb.csv wide_numeric.csv)
INSPECT_FILE=diamonds_100mb.csv

die() { echo "csv_load.sh: $*" >&2; exit 1; }

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is needed: apt-get install time"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found"
if ! "$PYTHON" -c 'import pandas' 2>/dev/null; then
    die "pandas is not installed for $PYTHON; install it with: pip install pandas"
fi

# The binary: DOPPEL=path overrides; otherwise the default release build, built if missing.
if [[ -n "${DOPPEL:-}" ]]; then
    [[ -x "$DOPPEL" ]] || die "DOPPEL=$DOPPEL is not an executable file"
else
    DOPPEL=.build/release/doppel
    if [[ ! -x "$DOPPEL" ]]; then
        echo "Building the release binary (swift build -c release)..." >&2
        swift build -c release >&2
        [[ -x "$DOPPEL" ]] || die "swift build finished but $DOPPEL is missing"
    fi
fi

# The data (git-ignored); generate_data.py keeps files that already exist.
missing=0
for f in "${FILES[@]}"; do [[ -s "$DATA_DIR/$f" ]] || missing=1; done
if (( missing )); then
    echo "Generating benchmark data in $DATA_DIR..." >&2
    "$PYTHON" "$BENCH_DIR/generate_data.py" "$DATA_DIR" >&2
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# measure LABEL CMD... : runs CMD $RUNS times; sets M_TIME (median s), M_RSS (max KB),
# M_OUT (first line of the first run's stdout). Returns 1 (after printing the
# command's stderr) if any run fails.
measure() {
    local label="$1"; shift
    local times=() rss=0 i t k
    M_OUT=""
    for (( i = 1; i <= RUNS; i++ )); do
        if ! /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err"; then
            echo "csv_load.sh: $label failed (run $i):" >&2
            tail -n 5 "$WORK/err" >&2
            head -n 1 "$WORK/time" >&2 || true
            return 1
        fi
        read -r t k < <(tail -n 1 "$WORK/time")
        times+=("$t")
        if (( k > rss )); then rss=$k; fi
        if (( i == 1 )); then M_OUT="$(head -n 1 "$WORK/out")"; fi
    done
    M_TIME="$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    M_RSS="$rss"
}

shape() { grep -oE '^[0-9]+ rows, [0-9]+ columns' <<<"$1" || echo "?"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }          # bytes -> MB
kb_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }  # KB -> MB
times_of() { awk -v k="$1" -v b="$2" 'BEGIN { printf "%.2fx", k * 1024 / b }'; }

# Warn when other work is using the CPU now (sampled over one second).
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }
read -r busy1 idle1 < <(cpu_busy); sleep 1; read -r busy2 idle2 < <(cpu_busy)
busy_pct=$(awk -v b=$((busy2 - busy1)) -v i=$((idle2 - idle1)) 'BEGIN { printf "%.0f", (b + i) ? 100 * b / (b + i) : 0 }')
echo "CSV load benchmark: doppel load vs pandas.read_csv, median of $RUNS runs, peak RSS = max over runs"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
     "CPU ${busy_pct}% busy in the second before the runs"
echo "pandas $("$PYTHON" -c 'import pandas; print(pandas.__version__)'), $("$PYTHON" --version 2>&1);"\
     "doppel: $DOPPEL; $(date -u '+%Y-%m-%d %H:%M UTC')"
if (( busy_pct > 20 )); then
    echo "note: other work is using the CPU; timings may be noisy"
fi
echo

FMT='%-28s %8s %9s %9s %7s %11s %7s %11s %7s\n'
printf "$FMT" file "size MB" "doppel s" "pandas s" ratio "doppel MB" "x file" "pandas MB" "x file"
printf "$FMT" ---------------------------- -------- --------- --------- ------- ----------- ------- ----------- -------

status=0
notes=()
for f in "${FILES[@]}"; do
    path="$DATA_DIR/$f"
    bytes=$(stat -c %s "$path")
    cat "$path" >/dev/null   # same page-cache state for both tools

    if measure "doppel load $f" "$DOPPEL" load "$path"; then
        d_time=$M_TIME d_rss=$M_RSS d_shape=$(shape "$M_OUT") d_ok=1
    else
        d_ok=0 status=1
    fi
    if measure "pandas read_csv $f" "$PYTHON" "$BENCH_DIR/pandas_load.py" "$path"; then
        p_time=$M_TIME p_rss=$M_RSS p_shape=$(shape "$M_OUT") p_ok=1
    else
        p_ok=0 status=1
    fi

    if (( d_ok )); then
        dt=$d_time dm=$(kb_mb "$d_rss") dx=$(times_of "$d_rss" "$bytes")
    else
        dt=FAILED dm=- dx=-
    fi
    if (( p_ok )); then
        pt=$p_time pm=$(kb_mb "$p_rss") px=$(times_of "$p_rss" "$bytes")
    else
        pt=FAILED pm=- px=-
    fi
    ratio=-
    if (( d_ok && p_ok )); then
        ratio=$(awk -v p="$p_time" -v d="$d_time" 'BEGIN { if (d > 0) printf "%.2f", p / d; else print "inf" }')
        [[ "$d_shape" == "$p_shape" ]] || notes+=("$f: shapes differ: doppel '$d_shape', pandas '$p_shape'")
        if [[ "$f" == "$INSPECT_FILE" ]]; then
            speed_ok=$(awk -v p="$p_time" -v d="$d_time" 'BEGIN { print (p >= d) ? "met" : "NOT met" }')
            mem_ok=$(awk -v k="$d_rss" -v b="$bytes" 'BEGIN { print (k * 1024 <= 2 * b) ? "met" : "NOT met" }')
            notes+=("targets on $f: doppel >= pandas speed (ratio >= 1.0): $speed_ok; doppel peak RSS <= 2x file size: $mem_ok")
        fi
    fi
    printf "$FMT" "$f" "$(mb "$bytes")" "$dt" "$pt" "$ratio" "$dm" "$dx" "$pm" "$px"
done

# Extra line: load plus a full profile of every column.
path="$DATA_DIR/$INSPECT_FILE"
bytes=$(stat -c %s "$path")
if measure "doppel inspect $INSPECT_FILE" "$DOPPEL" inspect "$path"; then
    printf "$FMT" "$INSPECT_FILE (inspect)" "$(mb "$bytes")" "$M_TIME" - - "$(kb_mb "$M_RSS")" \
        "$(times_of "$M_RSS" "$bytes")" - -
else
    printf "$FMT" "$INSPECT_FILE (inspect)" "$(mb "$bytes")" FAILED - - - - - -
    status=1
fi

# Context for the pandas column: the fixed cost of starting Python and importing pandas.
if measure "python3 -c 'import pandas'" "$PYTHON" -c 'import pandas'; then
    notes+=("pandas times include starting $PYTHON and importing pandas: ${M_TIME} s on its own (median of $RUNS)")
fi

echo
echo "ratio = pandas s / doppel s (>= 1 means doppel is faster); MB = 10^6 bytes; x file = peak RSS / file size"
for n in "${notes[@]+"${notes[@]}"}"; do echo "$n"; done
exit "$status"
