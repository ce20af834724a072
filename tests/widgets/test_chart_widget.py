"""The chart widget's kernel side (widgets/chart.py): what it sends (compact buckets, at
most 64 KiB per series), its commands, its refusals, the magic, and live redraws when
another process commits points."""

from __future__ import annotations

import base64
import json
import time

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError
from neptune_sys_widgets.widgets.chart import ChartWidget, chart
from tests.conftest import run_python, spawn_python

np = pytest.importorskip("numpy")

LOG = """
    import math, neptune_sys_widgets as n
    a = n.Run(project="ws/chart", run_id="a-run")
    a["sys/name"] = "baseline"
    for i in range(100_000):
        a.log_metrics({"train/loss": 1.0 / (i + 1), "train/acc": i / 1e5}, step=i)
    a.log_metrics({"val/loss": 0.5}, step=0)
    ida = a["sys/id"].fetch()
    a.close()
    b = n.Run(project="ws/chart", run_id="b-run", fork_run_id="a-run", fork_step=10)
    for i in range(11, 20):
        b.log_metrics({"train/loss": 100.0 if i == 15 else 0.2}, step=i)
    idb = b["sys/id"].fetch()
    b.close()
    print(ida, idb)
"""


@pytest.fixture
def ids(store_path):
    out = run_python(LOG, timeout=120).stdout.split()
    return out[0], out[1]


def floats(b64: str) -> list[float]:
    return np.frombuffer(base64.b64decode(b64), dtype="<f8").tolist()


@pytest.mark.slow
def test_overlay_of_two_runs_is_compact(ids, store_path):
    w = chart(list(ids), "train/*", store=store_path)
    assert [r["label"] for r in w.runs] == ["baseline", ids[1]]
    assert w.metrics == ["train/acc", "train/loss"] and w.metric == "train/acc"
    w.handle_command({"type": "command", "cmd": "metric", "value": {"metric": "train/loss"}})
    a, b = w.data["series"]
    assert a["points"] == 100_000 and a["n"] <= 1000
    assert len(json.dumps(a)) <= 64 * 1024  # the budget per series, as sent
    assert floats(b["x"])[:3] == [0.0, 1.0, 2.0]  # the fork's lineage: one line
    assert max(floats(b["max"])) == 100.0 and floats(b["last"])[-1] == 0.2
    assert w.version == 2


@pytest.mark.slow
def test_zoom_range_returns_detail(ids, store_path):
    w = chart(ids[0], r"loss$", store=store_path)
    assert w.metrics == ["train/loss", "val/loss"]
    got = w.handle_command({"type": "command", "cmd": "range", "value": {"range": [100, 200]}})
    xs = floats(got["series"][0]["x"])
    assert xs[0] == 100.0 and xs[-1] == 200.0 and len(xs) == 101
    w.handle_command({"type": "command", "cmd": "x", "value": {"x": "relative_time"}})
    assert w.x == "relative_time" and w.data["x"] == "relative_time"


@pytest.mark.slow
def test_bad_input_is_a_typed_error_naming_the_field(ids, store_path):
    with pytest.raises(InvalidValueError, match="runs"):
        chart([], store=store_path)
    with pytest.raises(InvalidValueError, match="runs: no run"):
        chart(["NOPE-9"], store=store_path)
    with pytest.raises(InvalidValueError, match="x must be"):
        chart(ids[0], x="epoch", store=store_path)
    with pytest.raises(InvalidValueError, match="smoothing"):
        chart(ids[0], smoothing=1.0, store=store_path)
    with pytest.raises(InvalidValueError, match="is not in project"):
        chart(ids[0], store=store_path, project="ws/other")
    w = chart(ids[0], store=store_path)
    for msg, rule in (({"type": "command", "cmd": "drop"}, "unknown chart command"),
                      ({"type": "command", "cmd": "range", "value": {"range": [3, 1]}},
                       "x_range"),
                      ({"type": "command", "cmd": "metric", "value": {"metric": "x"}},
                       "metric")):
        with pytest.raises(InvalidValueError, match=rule):
            w.handle_command(msg)


@pytest.mark.slow
def test_front_end_cannot_set_state(ids, store_path):
    w = chart(ids[0], "train/loss", store=store_path)
    sent = []
    w.send = lambda msg, buffers=None: sent.append(msg)  # type: ignore[method-assign]
    w.set_state({"metric": "val/loss"})
    assert w.metric == "train/loss" and sent[0]["ok"] is False


APPEND = """
    import os, sys, neptune_sys_widgets as n
    r = n.init_run(project="ws/chart", with_id=os.environ["CHART_RUN"])
    for line in sys.stdin:
        step = int(line)
        r.log_metrics({"train/loss": 42.0}, step=step)
        r.wait()
        print("ok", flush=True)
"""


def _wait_for(pred, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


@pytest.mark.slow
def test_points_from_another_process_redraw_only_then(ids, store_path):
    w = ChartWidget([ids[0]], "train/loss", store=store_path)
    before = w.version
    w.on_store_change(True)  # the slow timer with nothing new sends nothing
    assert w.version == before
    child = spawn_python(APPEND, stdin=True, CHART_RUN=ids[0])
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("100000\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ok"
        _wait_for(lambda: w.version > before)
        a = w.data["series"][0]
        assert a["points"] == 100_001 and floats(a["last"])[-1] == 42.0
    finally:
        child.kill()
        child.wait()


def test_chart_is_exported():
    assert nsw.chart is chart


@pytest.mark.slow
def test_magic_shows_a_chart_and_refuses_bad_flags(ids, store_path):
    from IPython.core.error import UsageError

    import neptune_sys_widgets.magics as magics
    from tests.widgets.test_magics import get_ipython

    shell = get_ipython()
    shell.run_line_magic("load_ext", "neptune_sys_widgets")
    shown: list = []
    original = magics.display
    magics.display = lambda obj, **kw: shown.append(obj)
    try:
        shell.run_line_magic("neptune_chart", f"{ids[0]} {ids[1]} --metric 'train/l*' --log "
                             "--x relative_time")
        (w,) = shown
        assert isinstance(w, ChartWidget) and w.metric == "train/loss" and w.log_y
        assert w.x == "relative_time" and len(w.data["series"]) == 2
        with pytest.raises(UsageError, match="runs: no run"):
            shell.run_line_magic("neptune_chart", "NOPE-1")
        with pytest.raises(UsageError, match="invalid choice"):
            shell.run_line_magic("neptune_chart", f"{ids[0]} --x epoch")
    finally:
        magics.display = original
        shell.run_line_magic("unload_ext", "neptune_sys_widgets")
    assert "neptune_chart" not in shell.magics_manager.magics["line"]


@pytest.mark.slow
def test_rerunning_a_chart_line_closes_the_chart_it_showed(ids, store_path):
    """A closed chart stops listening: re-running a cell must not leave the old chart
    re-reading on every commit."""
    import neptune_sys_widgets.magics as magics
    from tests.widgets.test_magics import get_ipython

    shell = get_ipython()
    shell.run_line_magic("load_ext", "neptune_sys_widgets")
    shown: list = []
    original = magics.display
    magics.display = lambda obj, **kw: shown.append(obj)
    try:
        for _ in range(2):
            shell.run_line_magic("neptune_chart", f"{ids[0]} --metric train/loss")
        first, second = shown
        assert first.comm is None and second.comm is not None
    finally:
        magics.display = original
        shell.run_line_magic("unload_ext", "neptune_sys_widgets")


MONITORED = """
    import time, neptune_sys_widgets as n
    r = n.init_run(project="ws/chart", name="monitored")
    for i in range(50):
        r["monitoring/abc/cpu"].append(10.0 + i, step=i)
        r["monitoring/abc/memory"].append(2.0, step=i)
    r["monitoring/abc/stdout"].append("not a float series")
    print(r["sys/id"].fetch())
    r.stop()
"""


@pytest.mark.slow
def test_monitoring_series_together_a_line_each(store_path):
    sys_id = run_python(MONITORED).stdout.strip()
    w = chart(sys_id, "monitoring/", together=True, store=store_path)
    assert w.together and w.metrics == ["monitoring/abc/cpu", "monitoring/abc/memory"]
    assert [r["label"] for r in w.runs] == w.metrics  # one run: lines named by series
    cpu, mem = w.data["series"]
    assert cpu["run"] == f"{sys_id}:monitoring/abc/cpu" and floats(cpu["last"])[-1] == 59.0
    assert floats(mem["last"])[-1] == 2.0
    with pytest.raises(InvalidValueError, match="together"):
        w.handle_command({"type": "command", "cmd": "metric",
                          "value": {"metric": "monitoring/abc/cpu"}})
    got = w.handle_command({"type": "command", "cmd": "range", "value": {"range": [10, 19]}})
    assert [len(floats(s["x"])) for s in got["series"]] == [10, 10]
    child = spawn_python(APPEND.replace('"train/loss"', '"monitoring/abc/memory"'),
                         stdin=True, CHART_RUN=sys_id)
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("50\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ok"
        _wait_for(lambda: floats(w.data["series"][1]["last"])[-1] == 42.0)
        assert floats(w.data["series"][0]["last"])[-1] == 59.0
    finally:
        child.kill()
        child.wait()


IMAGES = """
    import neptune_sys_widgets as n
    from neptune_sys_widgets.types import File
    PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000000000500010d0a2db40000"
                        "000049454e44ae426082")
    r = n.Run(project="ws/chart", run_id="img-run")
    for i in range(3):
        r.log_metrics({"train/loss": 1.0 / (i + 1)}, step=i)
    r["train/samples"].append(File.from_content(PNG, extension="png"), step=0,
                              timestamp=1_700_000_000.5)
    r["train/samples"].append(File.from_content(PNG, extension="png"), step=2,
                              timestamp=1_700_000_002.5)
    r["other/pics"].append(File.from_content(PNG, extension="png"), step=0)
    print(r["sys/id"].fetch())
    r.close()
"""


def test_image_series_of_the_pattern_and_one_image_on_request(store_path):
    sys_id = run_python(IMAGES, timeout=120).stdout.split()[-1]
    w = chart(sys_id, "train/*", store=store_path)
    assert [(g["run"], g["path"], g["steps"]) for g in w.galleries] == [
        (sys_id, "train/samples", [0.0, 2.0])]  # other/pics: not the pattern's
    # when each image was logged, and where the run's relative time starts: a chart by
    # time moves the strip by them (js/lib/chart/images.js)
    created = nsw.init_run(with_id=sys_id, mode="read-only", store=store_path)
    start = created["sys/creation_time"].fetch().timestamp()
    created.stop()
    assert w.galleries[0]["times"] == [1_700_000_000.5, 1_700_000_002.5]
    assert w.galleries[0]["start"] == pytest.approx(start, abs=1e-3)
    got = w.handle_command({"type": "command", "cmd": "image", "field": "train/samples",
                            "value": 2, "target": sys_id})
    assert got["mime"] == "image/png" and got["step"] == 2
    assert base64.b64decode(got["data"]).startswith(b"\x89PNG")
    for field, target in (("other/pics", sys_id), ("train/samples", "NOPE-1")):
        with pytest.raises(InvalidValueError, match="not an image series the chart shows"):
            w.handle_command({"type": "command", "cmd": "image", "field": field,
                              "value": 0, "target": target})
    with pytest.raises(InvalidValueError, match="no image at step 1"):
        w.handle_command({"type": "command", "cmd": "image", "field": "train/samples",
                          "value": 1, "target": sys_id})
    assert [g["path"] for g in chart(sys_id, store=store_path).galleries] == [
        "other/pics", "train/samples"]
