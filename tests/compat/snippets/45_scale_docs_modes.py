# Source: https://docs-beta.neptune.ai/modes (neptune-scale docs, "Modes": setting the mode,
#   asynchronous, disabled)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`.
#   `# fixture:` (NEPTUNE_PROJECT, closing each run) and `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/modes"  # fixture:

from neptune_sys_widgets import Run

run = Run(mode="disabled")
# check: a disabled run accepts every call and stores nothing
run.log_configs({"lr": 0.1})
run.log_metrics({"loss": 0.5}, step=0)
run.add_tags(["debug"])
run.close()

run = Run(mode="async")
run.log_metrics({"loss": 0.5}, step=0)  # check:
run.close()  # fixture:

run = Run(mode="disabled")
run.close()  # fixture:

# check:
import neptune_sys_widgets.query.runs as nq_runs

runs = nq_runs.list_runs()
assert len(runs) == 1, runs
