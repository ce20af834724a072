# Source: neptune-ai/neptune-query, docs/api_reference/fetch_metric_buckets.md @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a
#   (tag 1.11.0; "Example")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`. A `# fixture:`
#   logs what the output shows (experiments seagull-week1 and seagull-week2 with train/loss
#   and train/accuracy over steps 0-1000) with neptune-scale and sets NEPTUNE_PROJECT;
#   `# check:` block compares with the output's shape.
import os

# fixture: the project and its two experiments
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run
for _i, _name in enumerate(("seagull-week1", "seagull-week2")):
    with _Run(experiment_name=_name) as _run:
        for _step in range(1001):
            _run.log_metrics({"train/loss": 50.0 - _step / 25 + _i,
                              "train/accuracy": _step / 20 + _i}, step=_step)

import neptune_sys_widgets.query as nq


buckets = nq.fetch_metric_buckets(
    experiments=["seagull-week1", "seagull-week2"],
    x="step",
    y=r"^train/",
    limit=5,  # Only 5 buckets for broad trends
)

# check: 5 buckets per (experiment, metric), each an x and a y column
print(buckets)
assert len(buckets) == 5
assert sorted(set(buckets.columns.get_level_values(0))) == ["seagull-week1", "seagull-week2"]
assert sorted(set(buckets.columns.get_level_values(1))) == ["train/accuracy", "train/loss"]
assert sorted(set(buckets.columns.get_level_values(2))) == ["x", "y"]
