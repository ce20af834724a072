"""Stand-ins for neptune-client-scale's e2e read helpers, over this project's public reads.

neptune-client-scale's e2e tests log through ``neptune_scale.Run`` and read the values back
with helpers of their own (``tests/e2e/test_fetcher``) that speak the hosted service's
HTTP API through ``neptune_api``, which this project does not mirror. In the runner's
``stubbed`` mode those helpers are replaced by the functions below, which answer the same
questions through ``neptune_query.runs`` (this package's ``query.runs``), so each test
checks that what ``neptune_scale`` wrote reads back through the public read API. The
return shapes are the helpers' own (a dict per attribute, steps as floats), so the tests'
assertions stay theirs.
"""

from __future__ import annotations

import datetime
import math
import pathlib
import shutil
import tempfile
from collections.abc import Iterable
from typing import Any, cast

from neptune_sys_widgets.query import runs as nq_runs
from neptune_sys_widgets.query.filters import Filter
from neptune_sys_widgets.query.types import File, Histogram

HELPERS = ("fetch_attribute_values", "fetch_metric_values", "fetch_series_values",
           "fetch_files", "fetch_file_series")


def _runs(custom_run_id: str | None, run_id: str | None) -> Any:
    if custom_run_id is not None:
        return [custom_run_id]
    if run_id is not None:
        return Filter.eq("sys/id", run_id)
    raise ValueError("Either custom_run_id or run_id must be provided")


def _plain(value: Any) -> Any:
    """numpy and pandas scalars as the Python values the helpers return."""
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().astimezone(datetime.timezone.utc)
    if hasattr(value, "item") and not isinstance(value, (File, Histogram)):
        return value.item()
    return value


def _step(index: Any) -> float:
    """The step of a (run, step) row label."""
    return float(index[-1])


def _file_ref(f: Any) -> dict[str, Any]:
    return {"path": f.path, "size_bytes": f.size_bytes, "mime_type": f.mime_type}


def _series_stats(project: str, runs: Any, name: str) -> dict[str, Any]:
    values = list(_points(project, runs, name, "metrics").values())
    mean = sum(values) / len(values) if values else math.nan
    var = sum((v - mean) ** 2 for v in values) / len(values) if values else math.nan
    return {"last": values[-1] if values else None, "min": min(values, default=None),
            "max": max(values, default=None), "average": mean, "variance": var}


def fetch_attribute_values(client: Any, project: str, *, attributes: Iterable[str],
                           custom_run_id: str | None = None,
                           run_id: str | None = None) -> dict[str, Any]:
    """{attribute: value} of one run, as the hosted helper shapes them (series as
    aggregates, files as references, datetimes aware UTC)."""
    names = sorted(set(attributes))
    if not names:
        return {}
    runs = _runs(custom_run_id, run_id)
    table = nq_runs.fetch_runs_table(project=project, runs=runs, attributes=names,
                                     type_suffix_in_column_names=True)
    if table.empty:
        return {}
    row = table.iloc[0]
    out: dict[str, Any] = {}
    for column, value in row.items():
        name, _, kind = str(column[-1] if isinstance(column, tuple) else column).rpartition(":")
        out_value = _attribute_value(project, runs, name, kind, value)
        if out_value is not None:
            out[name] = out_value
    return out


def _attribute_value(project: str, runs: Any, name: str, kind: str, value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "float_series":
        return _series_stats(project, runs, name)
    if kind == "string_series":
        points = _points(project, runs, name, "series")
        return {"last": value, "last_step": max(points, default=None)}
    if kind == "file":
        return _file_ref(value)
    if kind == "string_set":
        return set(cast("Any", value))
    return _plain(value)


def _points(project: str, runs: Any, name: str, which: str) -> dict[float, Any]:
    """{step: value} of one series of one run (one column, so every row is a point)."""
    fetch = nq_runs.fetch_metrics if which == "metrics" else nq_runs.fetch_series
    frame: Any = fetch(project=project, runs=runs, attributes=[name])
    if frame.empty:
        return {}
    return {_step(i): v for i, v in frame[name].items()}


def fetch_metric_values(client: Any, project: str, *, attributes: Iterable[str],
                        custom_run_id: str | None = None, run_id: str | None = None,
                        step_range: tuple[float | None, float | None] = (None, None),
                        ) -> dict[str, dict[float, float]]:
    runs = _runs(custom_run_id, run_id)
    out: dict[str, dict[float, float]] = {}
    for name in set(attributes):
        frame: Any = nq_runs.fetch_metrics(project=project, runs=runs, attributes=[name],
                                      step_range=step_range)
        if not frame.empty:
            out[name] = {_step(i): float(v) for i, v in frame[name].items()}
    return out


def _series_value(value: Any) -> Any:
    if isinstance(value, File):
        return _file_ref(value)
    if isinstance(value, Histogram):
        return {"values": list(value.values), "edges": list(value.edges), "type": value.type}
    return str(value)


def fetch_series_values(client: Any, project: str, *, attributes: Iterable[str],
                        custom_run_id: str | None = None, run_id: str | None = None,
                        step_range: tuple[float | None, float | None] = (None, None),
                        ) -> dict[str, dict[float, Any]]:
    runs = _runs(custom_run_id, run_id)
    out: dict[str, dict[float, Any]] = {}
    for name in set(attributes):
        frame: Any = nq_runs.fetch_series(project=project, runs=runs, attributes=[name],
                                     step_range=step_range)
        if not frame.empty:
            out[name] = {_step(i): _series_value(v) for i, v in frame[name].items()}
    return out


def _copy_out(file: File, target: pathlib.Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        written = nq_runs.download_files(files=[file], destination=tmp)
        source = next(p for p in written.to_numpy().ravel() if p is not None)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def fetch_files(client: Any, project: str, *, attributes_targets: dict[str, pathlib.Path],
                custom_run_id: str | None = None, run_id: str | None = None) -> None:
    runs = _runs(custom_run_id, run_id)
    table = nq_runs.fetch_runs_table(project=project, runs=runs,
                                     attributes=list(attributes_targets))
    if table.empty:
        return
    for column, value in table.iloc[0].items():
        name = str(column[-1] if isinstance(column, tuple) else column)
        if isinstance(value, File):
            _copy_out(value, pathlib.Path(attributes_targets[name]))


def fetch_file_series(client: Any, project: str, *,
                      attributes_targets: dict[str, pathlib.Path],
                      custom_run_id: str | None = None, run_id: str | None = None) -> None:
    runs = _runs(custom_run_id, run_id)
    for name, target in attributes_targets.items():
        frame: Any = nq_runs.fetch_series(project=project, runs=runs, attributes=[name])
        for index, value in (frame[name].items() if not frame.empty else ()):
            if isinstance(value, File):
                _copy_out(value, pathlib.Path(target) / f"{_step(index):19.6f}")


def install(package: Any) -> None:
    """Put the stand-ins on the suite's ``test_fetcher`` package, before the test modules
    import them from it."""
    for name in HELPERS:
        setattr(package, name, globals()[name])
