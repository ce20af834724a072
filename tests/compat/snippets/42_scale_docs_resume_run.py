# Source: https://docs.neptune.ai/resume_run (neptune-scale docs, "Resume a run", app version
#   3.20251215) and https://docs.neptune.ai/3.4.12/resume_run (the older `resume=True` form)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   example's loop over an undefined `epoch` with `run.log_metrics(..., step=step)`
#   placeholders is replaced by `# fixture:` logging that starts "where the last run left off".
#   `# fixture:` (NEPTUNE_PROJECT and the existing runs) and `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/seagulls"  # fixture:

from neptune_sys_widgets import Run

# fixture: the runs that already exist
for _rid in ("SomeExistingRunId", "seagull-s68kj78"):
    _r = Run(run_id=_rid)
    for _s in range(10):
        _r.log_metrics({"train/loss": 1 / (_s + 1)}, step=_s)
    _r.close()

from neptune_sys_widgets import Run


run = Run(run_id="SomeExistingRunId")
run.close()  # fixture:

from neptune_sys_widgets import Run


if __name__ == "__main__":
    run = Run(run_id="seagull-s68kj78") # a run with this ID already exists

    # fixture: "continue logging metrics ... start where the last run left off"
    for step in range(10, 15):
        run.log_metrics({"train/loss": 0.05}, step=step)

    run.add_tags(tags=["best"])
    run.close()  # fixture:

run = Run(
    run_id="SomeExistingRunId",
    resume=True,
)
run.add_tags(tags=["best"])
run.close()  # fixture:

# check:
import neptune_sys_widgets.query.runs as nq_runs

assert sorted(nq_runs.list_runs()) == ["SomeExistingRunId", "seagull-s68kj78"]
m = nq_runs.fetch_metrics(runs=["seagull-s68kj78"], attributes=["train/loss"])
assert len(m) == 15
t = nq_runs.fetch_runs_table(attributes=["sys/tags"])
assert all("best" in str(v) for v in t["sys/tags"])
