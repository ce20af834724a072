# Source: neptune-ai/neptune-query, src/neptune_query/runs.py
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0): docstring examples of list_runs(),
#   lines 76-87, list_attributes(), lines 122-138, fetch_metrics(), lines 196-208,
#   fetch_runs_table(), lines 265-276, fetch_series(), lines 330-341, and download_files(),
#   lines 384-397
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`; `from neptune_query.filters import ...` -> `from
#   neptune_sys_widgets.query.filters import ...`. A `# fixture:` logs what the examples read
#   with neptune-scale: in team-alpha/sandbox two runs of MyUsername and one of someone else,
#   with parameters/, metrics/ and notes/ attributes; in the default project (NEPTUNE_PROJECT)
#   the run prompt-wolf-20250605132116671-2g2r1 (loss/ metrics over steps 995-1004 and a
#   preview point, a messages/ string series over steps 90-109, a predictions/ file series
#   over steps 2045-2060), other-run (with metrics/f1), two runs of the experiment exp-week9
#   and one of exp-week10.
#   `# check:` blocks added.
import os

# fixture: the sandbox project's runs, by owner
from neptune_sys_widgets import Run as _Run
for _run_id, _owner in (("sandbox-1", "MyUsername"), ("sandbox-2", "MyUsername"),
                        ("sandbox-3", "someone-else")):
    os.environ["NEPTUNE_SYS_OWNER"] = _owner
    with _Run(project="team-alpha/sandbox", run_id=_run_id) as _run:
        _run.log_configs({"parameters/lr": 0.01, "parameters/batch_size": 64,
                          "notes/owner": _owner})
        _run.log_metrics({"metrics/loss": 0.5, "metrics/acc": 0.8}, step=0)
del os.environ["NEPTUNE_SYS_OWNER"]

# fixture: the default project's runs
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
with _Run(run_id="prompt-wolf-20250605132116671-2g2r1") as _run:
    for _step in range(995, 1005):
        _run.log_metrics({"loss/train": 1.0 / (_step - 990), "loss/val": 2.0 / (_step - 990),
                          "accuracy": _step / 2000}, step=_step)
    _run.log_metrics({"loss/train": 0.01}, step=1005, preview=True, preview_completion=0.5)
    for _step in range(90, 110):
        _run.log_string_series({"messages/info": f"message {_step}"}, step=_step)
    for _step in range(2045, 2061):
        _run.log_files({"predictions/val": f"prediction {_step}".encode()}, step=_step)
with _Run(run_id="other-run") as _run:
    _run.log_metrics({"loss/train": 9.0, "metrics/f1": 0.7}, step=1000)
    _run.log_string_series({"messages/info": "other"}, step=100)
for _run_id, _experiment, _lr in (("exp-week9-a", "exp-week9", 0.1),
                                  ("exp-week9-b", "exp-week9", 0.01),
                                  ("exp-week10-a", "exp-week10", 0.001)):
    with _Run(run_id=_run_id, experiment_name=_experiment) as _run:
        _run.log_configs({"configs/lr": _lr, "configs/optimizer": "adam"})
        _run.log_metrics({"loss": _lr * 10, "accuracy": 0.9}, step=1)

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.list_runs(
    project="team-alpha/sandbox",
    runs=Filter.eq("sys/owner", "MyUsername"),
)

# check: the two runs of MyUsername
assert sorted(nq_runs.list_runs(project="team-alpha/sandbox",
                                runs=Filter.eq("sys/owner", "MyUsername"))) == ["sandbox-1",
                                                                                "sandbox-2"]

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.list_attributes(attributes=r"^metrics")

# check: of the default project's attributes, only other-run's metrics/f1 begins so
assert nq_runs.list_attributes(attributes=r"^metrics") == ["metrics/f1"]

nq_runs.list_attributes(
    project="team-alpha/sandbox",
    attributes=r"!parameters/ & !sys/",
)

# check: everything but the parameters/ and sys/ namespaces
_listed = nq_runs.list_attributes(
    project="team-alpha/sandbox",
    attributes=r"!parameters/ & !sys/",
)
print(_listed)
assert {"metrics/loss", "metrics/acc", "notes/owner"} <= set(_listed), _listed
assert not [a for a in _listed if a.startswith(("parameters/", "sys/"))], _listed

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.fetch_metrics(
    runs=["prompt-wolf-20250605132116671-2g2r1"],
    attributes=r"^loss/.*",
    step_range=(1000.0, None),
    include_point_previews=True,
)

# check: the run's loss/ metrics from step 1000 on, with the preview sub-columns (preview
#   points are not stored by neptune_sys_widgets: README, "Differences from Neptune")
_metrics = nq_runs.fetch_metrics(
    runs=["prompt-wolf-20250605132116671-2g2r1"],
    attributes=r"^loss/.*",
    step_range=(1000.0, None),
    include_point_previews=True,
)
print(_metrics)
assert _metrics.index.names == ["run", "step"]
assert set(_metrics.index.get_level_values("run")) == {"prompt-wolf-20250605132116671-2g2r1"}
assert sorted(set(_metrics.columns.get_level_values(0))) == ["loss/train", "loss/val"]
assert _metrics.index.get_level_values("step").tolist() == [1000.0, 1001.0, 1002.0, 1003.0,
                                                            1004.0]
assert _metrics[("loss/val", "value")].tolist()[0] == 0.2
assert _metrics[("loss/train", "is_preview")].tolist() == [False] * 5

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.fetch_runs_table(
    runs=Filter.eq("sys/name", "exp-week9"),
    attributes=r"loss | configs",
)

# check: the two runs of exp-week9, the loss and configs columns
_table = nq_runs.fetch_runs_table(
    runs=Filter.eq("sys/name", "exp-week9"),
    attributes=r"loss | configs",
)
print(_table)
assert sorted(_table.index) == ["exp-week9-a", "exp-week9-b"], _table
assert sorted(_table.columns) == ["configs/lr", "configs/optimizer", "loss"], _table
assert _table.loc["exp-week9-b", "configs/lr"] == 0.01

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.fetch_series(
    runs=["prompt-wolf-20250605132116671-2g2r1"],
    attributes=r"^messages/",
    step_range=(100.0, None),
)

# check: steps 100-109 of that run's messages, not the other run's
_series = nq_runs.fetch_series(
    runs=["prompt-wolf-20250605132116671-2g2r1"],
    attributes=r"^messages/",
    step_range=(100.0, None),
)
print(_series)
assert [_s for _, _s in _series.index] == [float(_s) for _s in range(100, 110)], _series
assert _series["messages/info"].tolist()[0] == "message 100"

import neptune_sys_widgets.query.runs as nq_runs


interesting_files = nq_runs.fetch_series(
    runs=["prompt-wolf-20250605132116671-2g2r1"],
    attributes=r"^predictions/",
    step_range=(2050.0, 2056.0),
)

nq_runs.download_files(files=interesting_files)

# check: the seven files of steps 2050-2056, under <cwd>/<run ID>/predictions/val/
_paths = nq_runs.download_files(files=interesting_files)
print(_paths)
assert len(_paths) == 7, _paths
for (_run_id, _step), _path in _paths["predictions/val"].items():
    assert os.path.dirname(_path) == os.path.join(os.getcwd(), _run_id, "predictions", "val")
    assert open(_path, "rb").read() == f"prediction {int(_step)}".encode()
