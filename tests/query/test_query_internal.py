"""``neptune_sys_widgets.query.internal``: the internal names neptune-query's own e2e tests
build expected values with. The builders must give, from the points a test logged, the
very frame ``fetch_metrics`` / ``fetch_series`` / ``fetch_metric_buckets`` return."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

import neptune_sys_widgets.query as nq
import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets import Run
from neptune_sys_widgets.query.internal.identifiers import (
    AttributeDefinition,
    ProjectIdentifier,
    RunAttributeDefinition,
    RunIdentifier,
    SysId,
)
from neptune_sys_widgets.query.internal.output_format import (
    create_metric_buckets_dataframe,
    create_metrics_dataframe,
    create_series_dataframe,
)
from neptune_sys_widgets.query.internal.retrieval.metric_buckets import TimeseriesBucket
from neptune_sys_widgets.query.internal.retrieval.series import SeriesValue

P = "ws/internal"
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
LOSS = {"a-run": {s: s * 0.5 for s in range(6)}, "b-run": {s: 10.0 - s for s in range(4)}}


def _ms(step: float) -> int:
    return int((T0 + timedelta(seconds=step)).timestamp() * 1000)


@pytest.fixture
def project(store_path):
    for run_id, points in LOSS.items():
        run = Run(run_id=run_id, experiment_name=run_id[0], project=P)
        for step, value in points.items():
            run.log_metrics({"train/loss": value}, step=step,
                            timestamp=T0 + timedelta(seconds=step))
            run.log_string_series({"log": f"{run_id}-{step}"}, step=step,
                                  timestamp=T0 + timedelta(seconds=step))
        run.close()
    return P


def _rad(run_id: str, path: str, type_: str) -> RunAttributeDefinition:
    return RunAttributeDefinition(RunIdentifier(ProjectIdentifier(P), SysId(run_id)),
                                  AttributeDefinition(path, type_))


def test_identifiers_are_hashable_values():
    a, b = _rad("a-run", "x", "float_series"), _rad("a-run", "x", "float_series")
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert str(a.run_identifier) == f"{P}/a-run"


@pytest.mark.parametrize("include_time", [None, "absolute"])
@pytest.mark.parametrize("suffix", [False, True])
def test_metrics_frame_equals_fetch(project, include_time, suffix):
    got = nq.fetch_metrics(project=P, experiments=["a", "b"], attributes="train/",
                           include_time=include_time, type_suffix_in_column_names=suffix)
    expected = create_metrics_dataframe(
        {_rad(r, "train/loss", "float_series"): [(_ms(s), s, v, False, 1.0)
                                                 for s, v in pts.items()]
         for r, pts in LOSS.items()},
        {SysId(r): r[0] for r in LOSS}, type_suffix_in_column_names=suffix,
        include_point_previews=False, index_column_name="experiment",
        timestamp_column_name="absolute_time" if include_time else None)
    pd.testing.assert_frame_equal(got, expected)


def test_metrics_frame_keeps_given_previews_and_empty():
    df = create_metrics_dataframe({_rad("r", "m", "float_series"): [(0, 1.0, 2.0, True, 0.5)]},
                                  {SysId("r"): "r"}, type_suffix_in_column_names=False,
                                  include_point_previews=True, index_column_name="run")
    assert bool(df.loc[("r", 1.0), ("m", "is_preview")])
    assert df.loc[("r", 1.0), ("m", "preview_completion")] == 0.5
    empty = create_metrics_dataframe({}, {}, type_suffix_in_column_names=False,
                                     include_point_previews=False, index_column_name="run")
    assert empty.empty and list(empty.index.names) == ["run", "step"]
    with pytest.raises(ValueError, match="timestamp_column_name"):
        create_metrics_dataframe({}, {}, type_suffix_in_column_names=False,
                                 include_point_previews=False, index_column_name="run",
                                 timestamp_column_name="t")


def test_series_frame_equals_fetch(project):
    got = nq_runs.fetch_series(project=P, runs=["a-run", "b-run"], attributes="^log$",
                               include_time="absolute")
    expected = create_series_dataframe(
        {_rad(r, "log", "string_series"): [SeriesValue(s, f"{r}-{s}", _ms(s)) for s in pts]
         for r, pts in LOSS.items()},
        P, {SysId(r): r for r in LOSS}, index_column_name="run",
        timestamp_column_name="absolute_time")
    pd.testing.assert_frame_equal(got, expected)


def test_buckets_frame_equals_fetch(project):
    got = nq.fetch_metric_buckets(project=P, experiments=["a", "b"], y="train/loss", limit=2)
    # steps 0..5 in 2 buckets of width 2.5, after (-inf, 0]
    a = [TimeseriesBucket(1, 0.0, 2.5, 1.0, 0.5, 2.0, 1.0),
         TimeseriesBucket(0, -math.inf, 0.0, 0.0, 0.0, 0.0, 0.0),
         TimeseriesBucket(2, 2.5, 5.0, 3.0, 1.5, 5.0, 2.5)]
    b = [TimeseriesBucket(0, -math.inf, 0.0, 0.0, 10.0, 0.0, 10.0),
         TimeseriesBucket(1, 0.0, 2.5, 1.0, 9.0, 2.0, 8.0),
         TimeseriesBucket(2, 2.5, 5.0, 3.0, 7.0, 3.0, 7.0)]
    expected = create_metric_buckets_dataframe(
        {_rad("a-run", "train/loss", "float_series"): a,
         _rad("b-run", "train/loss", "float_series"): b},
        {SysId("a-run"): "a", SysId("b-run"): "b"}, container_column_name="experiment")
    pd.testing.assert_frame_equal(got, expected)


def test_missing_internal_modules_are_attribute_errors():
    import neptune_sys_widgets.query.internal as internal
    from neptune_sys_widgets.query.internal import retrieval
    with pytest.raises(AttributeError):
        internal.composition  # noqa: B018
    with pytest.raises(AttributeError):
        retrieval.search  # noqa: B018
