#!/usr/bin/env python3
"""Parquet read benchmark: pyarrow.parquet.read_table against `doppel load`, side by side.

    python3 Benchmarks/parquet_read.py                 (from the repo root; RUNS=3 by default)
    RUNS=5 DOPPEL=path/to/doppel python3 Benchmarks/parquet_read.py

Makes Benchmarks/data/diamonds_100mb.parquet once (git-ignored): diamonds.csv (../shared/data,
or $DIAMONDS) repeated until the Parquet file is about 100 MB, written by pyarrow with its
defaults (SNAPPY, dictionary pages, v1 data pages). Each tool then reads the whole file in its
own process under /usr/bin/time, RUNS times: the median wall time and the largest peak RSS are
reported, with the CPU time (user + system; less sensitive to a busy machine). pyarrow's time includes starting Python and importing pyarrow, as doppel's includes
starting doppel: the whole process, both ways.
"""
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Benchmarks", "data")
TARGET = os.path.join(DATA, "diamonds_100mb.parquet")
RUNS = int(os.environ.get("RUNS", "3"))
DOPPEL = os.environ.get("DOPPEL", os.path.join(ROOT, ".build", "release", "doppel"))
DIAMONDS = os.environ.get("DIAMONDS", os.path.join(os.path.dirname(ROOT), "shared", "data", "diamonds.csv"))
if not os.path.exists(DIAMONDS):
    DIAMONDS = "/work/shared/data/diamonds.csv"

READER = "import sys, pyarrow.parquet as pq; t = pq.read_table(sys.argv[1]); print(f'{t.num_rows} rows, {t.num_columns} columns')"


def make_file():
    import pyarrow as pa
    import pyarrow.csv as pc
    import pyarrow.parquet as pq
    if os.path.exists(TARGET):
        return
    os.makedirs(DATA, exist_ok=True)
    base = pc.read_csv(DIAMONDS)
    # Size per copy, from one trial write; then repeat to about 100 MB.
    probe = os.path.join(DATA, "probe.parquet")
    pq.write_table(pa.concat_tables([base] * 20), probe)
    per_copy = os.path.getsize(probe) / 20
    os.remove(probe)
    copies = max(1, round(100e6 / per_copy))
    temporary = TARGET + ".tmp"
    pq.write_table(pa.concat_tables([base] * copies), temporary)
    os.replace(temporary, TARGET)


def measure(command):
    times, cpus, peaks, first = [], [], [], None
    with tempfile.NamedTemporaryFile() as report:
        for _ in range(RUNS):
            done = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", report.name] + command,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"parquet_read.py: {' '.join(command)} failed:\n{done.stderr}")
            seconds, kilobytes, user, system = open(report.name).read().split()[-4:]
            times.append(float(seconds))
            cpus.append(float(user) + float(system))
            peaks.append(int(kilobytes) * 1024 / 1e6)
            first = first or done.stdout.strip().splitlines()[0]
    return statistics.median(times), statistics.median(cpus), max(peaks), first


def main():
    if not os.access(DOPPEL, os.X_OK):
        sys.exit(f"parquet_read.py: {DOPPEL} is missing: build it with swift build -c release (or set DOPPEL)")
    import pyarrow
    make_file()
    size = os.path.getsize(TARGET) / 1e6
    pyarrow_s, pyarrow_cpu, pyarrow_mb, pyarrow_shape = measure([sys.executable, "-c", READER, TARGET])
    doppel_s, doppel_cpu, doppel_mb, doppel_shape = measure([DOPPEL, "load", TARGET])
    print(f"Parquet read: pyarrow.parquet.read_table vs doppel load, median of {RUNS} runs, peak RSS = max over runs")
    load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
    print(f"machine: {os.cpu_count()} cores, load average {load} before the runs; pyarrow {pyarrow.__version__}, Python {sys.version.split()[0]}; doppel: {os.path.relpath(DOPPEL, ROOT)}")
    print(f"file: {os.path.relpath(TARGET, ROOT)}, {size:.1f} MB; pyarrow: {pyarrow_shape}; doppel: {doppel_shape}")
    print()
    print(f"{'tool':<10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    print(f"{'pyarrow':<10} {pyarrow_s:8.2f} {pyarrow_cpu:8.2f} {pyarrow_mb:8.0f}")
    print(f"{'doppel':<10} {doppel_s:8.2f} {doppel_cpu:8.2f} {doppel_mb:8.0f}")
    ratio = pyarrow_s / doppel_s if doppel_s > 0 else float("inf")
    print(f"ratio (pyarrow s / doppel s, >= 1 means doppel is faster): {ratio:.2f}; target >= 1.0: {'met' if ratio >= 1 else 'missed'}")


if __name__ == "__main__":
    main()
