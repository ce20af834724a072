"""``neptune_query`` (neptune-scale's read client) on the local store, for experiments.

``import neptune_sys_widgets.query as nq`` replaces ``import neptune_query as nq``; the
signatures, defaults and DataFrame shapes are neptune-query's (docs/QUERY_FRAMES.md;
every argument keyword-only). An experiment is its head run (the run that
most recently claimed the name, ``sys/experiment/name``); ``lineage_to_the_root=True`` reads
a fork's inherited points from its ancestors, ``False`` only those of its own experiment
(earlier runs under the same name). ``project=`` is resolved as everywhere in
this package (argument, ``NEPTUNE_PROJECT``, default project); ``store=`` is the local
extension that picks the store. Every argument either does what neptune-query documents
or raises; the functions this store cannot serve raise ``NotImplementedError``.
"""

from __future__ import annotations

from typing import Any, Literal

from . import filters
from ._core import (
    EXPERIMENT,
    Query,
    attribute_filter,
    check_bool,
    check_include_time,
    check_positive_int,
    check_sort_direction,
    check_step_range,
    container_filter,
    sort_attribute,
)
from .filters import Attribute, AttributeFilter, Filter

SERIES_STORE_TYPES = ("string", "histogram", "file")  # what fetch_series reads
_CREATION_TIME = Attribute("sys/creation_time", type="datetime")


def set_api_token(api_token: str) -> None:
    """Accepted for compatibility: the local store has no server and needs no token."""
    if not isinstance(api_token, str):
        raise TypeError(f"api_token must be a str (got {type(api_token).__name__})")


def list_experiments(*, project: str | None = None,
                     experiments: str | list[str] | Filter | None = None,
                     store: Any = None) -> list[str]:
    """Names of the project's experiments that pass ``experiments``, sorted."""
    with Query(EXPERIMENT, project, store) as q:
        return sorted(c.label for c in q.select(container_filter(experiments, EXPERIMENT,
                                                                 "experiments")))


def list_attributes(*, project: str | None = None,
                    experiments: str | list[str] | Filter | None = None,
                    attributes: str | list[str] | AttributeFilter | None = None,
                    store: Any = None) -> list[str]:
    """Sorted names of the attributes (sys ones included) of the selected experiments."""
    f = container_filter(experiments, EXPERIMENT, "experiments")
    a = attribute_filter(attributes)
    with Query(EXPERIMENT, project, store) as q:
        return q.attribute_names(q.select(f), a)


def fetch_experiments_table(*, project: str | None = None,
                            experiments: str | list[str] | Filter | None = None,
                            attributes: str | list[str] | AttributeFilter | None = [],  # noqa: B006 - neptune-query's default
                            sort_by: str | Attribute = _CREATION_TIME,
                            sort_direction: Literal["asc", "desc"] = "desc",
                            limit: int | None = None,
                            type_suffix_in_column_names: bool = False,
                            store: Any = None):
    """One row per experiment (index ``experiment``), one column per attribute (columns
    named ``attribute``, sorted); series give their last value, string sets a ``set``.

    As in neptune-query, the default ``attributes=[]`` returns no columns; pass
    ``attributes=None`` for all of them."""
    f = container_filter(experiments, EXPERIMENT, "experiments")
    a = attribute_filter(attributes)
    sort = sort_attribute(sort_by)
    check_sort_direction(sort_direction)
    check_positive_int(limit, "limit")
    check_bool(type_suffix_in_column_names, "type_suffix_in_column_names")
    with Query(EXPERIMENT, project, store) as q:
        rows = q.sort(q.select(f), sort, sort_direction)
        if limit is not None:
            rows = rows[:limit]
        return q.table(rows, a, type_suffix_in_column_names)


def _points(kind: str, selector: Any, arg: str, attributes: Any, types: tuple[str, ...],
            function: str, store_types: tuple[str, ...], include_time: Any, step_range: Any,
            lineage_to_the_root: Any, tail_limit: Any, project: Any, store: Any,
            type_suffix: bool = False, previews: bool = False):
    f = container_filter(selector, kind, arg)
    a = attribute_filter(attributes)._restrict(types, function)
    with_time = check_include_time(include_time)
    step_range = check_step_range(step_range)
    check_bool(lineage_to_the_root, "lineage_to_the_root")
    check_positive_int(tail_limit, "tail_limit")
    with Query(kind, project, store) as q:
        selected = q.select(f)
        data = [d for t in store_types
                for d in q.series(selected, a, t, lineage_to_the_root, step_range, tail_limit)]
        from . import _frames
        return _frames.points_frame(
            data, kind, value_dtype="float64" if store_types == ("float",) else "object",
            with_time=with_time, with_previews=previews,
            type_suffix="float_series" if type_suffix else None)


def fetch_metrics(*, project: str | None = None,
                  experiments: str | list[str] | Filter,
                  attributes: str | list[str] | AttributeFilter,
                  include_time: Literal["absolute"] | None = None,
                  step_range: tuple[float | None, float | None] = (None, None),
                  lineage_to_the_root: bool = True,
                  tail_limit: int | None = None,
                  type_suffix_in_column_names: bool = False,
                  include_point_previews: bool = False,
                  store: Any = None):
    """Raw float-series points: rows (``experiment``, ``step``) sorted, a float64 column per
    metric (NaN where a metric has no point at a step). ``include_time="absolute"`` (or
    ``include_point_previews=True``) makes the columns (metric, ``value``/``absolute_time``
    [/``is_preview``/``preview_completion``]). ``step_range`` bounds are inclusive;
    ``tail_limit`` keeps the last N points of each series in the range."""
    check_bool(type_suffix_in_column_names, "type_suffix_in_column_names")
    check_bool(include_point_previews, "include_point_previews")
    return _points(EXPERIMENT, experiments, "experiments", attributes, ("float_series",),
                   "fetch_metrics", ("float",), include_time, step_range, lineage_to_the_root,
                   tail_limit, project, store, type_suffix_in_column_names,
                   include_point_previews)


def fetch_series(*, project: str | None = None,
                 experiments: str | list[str] | Filter,
                 attributes: str | list[str] | AttributeFilter,
                 include_time: Literal["absolute"] | None = None,
                 step_range: tuple[float | None, float | None] = (None, None),
                 lineage_to_the_root: bool = True,
                 tail_limit: int | None = None,
                 store: Any = None):
    """String, histogram and file series values per step, shaped as ``fetch_metrics``
    (object columns): ``str``, ``types.Histogram`` and ``types.File`` values."""
    return _points(EXPERIMENT, experiments, "experiments", attributes,
                   ("string_series", "histogram_series", "file_series"), "fetch_series",
                   SERIES_STORE_TYPES, include_time, step_range, lineage_to_the_root, tail_limit,
                   project, store)


def _buckets(kind: str, selector: Any, arg: str, x: Any, y: Any, limit: Any,
             lineage_to_the_root: Any, include_point_previews: Any, project: Any,
             store: Any):
    """fetch_metric_buckets for experiments or runs (query/buckets.py)."""
    from ..exceptions import InvalidValueError
    from . import buckets
    if x != "step":
        raise InvalidValueError(f"fetch_metric_buckets: x {x!r} is invalid; must be 'step'")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 < limit <= 1000:
        raise InvalidValueError(f"fetch_metric_buckets: limit must be an integer from 1 to "
                                f"1000 (was {limit!r})")
    check_bool(lineage_to_the_root, "lineage_to_the_root")
    check_bool(include_point_previews, "include_point_previews")
    f = container_filter(selector, kind, arg)
    a = attribute_filter(y, "y")._restrict(("float_series",), "fetch_metric_buckets")
    with Query(kind, project, store) as q:
        found = q.float_arrays(q.select(f), a, lineage_to_the_root)
        steps = [st for _, _, (st, _) in found if st]
        if not steps:
            return buckets.frame([], kind)
        lo, hi = min(st[0] for st in steps), max(st[-1] for st in steps)
        ranges = buckets.bucket_ranges(lo, hi, limit)
        return buckets.frame([(label, path, buckets.series_buckets(st, vals, ranges))
                              for label, path, (st, vals) in found], kind)


def fetch_metric_buckets(*, project: str | None = None,
                         experiments: str | list[str] | Filter,
                         x: Literal["step"] = "step",
                         y: str | list[str] | AttributeFilter,
                         limit: int = 1000,
                         lineage_to_the_root: bool = True,
                         include_point_previews: bool = False,
                         store: Any = None):
    """One point per step bucket of each metric (``limit`` buckets, at most 1000): rows
    are the buckets, columns (experiment, metric, ``x``/``y``); the first bucket of a
    series gives its first point, the others their last, so spikes at bucket ends and
    both ends of every series survive (query/buckets.py has the exact rules)."""
    return _buckets(EXPERIMENT, experiments, "experiments", x, y, limit,
                    lineage_to_the_root, include_point_previews, project, store)


def download_files(*, files: Any, destination: Any = None, store: Any = None):
    """Copy the files of ``files`` (a ``types.File``, an iterable of them, or the
    DataFrame / Series a table or ``fetch_series`` returned) to ``destination`` (default:
    the current folder) as ``<experiment>/<attribute>[/step_<step>]<ext>``; a DataFrame of
    the paths written, rows (experiment, step), a column per attribute (query/files.py)."""
    from . import files as _files
    return _files.download(files, destination, store)


__all__ = [
    "set_api_token", "list_experiments", "list_attributes", "fetch_experiments_table",
    "fetch_metrics", "fetch_metric_buckets", "fetch_series", "download_files", "filters",
]
