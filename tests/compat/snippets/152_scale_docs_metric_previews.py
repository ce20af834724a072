# Source: https://docs.neptune.ai/metric_previews (neptune-scale docs, app version 3.20251215,
#   "Metric previews": "Log metric previews", "Overwrite preview values", "Replace previews with
#   fully computed values")
# Changed: nothing (the page's blocks have no import). `# fixture:` gives them the `run` they
#   log to (NEPTUNE_PROJECT, a neptune-scale Run with an on_error_callback recording what it
#   reports) and closes it; `# check:` block added (neptune-query runs). Preview points are
#   not stored here, the final point replaces them (README, "Differences from Neptune"), so the
#   check reads the final value and no preview.
# fixture: the run the page's blocks log to
import os as _os

_os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run

_errors = []
run = _Run(run_id="preview-run", on_error_callback=lambda exc, ts: _errors.append(exc))

run.log_metrics(
    data={"loss": 0.13},
    step=2.0,
    preview=True,
    preview_completion=0.8,  # value between 0 and 1.0
)

run.log_metrics(
    data={"loss": 0.18},
    step=2.0,
    preview=True,
    preview_completion=0.9,
)

run.log_metrics(
    data={"loss": 0.12},
    step=2.0,
    preview=False,
)

run.close()  # fixture

# check: nothing reported; step 2 holds the final value, not a preview
import neptune_sys_widgets.query.runs as nq_runs

assert _errors == [], _errors
_metrics = nq_runs.fetch_metrics(runs=["preview-run"], attributes=["loss"],
                                 include_point_previews=True)
assert _metrics.index.get_level_values("step").tolist() == [2.0], _metrics
assert _metrics[("loss", "value")].tolist() == [0.12]
assert _metrics[("loss", "is_preview")].tolist() == [False]
