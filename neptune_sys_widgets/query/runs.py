"""``neptune_query.runs``: the same reads addressed by run (custom run id), heads or not."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _matcher, _metrics, _runs, _table


def _select(runs, project, store):
    match = _matcher(runs, "runs")
    s, recs = _runs(project, store)
    return s, [r for r in recs if match(r["custom_run_id"])]


def list_runs(runs: str | Iterable[str] | None = None, *, project: str | None = None,
              store: Any = None) -> list[str]:
    _, recs = _select(runs, project, store)
    return [r["custom_run_id"] for r in recs]


def fetch_runs_table(runs: str | Iterable[str] | None = None, *,
                     attributes: str | Iterable[str] | None = None,
                     project: str | None = None, store: Any = None, **_: Any):
    s, recs = _select(runs, project, store)
    return _table(s, recs, attributes, "sys/custom_run_id", "run")


def fetch_metrics(runs: str | Iterable[str] | None = None, *,
                  attributes: str | Iterable[str] | None = None,
                  lineage_to_the_root: bool = True, project: str | None = None,
                  store: Any = None, **_: Any):
    s, recs = _select(runs, project, store)
    return _metrics(s, recs, attributes, "custom_run_id", lineage_to_the_root, "run")


__all__ = ["list_runs", "fetch_runs_table", "fetch_metrics"]
