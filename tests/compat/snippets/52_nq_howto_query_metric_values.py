# Source: neptune-ai/neptune-query, docs/how_to_query_metric_values.md
#   @ 00fcb6be522773bae030770a5823d5b55f69b80a ("Fetch metric values per step", "Limit step
#   range", "Limit number of points", "Include timestamps", "Include point previews",
#   "Exclude inherited metrics", "Example: Get last step of each metric")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`.
#   `# fixture:` (the experiments the page shows: kittiwake_week-1 with steps 1-5 and a preview
#   point at step 6, kittiwake_week-2 forked from it at step 5.0) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

with Run(experiment_name="kittiwake_week-1", run_id="kittiwake-1-run") as _r:
    for _s, _loss, _acc in ((1, 0.31, 0.95), (2, 0.30, 0.96), (3, 0.27, 0.97), (4, 0.28, 0.98),
                            (5, 0.26, 0.99)):
        _r.log_metrics({"loss": _loss, "accuracy": _acc, "metrics/loss": _loss,
                        "metrics/acc": _acc}, step=_s)
    _r.log_metrics({"loss": 0.23}, step=6, preview=True, preview_completion=0.326681)
with Run(experiment_name="kittiwake_week-2", run_id="kittiwake-2-run",
         fork_run_id="kittiwake-1-run", fork_step=5.0) as _r:
    for _s, _loss in ((6, 0.23), (7, 0.20), (8, 0.17), (9, 0.16)):
        _r.log_metrics({"loss": _loss}, step=_s)

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=["loss", "accuracy"],
)

# check:
assert metrics.index.names == ["experiment", "step"]
assert metrics["loss"].tolist() == [0.31, 0.30, 0.27, 0.28, 0.26]

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=["loss", "accuracy"],
    step_range=(1.0, 3.0),
)

# check:
assert metrics.index.get_level_values("step").tolist() == [1.0, 2.0, 3.0]

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=["loss", "accuracy"],
    tail_limit=3,
)

# check:
assert metrics.index.get_level_values("step").tolist() == [3.0, 4.0, 5.0]

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=["loss"],
    include_time="absolute",
)

# check:
assert sorted(metrics.columns) == [("loss", "absolute_time"), ("loss", "value")], metrics.columns
assert str(metrics[("loss", "absolute_time")].dt.tz) == "UTC"

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=["loss"],
    include_point_previews=True,
)

# check:
assert sorted(metrics.columns) == [("loss", "is_preview"), ("loss", "preview_completion"),
                                   ("loss", "value")], metrics.columns
# (preview points are not stored by neptune_sys_widgets: README, "Differences from Neptune")
assert metrics[("loss", "is_preview")].tolist() == [False] * 5

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-2"],
    attributes=["loss"],
    lineage_to_the_root=False,
)

# check:
assert metrics.index.get_level_values("step").tolist() == [6.0, 7.0, 8.0, 9.0]

import neptune_sys_widgets.query as nq


metrics = nq.fetch_metrics(
    experiments=["kittiwake_week-2"],
    attributes=["loss"],
    lineage_to_the_root=True,
)

# check:
assert metrics["loss"].tolist() == [0.31, 0.30, 0.27, 0.28, 0.26, 0.23, 0.20, 0.17, 0.16]

import neptune_sys_widgets.query as nq


metrics_df = nq.fetch_metrics(
    experiments=["kittiwake_week-1"],
    attributes=r"^metrics",
    tail_limit=1,
)

print(metrics_df.head())

last_step = metrics_df.index.get_level_values("step").max()
print(last_step)

# check:
assert len(metrics_df) == 1 and last_step == 5.0
assert sorted(metrics_df.columns) == ["metrics/acc", "metrics/loss"]
