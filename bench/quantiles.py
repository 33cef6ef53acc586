#!/usr/bin/env python3
"""Percentiles of a Prometheus histogram over a window: the bucket counts of a later scrape minus an earlier one.

Usage: quantiles.py METRIC BEFORE.txt AFTER.txt  ->  "count p50 p95 p99" (seconds; "0 - - -" when nothing counted)
Within a bucket the value is interpolated linearly, as Prometheus' histogram_quantile does.
"""
import re
import sys

LINE = re.compile(r'^(\w+)_bucket\{[^}]*le="([^"]+)"[^}]*\}\s+(\S+)')


def buckets(path, metric):
    found = {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line)
            if m and m.group(1) == metric:
                le = float("inf") if m.group(2) == "+Inf" else float(m.group(2))
                found[le] = found.get(le, 0.0) + float(m.group(3))
    return found


def quantile(q, cumulative):
    total = cumulative[-1][1]
    rank = q * total
    lower, below = 0.0, 0.0
    for le, count in cumulative:
        if count >= rank:
            if le == float("inf"):
                return lower
            return lower + (le - lower) * ((rank - below) / (count - below) if count > below else 1.0)
        lower, below = le, count
    return lower


metric, before_path, after_path = sys.argv[1:4]
before, after = buckets(before_path, metric), buckets(after_path, metric)
window = sorted((le, after[le] - before.get(le, 0.0)) for le in after)
if not window or window[-1][1] <= 0:
    print("0 - - -")
else:
    print(int(window[-1][1]), *("%.3f" % quantile(q, window) for q in (0.5, 0.95, 0.99)))
