"""``neptune_query.experimental``: ``fetch_experiments_table_global`` and
``fetch_runs_table_global``, the tables over every project of the store. As neptune-query
documents them, the filter's attributes and ``sort_by`` must carry their type (no type is
inferred across projects: ``AttributeTypeInferenceError`` / ``NeptuneUserError``
otherwise); each project is then selected on its own, the rows sorted together and indexed
(``project``, experiment or run). Each call warns with ``ExperimentalWarning``, as
neptune-query does."""

from __future__ import annotations

import warnings
from typing import Any, Literal

from .. import _CREATION_TIME
from .._core import (
    EXPERIMENT,
    RUN,
    Query,
    attribute_filter,
    check_bool,
    check_positive_int,
    check_sort_direction,
    container_filter,
    sort_attribute,
    sort_keyed,
)
from ..exceptions import AttributeTypeInferenceError, NeptuneUserError
from ..filters import Attribute, AttributeFilter, Filter, untyped_attributes
from ..warnings import ExperimentalWarning


def _global_table(kind: str, selector: Any, arg: str, attributes: Any, sort_by: Any,
                  sort_direction: Any, limit: Any, type_suffix: Any, store: Any):
    from ...management import get_project_list
    from .._frames import table

    f = container_filter(selector, kind, arg)
    a = attribute_filter(attributes)
    sort = sort_attribute(sort_by)
    _require_types(f, sort)
    check_sort_direction(sort_direction)
    check_positive_int(limit, "limit")
    check_bool(type_suffix, "type_suffix_in_column_names")
    name = "fetch_experiments_table_global" if kind == EXPERIMENT else "fetch_runs_table_global"
    warnings.warn(ExperimentalWarning(f"{name} is experimental"), stacklevel=3)
    keyed = []
    for project in sorted(get_project_list(store=store)):
        with Query(kind, project, store) as q:
            keyed += [(key, project, q, c) for key, c in q.sort_keys(q.select(f), sort)]
    picked = sort_keyed(keyed, sort_direction)[:limit]
    for q in {id(q): q for _, _, q, _ in picked}.values():  # one read per project
        q.load_user_values([c for _, _, q2, c in picked if q2 is q])
    rows = [((project, c.label), q.cells(c, a)) for _, project, q, c in picked]
    return _project_index(table(rows, kind, type_suffix), kind)


def _require_types(f: Filter | None, sort: Attribute) -> None:
    """neptune-query's contract for the global tables: a type is never inferred across
    projects, so every attribute the filter compares, and ``sort_by``, must name it."""
    untyped = untyped_attributes(f) if f is not None else []
    if untyped:
        raise AttributeTypeInferenceError(
            untyped, [f"{name}: type not provided; global queries require an explicit type"
                      for name in untyped])
    if sort.type is None:
        raise NeptuneUserError("Cannot resolve sort_by attribute type. Please pass "
                               "filters.Attribute with an explicit type.")


def _project_index(df: Any, kind: str) -> Any:
    import pandas as pd

    df.index = pd.MultiIndex.from_tuples(list(df.index), names=["project", kind]) \
        if len(df.index) else pd.MultiIndex.from_tuples([], names=["project", kind])
    return df


def fetch_experiments_table_global(*, experiments: str | list[str] | Filter | None = None,
                                   attributes: str | list[str] | AttributeFilter = [],  # noqa: B006 - neptune-query's default
                                   sort_by: str | Attribute = _CREATION_TIME,
                                   sort_direction: Literal["asc", "desc"] = "desc",
                                   limit: int | None = None,
                                   type_suffix_in_column_names: bool = False,
                                   store: Any = None):
    """``fetch_experiments_table`` over every project: rows (``project``, ``experiment``)."""
    return _global_table(EXPERIMENT, experiments, "experiments", attributes, sort_by,
                         sort_direction, limit, type_suffix_in_column_names, store)


def fetch_runs_table_global(*, runs: str | list[str] | Filter | None = None,
                            attributes: str | list[str] | AttributeFilter = [],  # noqa: B006 - neptune-query's default
                            sort_by: str | Attribute = _CREATION_TIME,
                            sort_direction: Literal["asc", "desc"] = "desc",
                            limit: int | None = None,
                            type_suffix_in_column_names: bool = False,
                            store: Any = None):
    """``runs.fetch_runs_table`` over every project: rows (``project``, ``run``)."""
    return _global_table(RUN, runs, "runs", attributes, sort_by, sort_direction, limit,
                         type_suffix_in_column_names, store)


__all__ = ["fetch_experiments_table_global", "fetch_runs_table_global"]
