# Source: neptune-ai/neptune-query, README.md @ 00fcb6be522773bae030770a5823d5b55f69b80a
#   ("Example 3: Define filters", "Example 4: Exclude archived runs", "Example 5: Fetch runs
#   belonging to specific experiment")
# Changed: `import neptune_query as nq` -> `import neptune_sys_widgets.query as nq`,
#   `from neptune_query.filters import ...` -> `from neptune_sys_widgets.query.filters import
#   ...`, `import neptune_query.runs as nq_runs` -> `import neptune_sys_widgets.query.runs as
#   nq_runs`. The README's Example 3 uses `nq` without importing it: the import comes from the
#   `# fixture:` block, which also creates the experiments (owner "sigurd" through
#   NEPTUNE_SYS_OWNER). `# check:` blocks repeat the calls and assert on the results.
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "workspace-name/project-name"
os.environ["NEPTUNE_SYS_OWNER"] = "sigurd"
import neptune_sys_widgets.query as nq
from neptune_sys_widgets import Run

for _name, _loss, _ds in (("exp_ergwq", 0.0901, "v1"), ("exp_qgguv", 0.0876, "v2"),
                          ("exp_hstrj", 0.0891, "v2"), ("exp_zzzzz", 0.5, "v2"),
                          ("exp_nods", 0.01, None), ("kittiwake-week-1", 0.3, None)):
    with Run(experiment_name=_name, run_id=f"{_name}-run") as _r:
        _r.log_configs({"config/optimizer": "Adam", "config/batch_size": 32,
                        "config/learning_rate": 0.001})
        if _ds:
            _r.log_configs({"dataset_version": _ds})
        _r.log_metrics({"val/loss": 1.0}, step=0)
        _r.log_metrics({"val/loss": _loss}, step=1)
os.environ["NEPTUNE_SYS_OWNER"] = "someone-else"
with Run(experiment_name="exp_other", run_id="exp_other-run") as _r:
    _r.log_configs({"dataset_version": "v1"})
    _r.log_metrics({"val/loss": 0.05}, step=0)

from neptune_sys_widgets.query.filters import Filter


owned_by_me = Filter.eq("sys/owner", "sigurd")
dataset_check = Filter.exists("dataset_version")
loss_filter = Filter.lt("val/loss", 0.1)

interesting = owned_by_me & dataset_check & loss_filter
nq.list_experiments(experiments=interesting)

nq.fetch_experiments_table(
    experiments=interesting,
    attributes=r"config/ | val/loss",
)

# check:
listed = nq.list_experiments(experiments=interesting)
configs = nq.fetch_experiments_table(experiments=interesting, attributes=r"config/ | val/loss")
assert sorted(listed) == ["exp_ergwq", "exp_hstrj", "exp_qgguv"], listed
assert sorted(configs.columns) == ["config/batch_size", "config/learning_rate",
                                   "config/optimizer", "val/loss"], configs.columns
assert configs.loc["exp_qgguv", "val/loss"] == 0.0876

import neptune_sys_widgets.query as nq
from neptune_sys_widgets.query.filters import Filter


exclude_archived = Filter.eq("sys/archived", False)
nq.fetch_experiments_table(experiments=exclude_archived)

name_matches_regex = Filter.name(r"^exp_")
exclude_archived = Filter.eq("sys/archived", False)

nq.fetch_experiments_table(experiments=name_matches_regex & exclude_archived)

# check:
not_archived = nq.fetch_experiments_table(experiments=exclude_archived)
both = nq.fetch_experiments_table(experiments=name_matches_regex & exclude_archived)
assert len(not_archived) == 7 and len(both) == 6

import neptune_sys_widgets.query.runs as nq_runs
from neptune_sys_widgets.query.filters import Filter


experiment_name_filter = Filter.eq("sys/experiment/name", "kittiwake-week-1")
nq_runs.list_runs(runs=experiment_name_filter)

# check:
runs = nq_runs.list_runs(runs=experiment_name_filter)
assert runs == ["kittiwake-week-1-run"], runs
