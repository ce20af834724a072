# Source: neptune-ai/neptune-client-scale, src/neptune_scale/api/run.py
#   @ b40a89675739927062b52e06f38a2e6fc8ec7c2d (tag 0.29.0): docstring examples of
#   Run.terminate(), lines 489-499, and Run.close(), lines 514-519
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   docstrings' `...` placeholders are filled in as `# fixture:` (NEPTUNE_PROJECT, the
#   experiment name, a comma the terminate example's argument list lacks, and a stale step that
#   makes the error callback run); `# check:` blocks added. As written upstream the callback
#   takes one argument where neptune-scale passes two, so it fails when called (upstream too).
import os

# fixture:
os.environ["NEPTUNE_PROJECT"] = "ml-team/scale-docstrings"

from neptune_sys_widgets import Run

def my_error_callback(exc):
    run.terminate()

run = Run(
    on_error_callback=my_error_callback,
    experiment_name="terminated",  # fixture: the docstring's `...`
)

# fixture: a step that does not increase is an error the callback receives
run.log_metrics({"loss": 0.5}, step=2)
run.log_metrics({"loss": 0.4}, step=1)

# check: neptune-scale calls the callback with (exception, timestamp), so this one-argument
# callback fails, is reported, and the run goes on (as upstream); the stale point is dropped
import neptune_sys_widgets.query as _nq
run.log_metrics({"loss": 0.3}, step=3)
run.close()
_metrics = _nq.fetch_metrics(experiments=["terminated"], attributes="loss")
assert list(_metrics["loss"]) == [0.5, 0.3], _metrics

from neptune_sys_widgets import Run

with Run(experiment_name="closed") as run:  # fixture: the docstring's `...`
    # logging and training code
    run.log_metrics({"acc": 0.9}, step=0)  # fixture: some logging

    run.close()

# check: closing inside the with block and again at its exit is fine, and the data is there
assert list(_nq.fetch_metrics(experiments=["closed"], attributes="acc")["acc"]) == [0.9]
