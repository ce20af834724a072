"""A read API in the spelling of ``neptune_query`` (the 3.x read client), for experiments.

An experiment is addressed by its name and is represented by its head run (the run that
most recently claimed the name); ``lineage_to_the_root=True`` reads a fork's inherited
points from its ancestors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..exceptions import InvalidValueError
from ..objects.project import resolve_project
from ..objects.run import fork_lineage
from ..objects.tables import _add_user_values, _sys_row_to_paths
from ..store import open_store


def _matcher(spec: str | Iterable[str] | None, what: str):
    if spec is None:
        return lambda name: True
    if isinstance(spec, str):
        rx = re.compile(spec)
        return lambda name: name is not None and rx.search(name) is not None
    if isinstance(spec, (list, tuple, set)):
        names = set(spec)
        return lambda name: name in names
    raise InvalidValueError(f"{what} must be a regex str or a list of names")


def _runs(project: str | None, store: Any, where: str = "", params: tuple = ()):
    s = open_store(store)
    ref = resolve_project(project, s, create=False)
    clause = "o.project_pk = ? AND o.kind = 'run' AND coalesce(o.trashed, 0) = 0"
    if where:
        clause += " AND " + where
    return s, s.sys_rows(where=clause, params=(ref.pk, *params), order="o.creation_time")


def list_experiments(experiments: str | Iterable[str] | None = None, *,
                     project: str | None = None, store: Any = None) -> list[str]:
    match = _matcher(experiments, "experiments")
    _, recs = _runs(project, store, "o.experiment_is_head = 1")
    return [r["experiment_name"] for r in recs if match(r["experiment_name"])]


def _heads(experiments, project, store):
    match = _matcher(experiments, "experiments")
    s, recs = _runs(project, store, "o.experiment_is_head = 1")
    return s, [r for r in recs if match(r["experiment_name"])]


def _table(s, recs, attributes, index_key, index_name):
    import pandas as pd
    rows = [_sys_row_to_paths(r, "run") for r in recs]
    if rows:
        _add_user_values(s, [r["pk"] for r in recs], rows)
    match = _matcher(attributes, "attributes")
    cols = sorted({p for r in rows for p in r if match(p)})
    data = {c: [(",".join(sorted(v)) if isinstance(v, set) else v)
                for v in (r.get(c) for r in rows)] for c in cols}
    df = pd.DataFrame(data, index=pd.Index([r[index_key] for r in rows], name=index_name),
                      columns=cols)
    df.columns.name = "attribute"
    return df


def fetch_experiments_table(experiments: str | Iterable[str] | None = None, *,
                            attributes: str | Iterable[str] | None = None,
                            project: str | None = None, store: Any = None, **_: Any):
    s, recs = _heads(experiments, project, store)
    return _table(s, recs, attributes, "sys/experiment/name", "experiment")


def _metrics(s, recs, attributes, label_key, lineage, index_name):
    import pandas as pd

    match = _matcher(attributes, "attributes")
    frames = {}
    for r in recs:
        chain = fork_lineage(s, r["pk"]) if lineage else [(r["pk"], None)]
        paths = {p for (p,) in s.read("SELECT path FROM series WHERE type = 'float' AND "
                                      f"object_pk IN ({','.join('?' * len(chain))})",
                                      [pk for pk, _ in chain]) if match(p)}
        for path in paths:
            for pk, limit in chain:
                got = s.series_points(pk, path, limit)
                if got is None:
                    continue
                _, steps, vals, _ = got
                for st, v in zip(steps, vals, strict=False):
                    frames.setdefault((r[label_key], st), {})[path] = v
    index = pd.MultiIndex.from_tuples(sorted(frames), names=[index_name, "step"])
    cols = sorted({c for v in frames.values() for c in v})
    return pd.DataFrame([frames[k] for k in index], index=index, columns=cols)


def fetch_metrics(experiments: str | Iterable[str] | None = None, *,
                  attributes: str | Iterable[str] | None = None,
                  lineage_to_the_root: bool = True, project: str | None = None,
                  store: Any = None, **_: Any):
    """Metric points of the experiments' head runs, indexed by (experiment, step)."""
    s, recs = _heads(experiments, project, store)
    return _metrics(s, recs, attributes, "experiment_name", lineage_to_the_root, "experiment")


__all__ = ["list_experiments", "fetch_experiments_table", "fetch_metrics"]
