#!/usr/bin/env python3
"""Writes Parquet files with pyarrow (PyPI) for Doppel's reader tests, and the values each
must read back to.

    python3 Tests/Fixtures/parquet/make_fixtures.py OUTDIR [ROWS]
    python3 Tests/Fixtures/parquet/make_fixtures.py --dump FILE.parquet OUT.json

Each variant is one file, VARIANT.parquet, covering a codec, an encoding and a page version;
OUTDIR/expected.json holds every column's values (dates and timestamps as seconds since
1970-01-01, decimals as numbers, null as null). The checked-in files in this folder were made
with ROWS=40 (pyarrow 26.0.1), and nested.parquet (a list column, refused) by
make_nested below; the round-trip test runs it again with more rows when python3
and pyarrow are installed (CI installs them).
"""
import datetime as dt
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def table(rows):
    epoch = dt.datetime(1970, 1, 1)
    names = ["Adelie", "Gentoo", "Chinstrap", "Émilie ☃"]
    columns = {
        "i32": pa.array([None if r % 7 == 3 else (r * 37) % 1000 - 500 for r in range(rows)], pa.int32()),
        "i64": pa.array([r * 1_000_003 - 7 for r in range(rows)], pa.int64()),
        "f32": pa.array([r * 0.25 for r in range(rows)], pa.float32()),
        "f64": pa.array([None if r % 5 == 1 else r * 1.5 - 0.125 for r in range(rows)], pa.float64()),
        "flag": pa.array([None if r % 11 == 4 else r % 3 == 0 for r in range(rows)], pa.bool_()),
        "species": pa.array([None if r % 9 == 2 else names[r % 4] for r in range(rows)], pa.string()),
        "note": pa.array([f"note number {r:05d}" for r in range(rows)], pa.string()),
        "day": pa.array([dt.date(2020, 1, 1) + dt.timedelta(days=r * 3) for r in range(rows)], pa.date32()),
        "ts_ms": pa.array([epoch + dt.timedelta(seconds=r * 3600 + 0.5 * (r % 2)) for r in range(rows)], pa.timestamp("ms")),
        "ts_us": pa.array([None if r % 6 == 5 else epoch + dt.timedelta(days=18000, microseconds=r * 1001) for r in range(rows)], pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([1_600_000_000_000_000_000 + r * 1_000_000_007 for r in range(rows)], pa.timestamp("ns")),
        "price": pa.array([None if r % 8 == 7 else decimal.Decimal(r * 1234 - 9000).scaleb(-2) for r in range(rows)], pa.decimal128(9, 2)),
        "big": pa.array([decimal.Decimal(r * 98765432123 - 10**15).scaleb(-4) for r in range(rows)], pa.decimal128(22, 4)),
    }
    return pa.table(columns)


def seconds(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None) - value.utcoffset()
        return (value - dt.datetime(1970, 1, 1)).total_seconds()
    return (value - dt.date(1970, 1, 1)).days * 86400


def expected(t):
    out = {}
    for name in t.column_names:
        column = t.column(name)
        if pa.types.is_timestamp(column.type) and column.type.unit == "ns":
            # Python datetimes stop at microseconds: go through the integers.
            values = [None if v is None else v / 1e9 for v in column.cast(pa.int64()).to_pylist()]
        elif pa.types.is_timestamp(column.type) or pa.types.is_date(column.type):
            values = [seconds(v) for v in column.to_pylist()]
        elif pa.types.is_decimal(column.type):
            values = [None if v is None else float(v) for v in column.to_pylist()]
        else:
            values = column.to_pylist()
        out[name] = values
    return out


VARIANTS = {
    # What pyarrow writes by default: SNAPPY, dictionary pages, v1 data pages.
    "default": dict(),
    "plain_uncompressed": dict(compression="NONE", use_dictionary=False),
    "gzip_v2": dict(compression="GZIP", data_page_version="2.0"),
    "zstd_delta": dict(
        compression="ZSTD", data_page_version="2.0", use_dictionary=False,
        column_encoding={
            "i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "ts_ns": "DELTA_BINARY_PACKED",
            "species": "DELTA_BYTE_ARRAY", "note": "DELTA_LENGTH_BYTE_ARRAY",
            "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT",
        },
    ),
    "decimal_ints": dict(store_decimal_as_integer=True, compression="SNAPPY"),
    # Read only: LZ4 (pyarrow writes LZ4_RAW) and BROTLI.
    "lz4": dict(compression="LZ4"),
    "brotli_v2": dict(compression="BROTLI", data_page_version="2.0"),
}


def main():
    if sys.argv[1] == "--dump":
        # The values pyarrow reads from a file (Doppel's output), in expected.json's form.
        with open(sys.argv[3], "w") as f:
            json.dump(expected(pq.read_table(sys.argv[2])), f, ensure_ascii=False)
        return
    outdir = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    os.makedirs(outdir, exist_ok=True)
    t = table(rows)
    # The checked-in files leave out statistics and pyarrow's own schema copy, to stay small.
    small = dict(write_statistics=False, store_schema=False) if rows <= 40 else {}
    for name, options in VARIANTS.items():
        # Small pages and row groups, so that every file has several of each.
        pq.write_table(t, os.path.join(outdir, f"{name}.parquet"), row_group_size=max(1, rows // 3) + 1,
                       data_page_size=256, write_batch_size=16, **small, **options)
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected(t), f, ensure_ascii=False)


def make_nested(path):
    pq.write_table(pa.table({"id": [1, 2], "tags": [["a"], ["b", "c"]]}), path, write_statistics=False, store_schema=False)


if __name__ == "__main__":
    main()
