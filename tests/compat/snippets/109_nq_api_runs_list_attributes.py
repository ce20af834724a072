# Source: neptune-ai/neptune-query, docs/api_reference/runs/list_attributes.md
#   @ 4576a0a4e87bbc2c42ae469157b2bd70dfbc7f6a (tag 1.11.0; "Examples": the attributes of one
#   run by ID, all attributes beginning with "metrics", and those of the runs of another
#   project with a learning rate below 0.01)
# Changed: `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`; `from neptune_query.filters import ...` -> `from
#   neptune_sys_widgets.query.filters import ...`. `# fixture:` (the run of the example's ID and
#   another in the default project, two runs in team-alpha/sandbox) and `# check:` blocks
#   added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

with Run(run_id="prompt-wolf-20250605132116671-2g2r1") as _r:
    _r.log_configs({"config/lr": 0.1, "config/optimizer": "sgd"})
    _r.log_metrics({"metrics/loss": 0.5, "metrics/acc": 0.7}, step=0)
with Run(run_id="other-run") as _r:
    _r.log_configs({"other/only": 1})
    _r.log_metrics({"metrics/f1": 0.3}, step=0)
with Run(run_id="sb-low-lr", project="team-alpha/sandbox") as _r:
    _r.log_configs({"config/lr": 0.001, "only/in/low": 1})
with Run(run_id="sb-high-lr", project="team-alpha/sandbox") as _r:
    _r.log_configs({"config/lr": 0.1, "only/in/high": 1})

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.list_attributes(
    runs=["prompt-wolf-20250605132116671-2g2r1"],  # run ID
)

# check: that run's attributes, not the other run's
_listed = nq_runs.list_attributes(runs=["prompt-wolf-20250605132116671-2g2r1"])
assert {"config/lr", "config/optimizer", "metrics/loss", "metrics/acc"} <= set(_listed), _listed
assert "other/only" not in _listed and "metrics/f1" not in _listed, _listed

import neptune_sys_widgets.query.runs as nq_runs


nq_runs.list_attributes(attributes=r"^metrics")

# check: the metrics of every run of the project, nothing else
assert sorted(nq_runs.list_attributes(attributes=r"^metrics")) == [
    "metrics/acc", "metrics/f1", "metrics/loss"]

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


nq_runs.list_attributes(
    project="team-alpha/sandbox",
    runs=Filter.lt("config/lr", 0.01),
)

# check: only the low-learning-rate run's attributes
_listed = nq_runs.list_attributes(project="team-alpha/sandbox", runs=Filter.lt("config/lr", 0.01))
assert "only/in/low" in _listed and "only/in/high" not in _listed, _listed
