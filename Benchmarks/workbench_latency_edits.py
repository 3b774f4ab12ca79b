#!/usr/bin/env python3
"""Workbench latency on real-size data (issue 15 §3), driving the real UI in tmux.

    python3 Benchmarks/workbench_latency_edits.py --doppel .build/release/doppel FILE [--plan-edits flights|wide]

Measured from outside (tmux, polled every 20 ms, so ±20 ms) and from the workbench's frame log
(DOPPEL_FRAME_LOG: key read -> frame drawn):

- first rows: process start -> a screen showing data rows (the grid's row 1);
- first preview: process start -> the first frame whose title no longer says it is making the
  plan or generating (an approximate preview counts: its rows are on screen);
- full fit: process start -> no "approximate" either (joint groups fitted on all rows);
- edits: key -> the regenerated preview drawn (the first frame whose title no longer says
  "generating"), each from a quiet workbench (the previous full fit and fidelity done);
- undo, :rebalance: the same.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workbench_latency import Tmux, read_log  # noqa: E402

BUSY = ("loading", "generating", "computing", "making the plan", "approximate")


def top(tmux):
    return tmux.screen()[0]


def wait_quiet(tmux, timeout=300):
    deadline = time.monotonic() + timeout
    calm = 0
    while time.monotonic() < deadline:
        row = top(tmux)
        if "rows" in row and not any(word in row for word in BUSY):
            calm += 1
            if calm == 3:
                return
        else:
            calm = 0
        time.sleep(0.2)
    sys.exit(f"not quiet after {timeout} s; top row: {top(tmux)!r}")


def refresh_after(log, start_line, key_name):
    """ms from the measured key to the first frame without 'generating', and whether the key
    regenerated anything at all (a frame saying 'generating' or 'approximate' after it; a
    preview that came back before the first frame is drawn says neither, and counts when the
    frame changed the synthetic rows)."""
    rows = read_log(log)[start_line:]
    waiting = False
    for row in rows:
        if row[0] == "key":
            if row[1] == key_name and row[2] != "none":
                waiting = True
                if len(row) > 4 and "generating" not in row[4]:
                    return float(row[2]), int(row[3]) > 200
            continue
        if row[0] == "frame" and waiting and "generating" not in row[3]:
            return float(row[1]), True
    return None, False


def measured(tmux, log, label, keys, final, results):
    start_line = len(read_log(log)) if os.path.exists(log) else 0
    if keys:
        tmux.keys(*keys)
        time.sleep(0.3)
    tmux.keys(final[0])
    time.sleep(0.5)
    wait_quiet(tmux)
    value, regenerated = refresh_after(log, start_line, final[1])
    screen = [line for line in tmux.screen() if line.strip()]
    message = screen[-1].strip() if screen else ""
    if value is None or not regenerated:
        print(f"    {label:28s} no regeneration seen (last line: {message[:90]!r})")
        return
    results.setdefault(label.split(" #")[0], []).append(value)
    print(f"    {label:28s} {value:9.1f} ms   {message[:70]}")


def summary(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"n={len(values):3d} median {statistics.median(values):8.1f} ms  p95 {p95:8.1f} ms  max {values[-1]:8.1f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--doppel", default=".build/release/doppel")
    parser.add_argument("--edits", default="flights", choices=["flights", "wide"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jump-key", default="c", help="the key that jumps to a column by name (/ before issue 15 §4)")
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args()
    tmux = Tmux(args.width, args.height)
    log = os.path.join(tmux.folder, "frames.log")
    results = {}
    try:
        started = time.monotonic()
        tmux.start([os.path.abspath(args.doppel), os.path.abspath(args.file)], {"DOPPEL_FRAME_LOG": log})
        first_rows = first_preview = None
        deadline = started + 600
        while time.monotonic() < deadline:
            screen = tmux.screen()
            now = time.monotonic() - started
            if first_rows is None and len(screen) > 3 and screen[3].lstrip().startswith("1 "):
                first_rows = now
            row = screen[0]
            if first_rows is not None and first_preview is None and "rows" in row \
                    and not any(word in row for word in ("loading", "generating", "making the plan")):
                first_preview = now
            if first_preview is not None and "rows" in row and not any(word in row for word in BUSY):
                break
            time.sleep(0.02)
        full = time.monotonic() - started
        def seconds(value):
            return "n/a" if value is None else f"{value:.2f} s"
        print(f"{args.file}: first rows {seconds(first_rows)}, first preview {seconds(first_preview)}, "
              f"quiet (full fit, fidelity) {full:.2f} s")
        wait_quiet(tmux)
        # The synthetic rows in view (Tab), so every refresh redraws them.
        tmux.keys("Tab")
        time.sleep(0.3)
        def go(column):
            # c: jump to a column by name.
            tmux.keys(args.jump_key)
            time.sleep(0.2)
            tmux.keys(*column)
            time.sleep(0.2)
            tmux.keys("Enter")
            time.sleep(0.3)
        column = "dep_delay" if args.edits == "flights" else "Seniority_1"
        # J takes a joint-group member out of its group (its own strategy then draws it);
        # strategy changes on it (s, one down or up: histogram <-> empirical, Enter); J puts it
        # back, and takes it out and in again.
        go(column)
        measured(tmux, log, f"J ({column} out/in) #0", [], ("J", "'J'"), results)
        for n in range(args.repeats):
            measured(tmux, log, f"strategy ({column}) #{n}", ["s", "Down" if n % 2 == 0 else "Up"], ("Enter", "enter"), results)
        for n in range(1, args.repeats + 1):
            measured(tmux, log, f"J ({column} out/in) #{n}", [], ("J", "'J'"), results)
        for n in range(2):
            measured(tmux, log, f"r (new seed) #{n}", [], ("r", "'r'"), results)
        for n in range(3):
            measured(tmux, log, f"undo #{n}", [], ("u", "'u'"), results)
        level_column = "origin" if args.edits == "flights" else "Home_1"
        measured(tmux, log, "rebalance", [":"] + list(f"rebalance {level_column}"), ("Enter", "enter"), results)
        measured(tmux, log, "undo #rebalance", [], ("u", "'u'"), results)
        tmux.keys("C-c")
        time.sleep(0.5)
    finally:
        tmux.close()
    edits = [v for k, vs in results.items() if not k.startswith("undo") and k != "rebalance" for v in vs]
    print(f"    {'edits (all)':28s} {summary(edits)}" if edits else "    no edits measured")
    for label, values in results.items():
        print(f"    {label:28s} {summary(values)}")


if __name__ == "__main__":
    main()
