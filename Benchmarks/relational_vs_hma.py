#!/usr/bin/env python3
"""Doppel's relational default against SDV's HMASynthesizer on nycflights13, in one run (issue 16).

Usage: python3 Benchmarks/relational_vs_hma.py [DOPPEL] [NYC_DIR] [--cap SECONDS]

1. Doppel: `doppel plan DIR -o session.yaml` then `doppel run session.yaml -o OUT`, timed
   (wall seconds, whole processes).
2. SDV 2.x: the same five tables with their keys (airlines.carrier, airports.faa, planes.tailnum
   as primary keys; flights.carrier/tailnum/origin/dest and weather.origin as foreign keys),
   `drop_unknown_references` first (HMA refuses orphan keys), then HMASynthesizer fit and sample
   at scale 1, in a child process capped at --cap seconds (default 1800: the issue's 30 minutes).
3. Both outputs scored by the same `doppel report REAL OUT --json` (per-table quality without key
   columns, referential integrity, cardinality shape similarity), so the figures compare.
Prints one table; the times are wall-clock on this machine, with whatever else it runs.
"""
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time

TABLES = ["airlines", "airports", "flights", "planes", "weather"]


def run_doppel(doppel, nyc, out_dir, seed=7):
    session = os.path.join(out_dir, "session.yaml")
    start = time.time()
    subprocess.run([doppel, "plan", nyc, "--seed", str(seed), "-o", session], check=True, capture_output=True)
    planned = time.time()
    subprocess.run([doppel, "run", session, "-o", os.path.join(out_dir, "doppel")], check=True, capture_output=True)
    done = time.time()
    return planned - start, done - planned


def sdv_child(nyc, out, queue):
    try:
        import warnings
        warnings.filterwarnings("ignore")
        import pandas as pd
        from sdv.metadata import Metadata
        from sdv.multi_table import HMASynthesizer
        from sdv.utils import drop_unknown_references
        data = {t: pd.read_csv(os.path.join(nyc, t + ".csv")) for t in TABLES}
        metadata = Metadata.detect_from_dataframes(data)
        # Only the keys nycflights13 has; detection guesses others from names.
        for rel in list(metadata.relationships):
            metadata.remove_relationship(rel["parent_table_name"], rel["child_table_name"])
        for table, key in [("airlines", "carrier"), ("airports", "faa"), ("planes", "tailnum")]:
            metadata.update_column(table_name=table, column_name=key, sdtype="id")
            metadata.set_primary_key(table_name=table, column_name=key)
        for table in ["flights", "weather"]:
            if metadata.tables[table].primary_key:
                metadata.remove_primary_key(table)
        links = [("airlines", "carrier", "flights", "carrier"), ("planes", "tailnum", "flights", "tailnum"),
                 ("airports", "faa", "flights", "origin"), ("airports", "faa", "flights", "dest"),
                 ("airports", "faa", "weather", "origin")]
        for parent, pkey, child, ckey in links:
            metadata.update_column(table_name=child, column_name=ckey, sdtype="id")
            metadata.add_relationship(parent_table_name=parent, child_table_name=child,
                                      parent_primary_key=pkey, child_foreign_key=ckey)
        start = time.time()
        cleaned = drop_unknown_references(data, metadata, verbose=False)
        synthesizer = HMASynthesizer(metadata)
        synthesizer.fit(cleaned)
        fitted = time.time()
        try:
            sample = synthesizer.sample(scale=1.0)
        except TypeError:  # SDV 2.x: rows of a main table instead of a scale
            sample = synthesizer.sample(num_rows=len(data["flights"]), main_table_name="flights")
        sampled = time.time()
        os.makedirs(out, exist_ok=True)
        for name, frame in sample.items():
            frame.to_csv(os.path.join(out, name + ".csv"), index=False)
        queue.put(("ok", fitted - start, sampled - fitted, {t: len(cleaned[t]) for t in TABLES}))
    except Exception as error:  # reported, not raised: SDV's failure is a result
        queue.put(("failed", repr(error)[:300]))


def report(doppel, nyc, out):
    result = subprocess.run([doppel, "report", nyc, out, "--json", "--quiet"], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        return None, result.stderr.strip()[:300]
    return json.loads(result.stdout), None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    cap = 1800
    if "--cap" in sys.argv:
        cap = int(sys.argv[sys.argv.index("--cap") + 1])
        args = [a for a in args if a != str(cap)]
    doppel = os.path.abspath(args[0] if args else ".build/release/doppel")
    nyc = os.path.abspath(args[1] if len(args) > 1 else "../shared/data/nycflights13")
    work = tempfile.mkdtemp(prefix="hma_")
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; cap {cap} s")

    plan_s, run_s = run_doppel(doppel, nyc, work)
    doppel_report, _ = report(doppel, nyc, os.path.join(work, "doppel"))

    queue = mp.Queue()
    child = mp.Process(target=sdv_child, args=(nyc, os.path.join(work, "sdv"), queue))
    start = time.time()
    child.start()
    child.join(cap)
    if child.is_alive():
        child.terminate()
        child.join()
        sdv = ("timeout", f"not finished within {cap} s")
    else:
        sdv = queue.get() if not queue.empty() else ("failed", f"exit code {child.exitcode} (killed? out of memory?)")
    sdv_wall = time.time() - start
    sdv_report = report(doppel, nyc, os.path.join(work, "sdv"))[0] if sdv[0] == "ok" else None

    def fig(r, key):
        return "n/a" if r is None or r.get(key) is None else f"{r[key]:.4f}"

    def table_q(r, name):
        if r is None:
            return "n/a"
        q = next((t["quality"] for t in r["tables"] if t["table"] == name), None)
        return "n/a" if q is None else f"{q:.4f}"

    print(f"{'':34} {'Doppel':>12} {'SDV HMA':>12}")
    sdv_time = f"{sdv[1] + sdv[2]:.1f} s" if sdv[0] == "ok" else sdv[0]
    print(f"{'fit/plan + sample/run (wall)':34} {plan_s + run_s:>10.1f} s {sdv_time:>12}")
    if sdv[0] == "ok":
        print(f"{'  of which fit / sample':34} {plan_s:>5.1f}/{run_s:<5.1f}  {sdv[1]:>5.1f}/{sdv[2]:<5.1f}")
        print(f"  SDV trained on rows after drop_unknown_references: {sdv[3]}")
    else:
        print(f"  SDV: {sdv[1]} (after {sdv_wall:.0f} s)")
    for key in ["referential_integrity", "cardinality_shape_similarity", "intertable_trends"]:
        print(f"{key:34} {fig(doppel_report, key):>12} {fig(sdv_report, key):>12}")
    for name in TABLES:
        print(f"{'quality ' + name:34} {table_q(doppel_report, name):>12} {table_q(sdv_report, name):>12}")


if __name__ == "__main__":
    main()
