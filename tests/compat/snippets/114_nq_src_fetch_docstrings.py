# Source: neptune-ai/neptune-query, src/neptune_query/__init__.py
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0): docstring examples of
#   fetch_metrics(), lines 213-225, fetch_series(), lines 346-357, download_files(), lines
#   400-413, and fetch_metric_buckets(), lines 475-487
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`. A
#   `# fixture:` logs what the examples read with neptune-scale (experiments seagull-week1 and
#   seagull-week2 with loss/ metrics over steps 995-1004 and two preview points after them, a
#   messages/ string series, a predictions/ file series over steps 2045-2060, train/loss and
#   train/acc over steps 0-99, and a third experiment that must not show) and sets
#   NEPTUNE_PROJECT; `# check:` blocks added.
import os

# fixture: the project and its experiments
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run
for _i, _name in enumerate(("seagull-week1", "seagull-week2", "albatross-week1")):
    with _Run(experiment_name=_name) as _run:
        for _step in range(995, 1005):
            _run.log_metrics({"loss/train": 1.0 / (_step - 990) + _i,
                              "loss/val": 2.0 / (_step - 990) + _i,
                              "accuracy": _step / 2000}, step=_step)
        for _step, _completion in ((1005, 0.25), (1006, 0.5)):
            _run.log_metrics({"loss/train": 0.01 + _i, "loss/val": 0.02 + _i}, step=_step,
                             preview=True, preview_completion=_completion)
        for _step in range(990, 1010, 2):
            _run.log_string_series({"messages/info": f"{_name} at step {_step}"}, step=_step)
        for _step in range(2045, 2061):
            _run.log_files({"predictions/val": f"{_name} prediction {_step}".encode()},
                           step=_step)
        for _step in range(100):
            _run.log_metrics({"train/loss": 100.0 - _step - _i, "train/acc": _step / 100},
                             step=_step)

import neptune_sys_widgets.query as nq


nq.fetch_metrics(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"^loss/.*",
    step_range=(1000.0, None),
    include_point_previews=True,
)

# check: loss/train and loss/val of the two experiments from step 1000 on, with the preview
#   sub-columns (preview points are not stored by neptune_sys_widgets: README, "Differences
#   from Neptune"; the committed points read back as is_preview False, completion 1.0)
_metrics = nq.fetch_metrics(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"^loss/.*",
    step_range=(1000.0, None),
    include_point_previews=True,
)
print(_metrics)
assert sorted(set(_metrics.columns.get_level_values(0))) == ["loss/train", "loss/val"], _metrics
assert sorted(set(_metrics.index.get_level_values("experiment"))) == ["seagull-week1",
                                                                      "seagull-week2"]
_week1 = _metrics.xs("seagull-week1", level="experiment")
assert _week1.index.tolist() == [1000.0, 1001.0, 1002.0, 1003.0, 1004.0], _week1
assert _week1[("loss/train", "value")].tolist()[:2] == [1.0 / 10, 1.0 / 11]
assert _week1[("loss/train", "is_preview")].tolist() == [False] * 5
assert _week1[("loss/val", "preview_completion")].tolist() == [1.0] * 5

import neptune_sys_widgets.query as nq


nq.fetch_series(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"^messages/",
    step_range=(1000.0, None),
)

# check: the messages from step 1000 on, of the two experiments only
_messages = nq.fetch_series(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"^messages/",
    step_range=(1000.0, None),
)
print(_messages)
assert list(_messages.columns) == ["messages/info"], _messages
assert len(_messages) == 10, _messages
assert _messages.loc[("seagull-week2", 1008.0), "messages/info"] == "seagull-week2 at step 1008"

import neptune_sys_widgets.query as nq


interesting_files = nq.fetch_series(
    experiments=["seagull-week1", "seagull-week2"],
    attributes=r"^predictions/",
    step_range=(2050.0, 2056.0),
)

nq.download_files(files=interesting_files)

# check: steps 2050-2056 of both experiments, one file each, under
#   <cwd>/<experiment>/predictions/val/
assert len(interesting_files) == 14, interesting_files
_paths = nq.download_files(files=interesting_files)
print(_paths)
for (_exp, _step), _path in _paths["predictions/val"].items():
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _exp, "predictions", "val")
    assert open(_path, "rb").read() == f"{_exp} prediction {int(_step)}".encode()

import neptune_sys_widgets.query as nq


nq.fetch_metric_buckets(
    experiments=["seagull-week1", "seagull-week2"],
    x="step",
    y=r"^train/loss",
    limit=10,  # Only 10 buckets for broad trends
)

# check: 10 buckets of train/loss (not train/acc) per experiment; the series' first point is
#   in the first bucket and its last point in the last one
_buckets = nq.fetch_metric_buckets(
    experiments=["seagull-week1", "seagull-week2"],
    x="step",
    y=r"^train/loss",
    limit=10,
)
print(_buckets)
assert len(_buckets) == 10, _buckets
assert sorted(set(_buckets.columns.get_level_values(0))) == ["seagull-week1", "seagull-week2"]
assert set(_buckets.columns.get_level_values(1)) == {"train/loss"}
_week2 = _buckets["seagull-week2"]["train/loss"]
assert (_week2["x"].iloc[0], _week2["y"].iloc[0]) == (0.0, 99.0), _week2
assert (_week2["x"].iloc[-1], _week2["y"].iloc[-1]) == (99.0, 0.0), _week2
