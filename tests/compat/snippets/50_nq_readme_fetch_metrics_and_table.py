# Source: neptune-ai/neptune-query, README.md @ 00fcb6be522773bae030770a5823d5b55f69b80a
#   ("Usage" import, "Example 1: Fetch metric values", "Example 2: Fetch metadata as one row per
#   run")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`.
#   `# fixture:` (NEPTUNE_PROJECT, the experiments the examples read, logged with the
#   neptune-scale API) and `# check:` blocks added.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
from neptune_sys_widgets import Run

with Run(experiment_name="exp_dczjz") as _r:
    for _s in range(1, 21):
        _r.log_metrics({"metrics/val_accuracy_estimated": 0.4 + _s / 100,
                        "metrics/val_loss_estimated": 1 / _s,
                        "metrics/val_loss": 1 / _s}, step=_s)
for _name, _acc, _loss, _lr in (("exp_ergwq", 0.278149, 0.336344, 0.01),
                                ("exp_qgguv", 0.160260, 0.790268, 0.02),
                                ("exp_hstrj", 0.365521, 0.459901, 0.01)):
    with Run(experiment_name=_name) as _r:
        _r.log_configs({"learning_rate": _lr})
        for _s in range(3):
            _r.log_metrics({"metrics/train_accuracy": _acc * (_s + 1) / 3,
                            "metrics/train_loss": _loss * 3 / (_s + 1)}, step=_s)
        _r.log_metrics({"metrics/train_accuracy": _acc, "metrics/train_loss": _loss}, step=3)

import neptune_sys_widgets.query as nq

nq.fetch_metrics(
    experiments=["exp_dczjz"],
    attributes=r"metrics/val_.+_estimated$",
    tail_limit=10,
)

nq.fetch_experiments_table(
    experiments=r"^exp_",
    attributes=["metrics/train_accuracy", "metrics/train_loss", "learning_rate"],
)

# check: the same calls again, results kept
metrics = nq.fetch_metrics(experiments=["exp_dczjz"], attributes=r"metrics/val_.+_estimated$",
                           tail_limit=10)
table = nq.fetch_experiments_table(
    experiments=r"^exp_", attributes=["metrics/train_accuracy", "metrics/train_loss", "learning_rate"])
assert list(metrics.columns) == ["metrics/val_accuracy_estimated", "metrics/val_loss_estimated"]
assert metrics.index.names == ["experiment", "step"]
assert metrics.index.get_level_values("step").tolist() == [float(s) for s in range(11, 21)]
assert sorted(table.index) == ["exp_dczjz", "exp_ergwq", "exp_hstrj", "exp_qgguv"]
assert table.loc["exp_qgguv", "metrics/train_loss"] == 0.790268   # last logged value
assert table.loc["exp_hstrj", "learning_rate"] == 0.01
