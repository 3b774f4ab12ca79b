#!/usr/bin/env python3
"""Generate the CSV files used by Benchmarks/csv_load.sh (deterministic).

    python3 Benchmarks/generate_data.py [OUT_DIR] [--force]

OUT_DIR defaults to Benchmarks/data (git-ignored). Existing files are kept
unless --force is given.

  diamonds_100mb.csv  ../shared/data/diamonds.csv's rows repeated (header once)
                      until the file reaches 100,000,000 bytes (about 100 MB).
  wide_numeric.csv    200 columns x 100,000 rows of mixed integers and decimals,
                      random.Random(42), about 1% empty cells, about 100 MB.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DIAMONDS_SOURCE = os.path.join(REPO, "..", "shared", "data", "diamonds.csv")
TARGET_BYTES = 100_000_000

WIDE_COLUMNS = 200
WIDE_ROWS = 100_000
EMPTY_RATE = 0.01


def write_atomically(path, produce):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as out:
        produce(out)
    os.replace(tmp, path)


def make_diamonds(path):
    source = os.environ.get("DIAMONDS_CSV", DIAMONDS_SOURCE)
    if not os.path.exists(source):
        sys.exit(f"generate_data.py: {source} not found (set DIAMONDS_CSV=path to diamonds.csv)")
    with open(source, "r", newline="", encoding="utf-8") as f:
        header = f.readline()
        body = f.read()
    if not header.endswith("\n"):
        header += "\n"
    if body and not body.endswith("\n"):
        body += "\n"
    header_bytes = len(header.encode("utf-8"))
    body_bytes = len(body.encode("utf-8"))
    copies = max(1, -(-(TARGET_BYTES - header_bytes) // body_bytes))  # ceiling division

    def produce(out):
        out.write(header)
        for _ in range(copies):
            out.write(body)

    write_atomically(path, produce)


def make_wide(path):
    rng = random.Random(42)
    # Each column has a fixed kind: small integers, signed integers, or decimals
    # with 1-3 fractional digits.
    kinds = []
    for _ in range(WIDE_COLUMNS):
        k = rng.random()
        if k < 0.35:
            kinds.append(("int", 0, 9999))
        elif k < 0.5:
            kinds.append(("int", -999, 999))
        else:
            kinds.append(("dec", rng.choice((1, 2, 3))))
    header = ",".join(f"c{i:03d}" for i in range(WIDE_COLUMNS)) + "\n"

    def produce(out):
        out.write(header)
        rand = rng.random
        randint = rng.randint
        lines = []
        for r in range(WIDE_ROWS):
            cells = []
            for kind in kinds:
                if rand() < EMPTY_RATE:
                    cells.append("")
                elif kind[0] == "int":
                    cells.append(str(randint(kind[1], kind[2])))
                else:
                    digits = kind[1]
                    cells.append(f"{rand() * 10 ** (4 - digits):.{digits}f}")
            lines.append(",".join(cells))
            if len(lines) == 1000:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")

    write_atomically(path, produce)


def main(argv):
    force = "--force" in argv
    args = [a for a in argv if a != "--force"]
    out_dir = args[0] if args else os.path.join(HERE, "data")
    os.makedirs(out_dir, exist_ok=True)
    for name, make in (("diamonds_100mb.csv", make_diamonds), ("wide_numeric.csv", make_wide)):
        path = os.path.join(out_dir, name)
        if os.path.exists(path) and not force:
            print(f"{path}: exists, kept")
            continue
        print(f"{path}: generating...", flush=True)
        make(path)
        print(f"{path}: {os.path.getsize(path) / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
