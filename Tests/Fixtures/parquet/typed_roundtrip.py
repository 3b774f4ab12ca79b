#!/usr/bin/env python3
"""The Parquet types test of `doppel sample` / `doppel run` to .parquet (pyarrow from PyPI).

    python3 Tests/Fixtures/parquet/typed_roundtrip.py make SOURCE.parquet ROWS
    python3 Tests/Fixtures/parquet/typed_roundtrip.py check SOURCE.parquet OUTPUT.parquet ROWS
    python3 Tests/Fixtures/parquet/typed_roundtrip.py schema FILE.parquet

`make` writes a source with int32, float32, decimal(10, 2), date32, timestamp[ms, tz=UTC],
timestamp[us] (no zone) and string columns, each with nulls. `check` exits 1 with a message
unless OUTPUT has SOURCE's arrow schema, ROWS rows, and plausible values: a share of nulls,
numbers and times inside the source's range (a tenth of it either side), text the source's.
`schema` prints each column's arrow type, one `name: type` a line.
"""
import datetime as dt
import decimal
import random
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


def make(path, rows):
    rng = random.Random(18)

    def maybe(value, row):
        return None if row % 11 == 3 else value

    start = dt.datetime(2024, 1, 1)
    columns = {
        "count32": pa.array([maybe(rng.randint(-1000, 100_000), r) for r in range(rows)], pa.int32()),
        "ratio32": pa.array([maybe(rng.uniform(0, 10), r) for r in range(rows)], pa.float32()),
        "price": pa.array([maybe(decimal.Decimal(rng.randint(0, 9_999_999)).scaleb(-2), r) for r in range(rows)], pa.decimal128(10, 2)),
        "day": pa.array([maybe(dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1500)), r) for r in range(rows)], pa.date32()),
        "stamp_ms": pa.array([maybe(start + dt.timedelta(milliseconds=rng.randint(0, 10**10)), r) for r in range(rows)], pa.timestamp("ms", tz="UTC")),
        "stamp_us": pa.array([maybe(start + dt.timedelta(microseconds=rng.randint(0, 10**13)), r) for r in range(rows)], pa.timestamp("us")),
        "label": pa.array([maybe(rng.choice(["red", "green", "blue", "cyan"]), r) for r in range(rows)], pa.string()),
    }
    pq.write_table(pa.table(columns), path)


def numbers(column):
    """The smallest and largest value as floats (dates in days, timestamps in their unit)."""
    if pa.types.is_date32(column.type):
        column = column.cast(pa.int32())
    elif pa.types.is_timestamp(column.type):
        column = column.cast(pa.int64())
    low, high = pc.min_max(column.cast(pa.float64())).values()
    return low.as_py(), high.as_py()


def check(source_path, output_path, rows):
    source, output = pq.read_table(source_path), pq.read_table(output_path)
    problems = []
    if not output.schema.equals(source.schema):
        problems.append(f"schema differs:\n{output.schema}\nsource:\n{source.schema}")
    if output.num_rows != rows:
        problems.append(f"{output.num_rows} rows, expected {rows}")
    for name in source.column_names:
        if name not in output.column_names:
            continue
        real, synthetic = source.column(name), output.column(name)
        nulls = synthetic.null_count / max(1, len(synthetic))
        if not 0 < nulls < 0.35:
            problems.append(f"{name}: {nulls:.2%} nulls")
        if pa.types.is_string(real.type):
            extra = set(synthetic.drop_null().to_pylist()) - set(real.drop_null().to_pylist())
            if extra:
                problems.append(f"{name}: values not in the source: {sorted(extra)[:5]}")
            continue
        # Numbers and times compared as numbers (times as integers in their unit).
        low, high = numbers(real)
        got_low, got_high = numbers(synthetic)
        span = high - low
        if got_low < low - span / 10 or got_high > high + span / 10:
            problems.append(f"{name}: range {got_low} to {got_high}, the source's {low} to {high}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


def main():
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        for field in pq.read_schema(sys.argv[2]):
            print(f"{field.name}: {field.type}")


if __name__ == "__main__":
    main()
