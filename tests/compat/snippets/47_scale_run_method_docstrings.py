# Source: neptune-ai/neptune-client-scale, src/neptune_scale/api/run.py
#   @ b40a89675739927062b52e06f38a2e6fc8ec7c2d, docstring examples of Run.log_metrics()
#   (lines 653-659), Run.log_configs() (745-753), Run.log_string_series() (809-815),
#   Run.add_tags() (871-874) and Run.remove_tags() (890-893)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   docstrings' `Run(...)` placeholder is filled in with a `# fixture:` run_id (the same run is
#   resumed each time, so the examples build on each other). `# fixture:` NEPTUNE_PROJECT and
#   `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/docstrings"  # fixture:

from neptune_sys_widgets import Run

with Run(run_id="docstring-run") as run:  # fixture: `Run(...)` in the docstring
    run.log_metrics(
        data={"loss": 0.14, "acc": 0.78},
        step=1.2,
    )

from neptune_sys_widgets import Run

with Run(run_id="docstring-run") as run:  # fixture: `Run(...)` in the docstring
    run.log_configs(
        data={
            "parameters/learning_rate": 0.001,
            "parameters/batch_size": 64,
        },
    )

from neptune_sys_widgets import Run

with Run(run_id="docstring-run") as run:  # fixture: `Run(...)` in the docstring
    run.log_string_series(
        data={"messages/errors": "error message", "messages/info": "Training completed"},
        step=1.2,
    )

from neptune_sys_widgets import Run

with Run(run_id="docstring-run") as run:  # fixture: `Run(...)` in the docstring
    run.add_tags(tags=["tag1", "tag2", "tag3"])

from neptune_sys_widgets import Run

with Run(run_id="docstring-run") as run:  # fixture: `Run(...)` in the docstring
    run.remove_tags(tags=["tag2", "tag3"])

# check:
import neptune_sys_widgets.query.runs as nq_runs

m = nq_runs.fetch_metrics(runs=["docstring-run"], attributes=["loss", "acc"])
assert m.index.get_level_values("step").tolist() == [1.2] and m["acc"].tolist() == [0.78]
t = nq_runs.fetch_runs_table(runs=["docstring-run"], attributes=r"^parameters/|^sys/tags$")
assert t["parameters/batch_size"].iloc[0] == 64
assert "tag1" in str(t["sys/tags"].iloc[0]) and "tag2" not in str(t["sys/tags"].iloc[0])
