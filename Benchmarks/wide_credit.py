#!/usr/bin/env python3
"""A 3,000 x 74 table from credit_data.csv (workbench_latency.sh --real-size): the first 3,000
rows five times over (columns suffixed _1.._5, the k-th copy's rows shifted by 600·k, so the
copies are not duplicates of each other), plus four derived ratios. Deterministic."""
import csv
import sys

source, target = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(source, newline="")))
header, data = rows[0], rows[1:3001]
n = len(data)
index = {name: i for i, name in enumerate(header)}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


with open(target, "w", newline="") as f:
    out = csv.writer(f)
    out.writerow([f"{name}_{k + 1}" for k in range(5) for name in header]
                 + ["Income_ratio", "Amount_per_price", "Debt_share", "Seniority_share"])
    for r in range(n):
        line = [value for k in range(5) for value in data[(r + k * 600) % n]]
        base = data[r]
        income, expenses, amount, price, age, seniority, debt, assets = (
            number(base[index[c]]) for c in ["Income", "Expenses", "Amount", "Price", "Age", "Seniority", "Debt", "Assets"])
        line.append("" if not income or expenses is None else f"{expenses / income:.3f}")
        line.append("" if not price or amount is None else f"{amount / price:.3f}")
        line.append("" if debt is None or not assets else f"{debt / assets:.3f}")
        line.append("" if not age or seniority is None else f"{seniority / age:.3f}")
        out.writerow(line)
