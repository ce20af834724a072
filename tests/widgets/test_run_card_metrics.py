"""The run card's Metrics section, kernel side (widgets/run_card.py): series newest first,
filter and count, sparklines of at most 60 buckets, the full chart opened and closed,
refusals, and a point from another process reaching the shown series."""

from __future__ import annotations

import base64
import time

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError
from neptune_sys_widgets.widgets import widget_for
from neptune_sys_widgets.widgets.chart import ChartWidget
from neptune_sys_widgets.widgets.run_card import SPARK_BUCKETS
from tests.conftest import run_python

np = pytest.importorskip("numpy")


def cmd(w, name: str, **value) -> None:
    w.handle_command({"type": "command", "cmd": name, "value": value})


@pytest.fixture
def run(store_path):
    r = nsw.init_run(project="ws/card", name="carded")
    for i in range(1_000):
        r["train/loss"].append(1 / (i + 1), step=i)
    for name in ("a", "b", "c", "d", "e", "f", "g"):
        r[f"extra/{name}"].append(1.0, step=0)
    r["val/acc"].append(0.5, step=0)
    r["notes"].append("a string series is not charted")
    r.wait()
    yield r
    r.stop()


def test_series_newest_first_filtered_and_counted(run):
    w = widget_for(run)
    assert w.metrics_total == 9 and len(w.metrics) == 6
    assert w.metrics[0]["path"] == "val/acc"  # logged last
    cmd(w, "metrics", filter="loss", limit=3)
    (loss,) = w.metrics
    assert w.metrics_total == 1 and loss["path"] == "train/loss" and loss["points"] == 1_000
    spark = np.frombuffer(base64.b64decode(loss["spark"]), dtype="<f8")
    assert len(spark) == SPARK_BUCKETS and spark[-1] == pytest.approx(1 / 1_000)
    cmd(w, "metrics", filter="", limit=50)
    assert len(w.metrics) == 9


def test_bad_commands_name_the_rule(run):
    w = widget_for(run)
    for name, value, rule in (("metrics", {"limit": 7}, "limit"),
                              ("metrics", {"filter": "(unclosed"}, "regular expression"),
                              ("open_chart", {"path": "notes"}, "not a float series"),
                              ("open_chart", {"path": ["x"]}, "not a float series")):
        with pytest.raises(InvalidValueError, match=rule):
            cmd(w, name, **value)


def test_open_and_close_the_full_chart(run):
    w = widget_for(run)
    cmd(w, "open_chart", path="train/loss")
    chart = w.chart
    assert isinstance(chart, ChartWidget) and chart.metrics == ["train/loss"]
    cmd(w, "close_chart")
    assert w.chart is None and chart.comm is None


@pytest.mark.slow
def test_a_point_from_another_process_reaches_the_card(run, store_path):
    w = widget_for(run)
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={run.sys_id!r})
        r["train/loss"].append(9.0, step=5_000)
        r.stop()
    """)
    deadline = time.monotonic() + 20
    while not any(m["path"] == "train/loss" and m["last"] == 9.0 for m in w.metrics):
        assert time.monotonic() < deadline, w.metrics
        time.sleep(0.02)
    assert w.metrics[0]["path"] == "train/loss"  # now the most recently updated
