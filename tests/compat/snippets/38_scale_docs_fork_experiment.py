# Source: https://docs.neptune.ai/fork_experiment (neptune-scale docs, "Fork an experiment" /
#   "Forking runs in Neptune": the fork example, get_experiment_url(), and the log_metrics call
#   of "When the child run continues logging...")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The page's
#   loop wrapper (`for step in epoch:` around a `Run(..., fork_step: 100,)` that is not valid
#   Python) is left out; its log_metrics call is kept. `# fixture:` (NEPTUNE_PROJECT and the
#   parent run "likable-barracuda" with 150 steps, a tag and a description) and `# check:`.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/swimming"  # fixture:

from neptune_sys_widgets import Run

# fixture: the parent run
_parent = Run(experiment_name="swim", run_id="likable-barracuda")
_parent.add_tags(["parent-tag"])
_parent.log_configs({"sys/description": "the parent", "config/lr": 0.1})
for _s in range(150):
    _parent.log_metrics({"loss": 1 / (_s + 1), "acc": _s / 150}, step=_s)
_parent.close()

from neptune_sys_widgets import Run


run = Run(
    experiment_name="swim-further",
    fork_run_id="likable-barracuda", # parent run ID
    fork_step=100,
)

run.get_experiment_url()

run.log_metrics(
    data={"loss": 0.11, "acc": 0.81},
    step=101, # also OK: 100 or 100.1
)

# check:
url = run.get_experiment_url()
assert isinstance(url, str) and url
run.close()
import neptune_sys_widgets.query as nq

lineage = nq.fetch_metrics(experiments=["swim-further"], attributes=["loss"])
steps = lineage.index.get_level_values("step").tolist()
assert steps == [float(s) for s in range(102)], steps[-5:]
assert lineage["loss"].iloc[-1] == 0.11
own = nq.fetch_metrics(experiments=["swim-further"], attributes=["loss"], lineage_to_the_root=False)
assert own.index.get_level_values("step").tolist() == [101.0]
tbl = nq.fetch_experiments_table(experiments=["swim-further"],
                                 attributes=["sys/description", "sys/forking/parent",
                                             "sys/forking/step", "sys/tags"])
assert tbl["sys/description"].iloc[0] == "the parent"
assert tbl["sys/forking/parent"].iloc[0] == "likable-barracuda"
