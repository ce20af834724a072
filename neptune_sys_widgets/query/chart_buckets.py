"""Chart downsampling: per x bucket the smallest, the largest and the last value of one
float series of one run, so a chart of a million points draws a thousand buckets and a
one-point spike still shows (``fetch_metric_buckets`` keeps one point per bucket and would
lose it).

Rules (held by tests/query/test_chart_buckets.py against a point-by-point reference):
- x is the step, the point's time (s since the epoch) or that time minus the start of the
  run's lineage root (``relative_time``);
- a forked run's series is its ancestors' points up to the fork step, then its own
  (``objects.run.fork_lineage``, as neptune-query reads lineage);
- the range is ``x_range`` (either end may be None) or the series' own extent, cut into
  ``limit`` equal buckets ``[from, to)``, the last one closed; a bucket without a point is
  left out;
- only finite values count for min, max and last; a bucket of NaN/Inf only has NaN there,
  and its x is then that of its last point.

The series is read as C arrays (``Store.float_columns``) and
reduced with numpy: bucket edges by binary search, min and max by ``reduceat``, so there is
no Python step per point.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..exceptions import InvalidValueError
from ..objects.run import fork_lineage
from ..objects.values import join_lineage

X_KINDS = ("step", "time", "relative_time")
MAX_BUCKETS = 1000


@dataclass(frozen=True)
class ChartBuckets:
    """The non-empty buckets of one series as parallel float arrays (numpy, float64):
    ``x`` is the x of the bucket's last point. ``extent`` is the whole series' x range
    (what "reset zoom" goes back to); ``points`` the number of points in the range."""

    x: Any
    min: Any
    max: Any
    last: Any
    extent: tuple[float, float] | None
    points: int


def check_x(x: Any) -> str:
    if not isinstance(x, str) or x not in X_KINDS:
        raise InvalidValueError(f"x must be one of {', '.join(X_KINDS)} (was {x!r:.100})")
    return x


def check_range(x_range: Any) -> tuple[float | None, float | None]:
    """``None`` or ``(lo, hi)`` of finite numbers or None, lo <= hi."""
    if x_range is None:
        return None, None
    if not isinstance(x_range, Sequence) or isinstance(x_range, str) or len(x_range) != 2:
        raise InvalidValueError("x_range must be a pair (from, to) of numbers or None")
    out: list[float | None] = []
    for end in x_range:
        if end is None:
            out.append(None)
        elif isinstance(end, bool) or not isinstance(end, (int, float)) or \
                not math.isfinite(end):
            raise InvalidValueError(f"x_range: each end must be a finite number or None "
                                    f"(was {end!r:.100})")
        else:
            out.append(float(end))
    lo, hi = out
    if lo is not None and hi is not None and lo > hi:
        raise InvalidValueError(f"x_range: from ({lo}) must not be after to ({hi})")
    return lo, hi


def series_xy(store: Any, pk: int, path: str, x: str = "step") -> tuple[Any, Any] | None:
    """(x, values) of ``path`` along the run's fork lineage as numpy arrays sorted by x;
    None when no run of the lineage has it as a float series."""
    chain = fork_lineage(store, pk)
    timed = x != "step"
    parts = [store.float_columns(p, path, m, timestamps=timed) for p, m in chain]
    found = [part for part in parts if part is not None]
    if not found:
        return None
    # one part (no fork): its arrays as they are, not copied into new ones
    got = found[0] if len(found) == 1 else \
        join_lineage(found, tuple(array("d") for _ in found[0]))
    assert got is not None
    start = run_start_s(store, chain[0][0]) if x == "relative_time" else 0.0
    return as_xy(got, x, start)


def as_xy(columns: tuple, x: str, start: float = 0.0) -> tuple[Any, Any]:
    """numpy (x, values) from (steps, values[, timestamps]) arrays, sorted by x (points
    logged with custom timestamps may not be in time order)."""
    import numpy as np

    xs = np.frombuffer(columns[0] if x == "step" else columns[2], dtype=np.float64)
    ys = np.frombuffer(columns[1], dtype=np.float64)
    if x == "relative_time":
        xs = xs - start
    if xs.size > 1 and not bool(np.all(xs[1:] >= xs[:-1])):
        order = np.argsort(xs, kind="stable")
        xs, ys = xs[order], ys[order]
    return xs, ys


@dataclass
class _Held:
    """A series as read: x and values in buffers with room to grow (a new point is
    copied in, not the whole series into a new array), ``n`` of them used."""

    xbuf: Any
    ybuf: Any
    n: int
    mark: tuple[int, float] | None  # (count, last step) of the run's own series
    start: float

    @property
    def xs(self) -> Any:
        return self.xbuf[:self.n]

    @property
    def ys(self) -> Any:
        return self.ybuf[:self.n]

    def append(self, xs: Any, ys: Any) -> None:
        import numpy as np

        need = self.n + len(xs)
        if need > len(self.xbuf):
            size = max(need, int(len(self.xbuf) * 1.5) + 1024)
            for name in ("xbuf", "ybuf"):
                grown = np.empty(size, dtype=np.float64)
                grown[:self.n] = getattr(self, name)[:self.n]
                setattr(self, name, grown)
        self.xbuf[self.n:need] = xs
        self.ybuf[self.n:need] = ys
        self.n = need


class SeriesCache:
    """A chart's series as read, so that a zoom reads nothing and a new point reads only
    the new tail (``Store.float_columns(after_step=...)``), not the million points held.
    Only the run's own series can grow: its ancestors' parts end at the fork step."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._held: dict[tuple[int, str, str], _Held] = {}

    def get(self, pk: int, path: str, x: str) -> tuple[Any, Any] | None:
        info = self.store.series_info(pk, path)
        mark = (info[0][2], info[0][3]) if info and info[0][1] == "float" else None
        held = self._held.get((pk, path, x))
        if held is not None and held.mark == mark:
            return held.xs, held.ys
        if held is not None and held.mark is not None and mark is not None and \
                self._extend(held, pk, path, x, mark):
            return held.xs, held.ys
        got = series_xy(self.store, pk, path, x)
        if got is None:
            self._held.pop((pk, path, x), None)
            return None
        start = lineage_start_s(self.store, pk) if x == "relative_time" else 0.0
        self._held[(pk, path, x)] = _Held(got[0], got[1], len(got[0]), mark, start)
        return got

    def _extend(self, held: _Held, pk: int, path: str, x: str,
                mark: tuple[int, float]) -> bool:
        """Append the points after the held last step; False when that does not add up
        (then the caller reads the whole series again)."""
        assert held.mark is not None
        if mark[0] <= held.mark[0] or mark[1] <= held.mark[1]:
            return False
        tail = self.store.float_columns(pk, path, after_step=held.mark[1],
                                        timestamps=x != "step")
        if tail is None or len(tail[0]) != mark[0] - held.mark[0]:
            return False
        xs, ys = as_xy(tail, x, held.start)
        if xs.size and held.xs.size and xs[0] < held.xs[-1]:
            return False
        held.append(xs, ys)
        held.mark = mark
        return True

    def forget(self, keep: set[tuple[int, str, str]] | None = None) -> None:
        """Drop what is held (all, or all but ``keep``): a chart that changes series or
        x axis frees the old ones."""
        for key in list(self._held):
            if keep is None or key not in keep:
                del self._held[key]


def run_start_s(store: Any, pk: int) -> float:
    """The run's ``sys/creation_time`` in seconds: where relative time starts."""
    created = store.run_origin(pk)[0]
    return float(created) / 1000.0 if created is not None else 0.0


def lineage_start_s(store: Any, pk: int) -> float:
    """Where a run's relative time starts: its fork lineage root's creation (a fork's
    curve continues its parent's), for its curve and its image strips alike."""
    return run_start_s(store, fork_lineage(store, pk)[0][0])


def downsample(xs: Any, ys: Any, x_range: tuple[float | None, float | None] = (None, None),
               limit: int = MAX_BUCKETS) -> ChartBuckets:
    """The buckets of one series (see the module doc). ``xs`` sorted."""
    import numpy as np

    empty = np.empty(0, dtype=np.float64)
    extent = (float(xs[0]), float(xs[-1])) if xs.size else None
    if extent is None:
        return ChartBuckets(empty, empty, empty, empty, None, 0)
    lo = extent[0] if x_range[0] is None else x_range[0]
    hi = extent[1] if x_range[1] is None else x_range[1]
    if hi < lo:  # an open end beyond the other one: nothing in range
        return ChartBuckets(empty, empty, empty, empty, extent, 0)
    width = (hi - lo) / limit
    edges = lo + width * np.arange(limit + 1, dtype=np.float64)
    edges[-1] = hi
    idx = np.searchsorted(xs, edges, side="left")
    idx[-1] = np.searchsorted(xs, hi, side="right")
    if width == 0:  # one x value: one bucket
        idx = idx[[0, -1]]
    starts, ends = idx[:-1], idx[1:]
    full = starts < ends
    if not full.any():
        return ChartBuckets(empty, empty, empty, empty, extent, 0)
    s, e = starts[full], ends[full]
    return _reduce(xs, ys, s, e, extent)


def _reduce(xs: Any, ys: Any, s: Any, e: Any, extent: tuple[float, float]) -> ChartBuckets:
    """min, max, last finite value of each bucket ``[s[i], e[i])`` (adjacent non-empty
    buckets: ``reduceat`` runs each from its start to the next start)."""
    import numpy as np

    part = ys[s[0]:e[-1]]
    offsets = s - s[0]
    finite = np.isfinite(part)
    if finite.all():  # the usual case: no masking, the last point is the bucket's last
        return ChartBuckets(xs[e - 1], np.minimum.reduceat(part, offsets),
                            np.maximum.reduceat(part, offsets), ys[e - 1], extent,
                            int(e[-1] - s[0]))
    clean = np.where(finite, part, np.nan)
    with np.errstate(invalid="ignore"):
        lo = np.fmin.reduceat(clean, offsets)
        hi = np.fmax.reduceat(clean, offsets)
    fin_idx = np.flatnonzero(finite) + s[0]
    pos = np.searchsorted(fin_idx, e, side="left") - 1
    last_i = np.where(pos >= 0, fin_idx[np.clip(pos, 0, None)] if fin_idx.size else -1, -1)
    has = last_i >= s
    last = np.where(has, ys[np.where(has, last_i, 0)], np.nan)
    x = xs[np.where(has, last_i, e - 1)]
    return ChartBuckets(x.astype(np.float64), lo, hi, last, extent, int(e[-1] - s[0]))


def chart_buckets(store: Any, pk: int, path: str, *, x: str = "step",
                  x_range: Any = None, limit: int = MAX_BUCKETS,
                  cache: SeriesCache | None = None) -> ChartBuckets | None:
    """min/max/last buckets of one run's float series ``path`` (fork lineage included)
    over ``x_range``; None when the run has no such float series."""
    check_x(x)
    bounds = check_range(x_range)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100_000:
        raise InvalidValueError(f"limit must be an integer from 1 to 100000 (was {limit!r:.100})")
    got = cache.get(pk, path, x) if cache is not None else series_xy(store, pk, path, x)
    if got is None:
        return None
    return downsample(got[0], got[1], bounds, limit)


__all__ = ["ChartBuckets", "X_KINDS", "MAX_BUCKETS", "chart_buckets", "downsample",
           "series_xy", "as_xy", "SeriesCache", "check_x", "check_range", "run_start_s",
           "lineage_start_s"]
