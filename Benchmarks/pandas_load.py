#!/usr/bin/env python3
"""The pandas side of Benchmarks/csv_load.sh: read a CSV fully and print its shape.

    python3 Benchmarks/pandas_load.py FILE
"""
import sys

try:
    import pandas
except ImportError:
    sys.exit("pandas_load.py: pandas is not installed for python3; run: pip install pandas")

if len(sys.argv) != 2:
    sys.exit("usage: python3 Benchmarks/pandas_load.py FILE")

frame = pandas.read_csv(sys.argv[1])
print(f"{frame.shape[0]} rows, {frame.shape[1]} columns")
