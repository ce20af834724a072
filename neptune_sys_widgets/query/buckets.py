"""``fetch_metric_buckets``: one point per step bucket of each float series, as
neptune-query documents it, so a chart of a million points gets a thousand.

The bucketing (what neptune-query's own e2e tests hold its server to):
- the range is the smallest and largest step over every selected series;
- ``limit`` buckets of equal width cover it, each ``(from, to]``; before them one more
  bucket ``(-inf, lowest step]`` holds the first point (one step alone: a single bucket
  ``[step, +inf)``);
- a bucket with no point is left out; from the first bucket of a series its first point is
  taken, from every other its last; only finite values count (a bucket of NaN/Inf only
  gives NaN).
The result's first two buckets are then merged into ``[lowest step, end of the first
full bucket]`` (a single bucket becomes ``[step, step]``), as neptune-query returns them.

Each series is read as two C arrays (``Store.float_arrays``) and each bucket edge found by
binary search, so the work per series is ``limit x log(points)``, not a Python step per
point.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

Bucket = tuple[float, float, float, float]  # from, to, x, y
INF = math.inf


def bucket_ranges(lo: float, hi: float, limit: int) -> list[tuple[float, float]]:
    """The ``limit`` equal buckets over ``[lo, hi]``, after ``(-inf, lo]`` and before
    ``(hi, +inf)``; ``[lo, +inf)`` when ``lo == hi``."""
    if lo == hi:
        return [(lo, INF)]
    width = (hi - lo) / limit
    edges = [lo + width * i for i in range(limit + 1)]  # the last may round off hi: the
    # (edge, +inf) bucket after it then holds that point, as neptune-query's does
    return [(-INF, lo), *zip(edges, edges[1:], strict=False), (edges[-1], INF)]


def series_buckets(steps: array, values: array, ranges: Sequence[tuple[float, float]]
                   ) -> list[Bucket]:
    """(from, to, x, y) of each non-empty bucket of one series (see the module doc)."""
    out: list[Bucket] = []
    single = len(ranges) == 1
    for lo, hi in ranges:
        start = bisect_left(steps, lo) if single else bisect_right(steps, lo)
        end = bisect_right(steps, hi)
        if start >= end:
            continue
        first = not out
        i = _finite(values, start, end, 1 if first else -1)
        x, y = (math.nan, math.nan) if i is None else (steps[i], values[i])
        out.append((lo, hi, x, y))
    return out


def _finite(values: array, start: int, end: int, direction: int) -> int | None:
    """The first (direction 1) or last (-1) index in [start, end) holding a finite value."""
    rng = range(start, end) if direction == 1 else range(end - 1, start - 1, -1)
    for i in rng:
        if math.isfinite(values[i]):
            return i
    return None


def lineage_arrays(s: Any, chain: list[tuple[int, float | None]], path: str
                   ) -> tuple[array, array] | None:
    """The float series along a fork lineage, as arrays (``values.join_lineage``)."""
    from ..objects.values import join_lineage
    return join_lineage((s.float_arrays(pk, path, max_step) for pk, max_step in chain),
                        (array("d"), array("d")))


def frame(series: list[tuple[str, str, list[Bucket]]], kind: str):
    """neptune-query's DataFrame: rows are buckets (``pd.Interval``), columns (label,
    metric, ``x``/``y``), sorted by label then metric."""
    import pandas as pd

    columns = pd.MultiIndex.from_tuples(
        [(label, path, dim) for label, path, _ in sorted(series, key=lambda t: t[:2])
         for dim in ("x", "y")], names=[kind, "metric", "bucket"])
    edges = sorted({(lo, hi) for _, _, buckets in series for lo, hi, _, _ in buckets})
    data: dict[tuple[str, str, str], list[float]] = {c: [math.nan] * len(edges)
                                                     for c in columns}
    row = {edge: i for i, edge in enumerate(edges)}
    for label, path, buckets in series:
        for lo, hi, x, y in buckets:
            data[(label, path, "x")][row[(lo, hi)]] = x
            data[(label, path, "y")][row[(lo, hi)]] = y
    index = pd.Index([pd.Interval(lo, hi, closed="right") for lo, hi in edges], dtype=object)
    df = pd.DataFrame(data, index=index, columns=columns, dtype="float64")
    return _merge_open_buckets(df)


def _merge_open_buckets(df: Any):
    """``(-inf, lo]`` and the first full bucket become one ``[lo, end]`` row, taking the
    first value each column has in them; a lone ``[lo, +inf)`` becomes ``[lo, lo]``."""
    import pandas as pd

    if df.index.empty:
        return df
    if len(df.index) == 1:
        only = df.index[0]
        point = only.left if math.isfinite(only.left) else only.right
        df.index = pd.Index([pd.Interval(point, point, closed="both")], dtype=object)
        return df
    first, second = df.index[0], df.index[1]
    if first.right < second.left - second.length * 0.5:  # not adjacent: relabel only
        df.index = pd.Index([pd.Interval(first.right, first.right + second.length,
                                         closed="both"), *df.index[1:]], dtype=object)
        return df
    merged = pd.Interval(first.right, second.right, closed="both")
    top = df.iloc[0:2].bfill().iloc[0]
    rest = df.iloc[2:]
    out = pd.concat([top.to_frame().T, rest])
    out.index = pd.Index([merged, *rest.index], dtype=object)
    out.columns = df.columns
    return out


__all__ = ["bucket_ranges", "series_buckets", "lineage_arrays", "frame"]
