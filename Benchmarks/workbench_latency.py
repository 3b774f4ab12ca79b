#!/usr/bin/env python3
"""Measure the workbench's responsiveness in a real terminal (tmux), from its frame log.

    python3 Benchmarks/workbench_latency.py --doppel .build/release/doppel \\
        --browse Benchmarks/data/diamonds_1m.csv --preview ../shared/data/diamonds.csv

Runs `doppel FILE` in a private tmux server with DOPPEL_FRAME_LOG set, which makes the
workbench's screen log, for every key, the time from the key being read to the next frame
drawn (handling + rendering + drawing with curses; see FrameTimingScreen), and for every later
frame that changes the screen, the time since the key, with the frame's top row.

(a) browse: on the --browse file, waits until loading and background work are done, then
    presses Down, PageDown, Right, Left, PageUp, End and Home, one key every --interval
    seconds, and reports the key-to-frame time per key (median, p95, max; target 16 ms).
(b) preview: on the --preview file, shows synthetic rows, then changes the first column's
    strategy (kde -> uniform -> kde ...) --changes times and reports the time from Enter in
    the strategy picker to the first frame whose status line no longer says "generating"
    (the preview regenerated and drawn; target 100 ms).
"""
import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BUSY_WORDS = ("loading", "generating", "computing")


class Tmux:
    def __init__(self, width, height):
        self.folder = tempfile.mkdtemp(prefix="doppel-latency-")
        self.socket = os.path.join(self.folder, "socket")
        self.config = os.path.join(self.folder, "tmux.conf")
        with open(self.config, "w") as f:
            f.write("set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n")
        self.width, self.height = width, height

    def run(self, *args, capture=False):
        result = subprocess.run(["tmux", "-u", "-S", self.socket, "-f", self.config, *args],
                                stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=False)
        return result.stdout.decode("utf-8", "replace") if capture else None

    def start(self, command, environment):
        words = ["env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
        words += [f"{k}={v}" for k, v in environment.items()] + command
        self.run("new-session", "-d", "-s", "w", "-x", str(self.width), "-y", str(self.height),
                 "-c", self.folder, shlex.join(words) + "; sleep 600")

    def keys(self, *keys):
        for key in keys:
            self.run("send-keys", "-t", "w", key)

    def screen(self):
        return (self.run("capture-pane", "-t", "w", "-p", capture=True) or "").split("\n")

    def wait_idle(self, ready, timeout=120):
        """Waits until the top row contains `ready` and no busy word, twice 0.3 s apart."""
        deadline = time.monotonic() + timeout
        calm = 0
        while time.monotonic() < deadline:
            top = self.screen()[0]
            if ready in top and not any(word in top for word in BUSY_WORDS):
                calm += 1
                if calm == 2:
                    return
            else:
                calm = 0
            time.sleep(0.3)
        sys.exit(f"workbench_latency: not idle after {timeout} s; top row: {self.screen()[0]!r}")

    def close(self):
        self.run("kill-server")
        shutil.rmtree(self.folder, ignore_errors=True)


def read_log(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def summary(values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"n={len(values):4d}  median {statistics.median(values):7.2f} ms  p95 {p95:7.2f} ms  max {values[-1]:7.2f} ms"


def browse(args):
    tmux = Tmux(args.width, args.height)
    log = os.path.join(tmux.folder, "frames.log")
    try:
        started = time.monotonic()
        tmux.start([args.doppel, os.path.abspath(args.browse)], {"DOPPEL_FRAME_LOG": log})
        tmux.wait_idle("rows")
        print(f"(a) browse {args.browse}: ready after {time.monotonic() - started:.1f} s "
              f"(load, profile, first preview and fidelity; includes 0.6 s of idle checks)")
        plan = [("Down", 200), ("PageDown", 60), ("Right", 9), ("Left", 9), ("PageUp", 30), ("End", 1), ("Home", 1),
                ("End", 1), ("Home", 1)]
        for key, count in plan:
            for _ in range(count):
                tmux.keys(key)
                time.sleep(args.interval)
        time.sleep(0.5)
        tmux.keys("C-c")
        time.sleep(0.5)
    finally:
        rows = read_log(log) if os.path.exists(log) else []
        tmux.close()
    by_key = {}
    for row in rows:
        if row[0] == "key" and row[2] != "none" and row[1] != 'control("c")':
            by_key.setdefault(row[1], []).append(float(row[2]))
    everything = [v for values in by_key.values() for v in values]
    if not everything:
        sys.exit("workbench_latency: the frame log is empty (is DOPPEL_FRAME_LOG supported by this binary?)")
    for key in sorted(by_key):
        print(f"    {key:10s} {summary(by_key[key])}")
    print(f"    {'all keys':10s} {summary(everything)}  over 16 ms: {sum(v > 16 for v in everything)}")


def preview(args):
    tmux = Tmux(args.width, args.height)
    log = os.path.join(tmux.folder, "frames.log")
    try:
        tmux.start([args.doppel, os.path.abspath(args.preview)], {"DOPPEL_FRAME_LOG": log})
        tmux.wait_idle("rows")
        tmux.keys("Tab")  # synthetic rows in the grid
        tmux.wait_idle("synthetic")
        for change in range(args.changes):
            tmux.keys("s")
            time.sleep(0.3)
            tmux.keys(*(["Down"] * 3 if change % 2 == 0 else ["Up"] * 3))
            time.sleep(0.3)
            tmux.keys("Enter")
            time.sleep(0.3)
            tmux.wait_idle("synthetic")
        tmux.keys("C-c")
        time.sleep(0.5)
    finally:
        rows = read_log(log) if os.path.exists(log) else []
        tmux.close()
    # The refresh is the first frame after Enter whose status line no longer says "generating":
    # the Enter frame itself when the preview came back before it was drawn (the loop takes
    # finished background results before drawing).
    refreshes = []
    first_frames = []
    waiting = False
    for row in rows:
        if row[0] == "key":
            waiting = row[1] == "enter"
            if waiting:
                first_frames.append(float(row[2]))
                if "generating" not in row[4]:
                    refreshes.append(float(row[2]))
                    waiting = False
        elif row[0] == "frame" and waiting and "generating" not in row[3]:
            refreshes.append(float(row[1]))
            waiting = False
    if not refreshes:
        sys.exit("workbench_latency: no preview refresh found in the frame log")
    print(f"(b) preview on {args.preview}: strategy change (Enter in the picker) to the regenerated preview drawn")
    print(f"    {'refresh':10s} {summary(refreshes)}")
    print(f"    {'Enter':10s} {summary(first_frames)}  (the first frame after Enter: picker closed)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doppel", default=".build/release/doppel")
    parser.add_argument("--browse", help="a large CSV file to browse (a)")
    parser.add_argument("--preview", help="a CSV file whose first column is decimal (kde by default) (b)")
    parser.add_argument("--changes", type=int, default=10, help="strategy changes in (b) (default 10)")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between keys in (a) (default 0.05)")
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("workbench_latency: tmux is not installed (scripts/install-deps.sh installs it)")
    args.doppel = os.path.abspath(args.doppel)
    if args.browse:
        browse(args)
    if args.preview:
        preview(args)


if __name__ == "__main__":
    main()
