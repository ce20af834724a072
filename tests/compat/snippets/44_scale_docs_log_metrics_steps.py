# Source: https://docs.neptune.ai/3.4.9/log_metrics (neptune-scale docs, "Log metrics": logging,
#   multiple metrics, "Setting step values" with int/float steps, the non-increasing step
#   example, separate attributes)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. Each of the
#   page's independent examples gets its own run from a `# fixture:` line (the page's
#   `run = Run()` is kept for the first one); `epoch` is a `# fixture:` range; an
#   on_error_callback `# fixture:` records what the "not OK" line reports. `# check:` added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/metrics"  # fixture:
epoch = range(5)  # fixture:
errors = []  # fixture:

from neptune_sys_widgets import Run
run = Run()
for step in epoch:
    # your training loop
    run.log_metrics(
        data={"acc": 0.78},
        step=step,
    )

run.log_metrics(
    data={"loss": 0.13, "acc": 0.79},
    step=step,
)
run.close()  # fixture:

run = Run(run_id="custom-steps")  # fixture:
run.log_metrics(
    data={"loss": 0.13, "acc": 0.79},
    step=2,
)

run.log_metrics(
    data={"loss": 0.11, "acc": 0.81},
    step=2.1,
)
run.close()  # fixture:

run = Run(run_id="increasing", on_error_callback=lambda e, ts: errors.append(e))  # fixture:
run.log_metrics(data={"loss": 0.13}, step=2)
run.log_metrics(data={"loss": 0.11}, step=3) # OK
run.log_metrics(data={"loss": 0.12}, step=1) # not OK
run.close()  # fixture:

run = Run(run_id="separate")  # fixture:
run.log_metrics(data={"loss": 0.13}, step=2)
run.log_metrics(data={"acc": 0.68}, step=1) # OK - different attribute
run.close()  # fixture:

# check:
import neptune_sys_widgets.query.runs as nq_runs

m = nq_runs.fetch_metrics(runs=["custom-steps"], attributes=["loss"])
assert m.index.get_level_values("step").tolist() == [2.0, 2.1]
m = nq_runs.fetch_metrics(runs=["increasing"], attributes=["loss"])
assert m["loss"].tolist() == [0.13, 0.11], m
assert len(errors) == 1, errors
m = nq_runs.fetch_metrics(runs=["separate"], attributes=["loss", "acc"])
assert m["acc"].dropna().tolist() == [0.68] and m["loss"].dropna().tolist() == [0.13]
