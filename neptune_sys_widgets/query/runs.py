"""``neptune_query.runs``: the same reads addressed by run, heads or not.

A run is labelled by its custom run id (``sys/custom_run_id``; a run created without one,
1.x style, by its ``sys/id``); ``runs="regex"`` and ``runs=[...]`` match that label, and
``Filter.name`` matches ``sys/name``. Signatures are neptune-query's ``runs`` module's
(docs/QUERY_FRAMES.md).
"""

from __future__ import annotations

from typing import Any, Literal

from . import _CREATION_TIME, SERIES_STORE_TYPES, _buckets, _points
from ._core import (
    RUN,
    Query,
    attribute_filter,
    check_bool,
    check_positive_int,
    check_sort_direction,
    container_filter,
    sort_attribute,
)
from .filters import Attribute, AttributeFilter, Filter


def list_runs(*, project: str | None = None, runs: str | list[str] | Filter | None = None,
              store: Any = None) -> list[str]:
    """Labels (custom run ids) of the project's runs that pass ``runs``, sorted."""
    with Query(RUN, project, store) as q:
        return sorted(c.label for c in q.select(container_filter(runs, RUN, "runs")))


def list_attributes(*, project: str | None = None,
                    runs: str | list[str] | Filter | None = None,
                    attributes: str | list[str] | AttributeFilter | None = None,
                    store: Any = None) -> list[str]:
    f = container_filter(runs, RUN, "runs")
    a = attribute_filter(attributes)
    with Query(RUN, project, store) as q:
        return q.attribute_names(q.select(f), a)


def fetch_runs_table(*, project: str | None = None,
                     runs: str | list[str] | Filter | None = None,
                     attributes: str | list[str] | AttributeFilter | None = [],  # noqa: B006 - neptune-query's default
                     sort_by: str | Attribute = _CREATION_TIME,
                     sort_direction: Literal["asc", "desc"] = "desc",
                     limit: int | None = None,
                     type_suffix_in_column_names: bool = False,
                     store: Any = None):
    """One row per run (index ``run``); otherwise as ``fetch_experiments_table``."""
    f = container_filter(runs, RUN, "runs")
    a = attribute_filter(attributes)
    sort = sort_attribute(sort_by)
    check_sort_direction(sort_direction)
    check_positive_int(limit, "limit")
    check_bool(type_suffix_in_column_names, "type_suffix_in_column_names")
    with Query(RUN, project, store) as q:
        rows = q.sort(q.select(f), sort, sort_direction)
        if limit is not None:
            rows = rows[:limit]
        return q.table(rows, a, type_suffix_in_column_names)


def fetch_metrics(*, project: str | None = None,
                  runs: str | list[str] | Filter | None = None,
                  attributes: str | list[str] | AttributeFilter,
                  include_time: Literal["absolute"] | None = None,
                  step_range: tuple[float | None, float | None] = (None, None),
                  lineage_to_the_root: bool = True,
                  tail_limit: int | None = None,
                  type_suffix_in_column_names: bool = False,
                  include_point_previews: bool = False,
                  store: Any = None):
    """As ``neptune_sys_widgets.query.fetch_metrics``, rows (``run``, ``step``)."""
    check_bool(type_suffix_in_column_names, "type_suffix_in_column_names")
    check_bool(include_point_previews, "include_point_previews")
    return _points(RUN, runs, "runs", attributes, ("float_series",), "fetch_metrics",
                   ("float",), include_time, step_range, lineage_to_the_root, tail_limit,
                   project, store, type_suffix_in_column_names, include_point_previews)


def fetch_series(*, project: str | None = None,
                 runs: str | list[str] | Filter | None = None,
                 attributes: str | list[str] | AttributeFilter,
                 include_time: Literal["absolute"] | None = None,
                 step_range: tuple[float | None, float | None] = (None, None),
                 lineage_to_the_root: bool = True,
                 tail_limit: int | None = None,
                 store: Any = None):
    """As ``neptune_sys_widgets.query.fetch_series``, rows (``run``, ``step``)."""
    return _points(RUN, runs, "runs", attributes,
                   ("string_series", "histogram_series", "file_series"), "fetch_series",
                   SERIES_STORE_TYPES, include_time, step_range, lineage_to_the_root, tail_limit,
                   project, store)


def fetch_metric_buckets(*, project: str | None = None,
                         runs: str | list[str] | Filter,
                         x: Literal["step"] = "step",
                         y: str | list[str] | AttributeFilter,
                         limit: int = 1000,
                         lineage_to_the_root: bool = True,
                         include_point_previews: bool = False,
                         store: Any = None):
    """``neptune_query.fetch_metric_buckets`` for runs: columns (run, metric, x/y)."""
    return _buckets(RUN, runs, "runs", x, y, limit, lineage_to_the_root,
                    include_point_previews, project, store)


def download_files(*, files: Any, destination: Any = None, store: Any = None):
    """As ``neptune_sys_widgets.query.download_files``, for files fetched through this
    API: ``<run>/<attribute>[/step_<step>]<ext>``, rows (run, step)."""
    from . import files as _files
    return _files.download(files, destination, store, RUN)


__all__ = ["list_runs", "list_attributes", "fetch_runs_table", "fetch_metrics",
           "fetch_series", "fetch_metric_buckets", "download_files"]
