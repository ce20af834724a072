# Source: https://docs-beta.neptune.ai/3.4.4/concepts (neptune-scale docs, "Neptune concepts":
#   Run, Experiment, forking an experiment at a step)
# Changed: the page uses `Run` without the import: `# fixture:` imports it from
#   neptune_sys_widgets (neptune-scale: `from neptune_scale import Run`). The page's
#   `run.log_configs(...)` / `run.log_metrics(...)` placeholders are replaced by `# fixture:`
#   logging (the fork at step 102 needs a parent with steps). `# check:` added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/seabirds"  # fixture:
from neptune_sys_widgets import Run  # fixture:

run = Run(run_id="intrepid-kittiwake-11")
# fixture: in place of run.log_configs(...) and the loop's run.log_metrics(...)
run.log_configs({"config/lr": 0.01})
for step in range(20):
    run.log_metrics({"loss": 1 / (step + 1)}, step=step)
run.close()

run = Run(
    run_id="astute-kittiwake-14",
    experiment_name="seabird-flying-skills",
)
# fixture:
for _s in range(0, 150, 3):
    run.log_metrics({"loss": 1 / (_s + 1)}, step=_s)
run.close()

run = Run(
    run_id="astute-kittiwake-17",
    experiment_name="seabird-flying-skills",
    fork_run_id="astute-kittiwake-14",
    fork_step=102,
)

# check:
run.log_metrics({"loss": 0.001}, step=103)
run.close()
import neptune_sys_widgets.query as nq

df = nq.fetch_metrics(experiments=["seabird-flying-skills"], attributes=["loss"])
steps = df.index.get_level_values("step").tolist()
assert steps == [float(s) for s in range(0, 103, 3)] + [103.0], steps
