"""Sparkline columns of a runs table: a float series of each visible run, drawn in its row.

Only the rows of the window the browser shows are computed (the listing's row hook, so a
window and a live row patch carry them alike): each chosen series is read as two C arrays
(``Store.float_arrays``) and cut into at most :data:`SPARK_POINTS` step buckets by
``query/buckets.py``, the bucketing ``fetch_metric_buckets`` uses, so a run of a million
steps costs ``SPARK_POINTS x log(points)`` and the row a few hundred bytes. A series that
grows changes its run's revision, so the feed re-sends that row with a new sparkline.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from typing import Any

from ..exceptions import InvalidValueError
from ..query.buckets import bucket_ranges, series_buckets

__all__ = ["SPARK_POINTS", "MAX_SPARKLINES", "Sparklines", "spark_key", "check_paths"]

SPARK_POINTS = 48  # per sparkline: a 7rem cell has about 2 px per point
CACHE_SIZE = 2_000  # sparklines kept: a row seen again (scrolled back, re-sent by the feed
# for another change, the 30 s refresh) costs one indexed read of its series' count
MAX_SPARKLINES = 8  # columns; each costs one series read per visible row
PREFIX = "spark:"  # a sparkline column's key: "spark:" + the series path


def spark_key(path: str) -> str:
    return PREFIX + path


def check_paths(paths: Any, user_types: dict[str, str]) -> list[str]:
    """The sparkline paths, checked: a list of at most MAX_SPARKLINES distinct paths, none
    of which the project holds as anything but a float series. A path the project does not
    hold yet is accepted (a table opened before the training logs it)."""
    if paths is None:
        return []
    if isinstance(paths, str) or not isinstance(paths, Sequence) or \
            not all(isinstance(p, str) and 0 < len(p) <= 1024 for p in paths):
        raise InvalidValueError("sparklines must be a list of float series paths (strings)")
    paths = list(dict.fromkeys(paths))
    if len(paths) > MAX_SPARKLINES:
        raise InvalidValueError(f"sparklines: at most {MAX_SPARKLINES} series "
                                f"({len(paths)} given)")
    for p in paths:
        known = user_types.get(p)
        if known is not None and known != "series:float":
            floats = sorted(k for k, t in user_types.items() if t == "series:float")
            raise InvalidValueError(
                f"sparklines: {p[:100]!r} is a {known.replace('series:', 'series of ')}, "
                "not a float series; float series of this project: "
                + (", ".join(floats[:20]) or "none yet"))
    return paths


def column(path: str) -> dict[str, Any]:
    """The column a sparkline shows as (a ``columns`` trait entry)."""
    return {"key": spark_key(path), "label": f"{path} (trend)", "type": "sparkline",
            "sortable": False, "path": path}


def _num(v: float) -> float | int | None:
    """JSON has no NaN: a gap is null; 4 significant digits are plenty for 20 px, and an
    integral value is sent as an int ("40", not "40.0": a window carries 96 per row)."""
    if not math.isfinite(v):
        return None
    r = float(f"{v:.4g}")
    return int(r) if r.is_integer() and abs(r) < 2 ** 53 else r


class Sparklines:
    """The listing's row hook: adds ``spark:<path>`` to each row it builds."""

    def __init__(self, store: Any, paths: list[str]) -> None:
        self.store = store
        self.paths = paths
        # (pk, path) -> ((count, last step), sparkline): valid while the series is unchanged
        self._cache: dict[tuple[int, str], tuple[tuple[Any, Any], dict[str, Any] | None]] = {}
        self._lock = threading.Lock()  # windows (shell thread) and row patches (feed thread)

    def decorate(self, rows: Sequence[tuple[int, dict[str, Any]]]) -> None:
        for pk, row in rows:
            for path in self.paths:
                row[spark_key(path)] = self.cached(pk, path)

    def cached(self, pk: int, path: str) -> dict[str, Any] | None:
        """:meth:`points`, computed again only when the series' count or last step moved."""
        info = self.store.series_info(pk, path)
        if not info:
            return None
        mark = (info[0][2], info[0][3])
        hit = self._cache.get((pk, path))
        if hit is not None and hit[0] == mark:
            return hit[1]
        spark = self.points(pk, path)
        with self._lock:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))  # the oldest entry
            self._cache[(pk, path)] = (mark, spark)
        return spark

    def points(self, pk: int, path: str) -> dict[str, Any] | None:
        """``{x, y, last, step}``: bucketed steps and values, the last finite value and
        its step; None without a point."""
        arrays = self.store.float_arrays(pk, path)
        if arrays is None or not len(arrays[0]):
            return None
        steps, values = arrays
        # the first point has a bucket of its own, and a rounded-off last edge one more
        ranges = bucket_ranges(steps[0], steps[-1], SPARK_POINTS - 2)
        buckets = series_buckets(steps, values, ranges)
        last = next((i for i in range(len(values) - 1, -1, -1)
                     if math.isfinite(values[i])), None)
        return {"x": [_num(x) for _, _, x, _ in buckets],
                "y": [_num(y) for _, _, _, y in buckets],
                "last": None if last is None else _num(values[last]),
                "step": None if last is None else _exact(steps[last])}


def _exact(v: float) -> float | int:
    """A step as the user logged it (the aria-label reads it out)."""
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
