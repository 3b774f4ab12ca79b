#!/usr/bin/env python3
"""Share of synthetic tail numbers in the real shape (issue 13): python3 Benchmarks/code_shapes.py REAL.csv SYNTHETIC.csv [Sources/Tabular/Words/TextWords.swift]"""
import csv, re, sys, collections
real_path, synth_path = sys.argv[1], sys.argv[2]
def cls(ch):
    return '9' if ch.isdigit() else 'A' if 'A' <= ch <= 'Z' else 'a' if 'a' <= ch <= 'z' else ch
real = [r['tailnum'] for r in csv.DictReader(open(real_path)) if r['tailnum'] not in ('', 'NA')]
synth = [r['tailnum'] for r in csv.DictReader(open(synth_path))]
nonnull = [v for v in synth if v not in ('', 'NA')]
shapes = {''.join(map(cls, v)) for v in real}
# Per-position classes by length, from the real values.
pos = collections.defaultdict(set)
for v in real:
    for i, ch in enumerate(v): pos[(len(v), i)].add(cls(ch))
def per_position(v):
    return all((len(v), i) in pos and cls(ch) in pos[(len(v), i)] for i, ch in enumerate(v))
simple = re.compile(r'^N[0-9A-Z]{3,5}$')
words = {l.strip().lower() for l in open(sys.argv[3]) if l.strip().isalpha()} if len(sys.argv) > 3 else set()
alpha_only = [v for v in nonnull if v.isalpha()]
print(f"rows {len(synth)}, non-null {len(nonnull)} ({len(nonnull)/len(synth):.4f}); real non-null share {len(real)/336776:.4f}")
print(f"^N[0-9A-Z]{{3,5}}$: {sum(bool(simple.match(v)) for v in nonnull)/len(nonnull):.4%}")
print(f"real per-position classes: {sum(per_position(v) for v in nonnull)/len(nonnull):.4%}")
print(f"real whole-value shapes: {sum(''.join(map(cls, v)) in shapes for v in nonnull)/len(nonnull):.4%}")
print(f"all-letter values (dictionary-word candidates): {len(alpha_only)}; values that are doppel's text words ({len(words)}): {sum(v.lower() in words for v in nonnull)}")
print(f"distinct synthetic {len(set(nonnull))}, of them real {len(set(nonnull) & set(real))}")
