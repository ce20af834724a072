"""What a chart shows, read from the store: the runs (by sys id or open object), the float
series a pattern picks, and each run's buckets (``query.chart_buckets``) encoded compactly
for the browser.

Why base64 of little-endian float64 arrays: a 1,000-bucket series is 4 x 8 KB of floats,
~43 KB as base64, where JSON numbers with full precision would be ~75 KB and a list of
per-point dicts several times that (the budget is 64 KiB per series).
"""

from __future__ import annotations

import base64
import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..exceptions import InvalidValueError
from ..objects.container import Container
from ..objects.project import qualify, store_for
from ..objects.run import fork_lineage
from ..query.chart_buckets import MAX_BUCKETS, ChartBuckets, SeriesCache, chart_buckets

MAX_RUNS = 50
MAX_LINES = 50
MAX_PATTERN_CHARS = 1000


@dataclass(frozen=True)
class ChartRun:
    """One line of the chart: a run's key in the store, its id and its legend label; with
    ``path``, one series of it (series shown together), else the chart's shown series."""

    pk: int
    sys_id: str
    label: str
    path: str | None = None

    @property
    def key(self) -> str:
        """The line's id in the browser (``data-run``)."""
        return self.sys_id if self.path is None else f"{self.sys_id}:{self.path}"


def together(runs: list[ChartRun], paths: list[str]) -> list[ChartRun]:
    """A line per run and series (a run's CPU, memory and GPU on one chart), labelled by
    the series, and by the run too when there are several."""
    if len(runs) * len(paths) > MAX_LINES:
        raise InvalidValueError(f"metric: {len(paths)} series of {len(runs)} runs would be "
                                f"{len(runs) * len(paths)} lines; at most {MAX_LINES} "
                                "together")
    return [ChartRun(r.pk, r.sys_id, p if len(runs) == 1 else f"{r.label} {p}", p)
            for r in runs for p in paths]


def resolve_runs(runs: Any, store: Any, project: str | None) -> tuple[Any, list[ChartRun]]:
    """The store and the runs a chart draws. ``runs``: one sys id / Run or a list of them
    (all in one store)."""
    items = [runs] if isinstance(runs, (str, Container)) else runs
    if not isinstance(items, (list, tuple)) or not items:
        raise InvalidValueError("runs: give a run's sys id (\"ABC-1\"), a Run, or a "
                                "non-empty list of them")
    if len(items) > MAX_RUNS:
        raise InvalidValueError(f"runs: at most {MAX_RUNS} runs in one chart "
                                f"(got {len(items)})")
    objs = [i for i in items if isinstance(i, Container)]
    s = objs[0].store if objs and store is None else store_for("async", store)
    pks: list[tuple[int, str]] = []
    for item in items:
        pks.append(_one_run(item, s, project))
    return s, _labelled(s, pks)


def _one_run(item: Any, s: Any, project: str | None) -> tuple[int, str]:
    if isinstance(item, Container):
        if item.kind != "run":
            raise InvalidValueError(f"runs: {item.label} is not a run")
        if item.store is not s:
            raise InvalidValueError(f"runs: {item.label} is in another store than the "
                                    "chart's")
        return item.pk, item.sys_id
    if not isinstance(item, str) or not item or len(item) > 800:
        raise InvalidValueError(f"runs: each run is a sys id string or a Run (was "
                                f"{type(item).__name__})")
    ref = s.find_by_id(item, ["run"])
    if ref is None:
        raise InvalidValueError(f"runs: no run {item[:100]!r} in store {s.path!r}")
    if project is not None:
        row = s.find_project(qualify(project))
        if row is None or row[0] != ref[3]:
            raise InvalidValueError(f"runs: run {item[:100]!r} is not in project "
                                    f"{project[:200]!r}")
    return ref[0], ref[2]


def _labelled(s: Any, pks: list[tuple[int, str]]) -> list[ChartRun]:
    """Legend labels: ``sys/name`` when set (with the id when two runs share it), else
    the id."""
    rows = {r["pk"]: r for r in s.sys_rows([pk for pk, _ in pks])}
    names = [(rows.get(pk) or {}).get("name") or "" for pk, _ in pks]
    named = [n if n and n != "Untitled" else "" for n in names]
    out = []
    for (pk, sid), name in zip(pks, named, strict=True):
        label = sid if not name else name if named.count(name) == 1 else f"{name} ({sid})"
        out.append(ChartRun(pk, sid, label))
    return out


def match_metrics(s: Any, runs: list[ChartRun], pattern: str | None) -> list[str]:
    """The float series paths of the runs (and of their fork ancestors) that ``pattern``
    picks (``metric_matcher``); every one when None."""
    if pattern is not None and (not isinstance(pattern, str) or not pattern or
                                len(pattern) > MAX_PATTERN_CHARS):
        raise InvalidValueError(f"metric: a non-empty pattern of at most "
                                f"{MAX_PATTERN_CHARS} characters, or None")
    paths = set()
    for run in runs:
        for pk, _ in fork_lineage(s, run.pk):
            paths.update(row[0] for row in s.series_info(pk) if row[1] == "float")
    if pattern is None:
        return sorted(paths)
    matches = metric_matcher(pattern)
    return sorted(p for p in paths if matches(p))


_REGEX_ONLY = re.compile(r"[\\^$+(){}|]|\.\*|\.\+")


def metric_matcher(pattern: str) -> Callable[[str], bool]:
    """How a pattern picks series, the way people type them: with a regular expression's
    own syntax (``^ $ + ( ) { } | \\``, ``.*``) it is a regular expression searched in
    the path; with ``* ? [`` only, a glob over the whole path (``train/*``); plain text
    is found anywhere in the path (``loss`` picks ``train/loss`` and ``val/loss``)."""
    if _REGEX_ONLY.search(pattern):
        try:
            rx = re.compile(pattern)
        except re.error as e:
            raise InvalidValueError(f"metric: {pattern[:200]!r} is not a valid regular "
                                    f"expression ({e})") from None
        return lambda p: rx.search(p) is not None
    if any(c in pattern for c in "*?["):
        return lambda p: fnmatch.fnmatchcase(p, pattern)
    return lambda p: pattern in p


def encode(values: Any) -> str:
    """A float array as base64 of little-endian float64 (what ``chart/data.js`` decodes)."""
    import numpy as np
    return base64.b64encode(np.asarray(values, dtype="<f8").tobytes()).decode("ascii")


def series_payload(run: ChartRun, got: ChartBuckets | None) -> dict[str, Any]:
    """One run's buckets as the front end takes them (compact arrays, never per point)."""
    if got is None:
        return {"run": run.key, "points": 0, "extent": None, "n": 0}
    return {"run": run.key, "points": got.points, "extent": list(got.extent)
            if got.extent else None, "n": len(got.x), "x": encode(got.x),
            "min": encode(got.min), "max": encode(got.max), "last": encode(got.last)}


def read_series(cache: SeriesCache, runs: list[ChartRun], path: str, x: str,
                x_range: Any = None, limit: int = MAX_BUCKETS) -> list[dict[str, Any]]:
    """Every run's buckets of ``path`` over ``x_range``, from what ``cache`` holds (and
    the new points it reads)."""
    cache.forget({(r.pk, r.path or path, x) for r in runs})
    return [series_payload(r, chart_buckets(cache.store, r.pk, r.path or path, x=x,
                                            x_range=x_range, limit=limit, cache=cache))
            for r in runs]


def series_marks(s: Any, runs: list[ChartRun], path: str) -> tuple:
    """What changes when a run gets new points of ``path`` (count and last step of each
    run's own series): the live chart redraws only when this does."""
    out = []
    for r in runs:
        info = s.series_info(r.pk, r.path or path)
        out.append((info[0][2], info[0][3]) if info else None)
    return tuple(out)


__all__ = ["ChartRun", "together", "MAX_LINES", "resolve_runs", "match_metrics",
           "read_series", "series_payload", "series_marks", "encode", "metric_matcher",
           "MAX_RUNS"]
