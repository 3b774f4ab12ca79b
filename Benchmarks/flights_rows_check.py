#!/usr/bin/env python3
"""Reads the rows a user gets from the default path on flights, as a data person would.

Usage: python3 Benchmarks/flights_rows_check.py REAL_FLIGHTS.csv SYNTHETIC.csv
Made by: doppel plan flights.csv --seed 11 --session -o s.yaml && doppel run s.yaml -o out.csv

Prints, for the real and the synthetic rows: departure hours seen, short flights (air_time
< 180) scheduled to arrive before they leave and arriving before they left, time_hour values off
the hour, HHMM clock values that are no time (minutes 60-99), and the null rates.
"""
import sys

import pandas as pd


def describe(name, frame):
    flown = frame.dropna(subset=["air_time"])
    short = flown[flown.air_time < 180]
    hours = sorted(frame.hour.dropna().unique())
    print(f"{name}: {len(frame)} rows")
    print(f"  departure hours {int(hours[0])}..{int(hours[-1])}; rows before 05:00: {(frame.hour < 5).sum()}")
    print(f"  short flights scheduled to arrive before they leave: {(short.sched_arr_time < short.sched_dep_time).mean():.1%}")
    print(f"  short flights arriving before they left: {(short.arr_time < short.dep_time).mean():.1%}")
    print(f"  time_hour off the hour: {(~frame.time_hour.dropna().str.endswith(':00:00Z')).mean():.2%}")
    for column in ["sched_dep_time", "sched_arr_time", "dep_time", "arr_time"]:
        values = frame[column].dropna()
        print(f"  {column} values that are no time (minutes 60-99): {(values % 100 >= 60).mean():.2%}")
    nulls = frame.isna().mean()
    print("  nulls: " + ", ".join(f"{c} {v:.1%}" for c, v in nulls[nulls > 0].items()))


real = pd.read_csv(sys.argv[1])
synthetic = pd.read_csv(sys.argv[2])
describe("real", real)
describe("synthetic", synthetic)
