# Source: https://docs.neptune.ai/console_logs (neptune-scale docs, app version 3.20251215,
#   "Console logs": "Capture console logs" and "Change the storage location" (prose only), "Log
#   Python Logger output" steps 1-3)
# Changed: `from neptune_scale import Run` / `NeptuneLoggingHandler` -> `from neptune_sys_widgets
#   import ...`. Step 3 logs debug records, which a logger left at the root logger's WARNING
#   level drops (upstream too): a `# fixture:` line after step 1 sets the logger's level to
#   DEBUG. `# fixture:` lines also print to stdout and stderr while the run is open (what the
#   page says is captured), close it, and open a second run with the page's runtime_namespace
#   argument (its "Change the storage location" has no code). `# check:` block added
#   (neptune-query runs).
import sys  # fixture

import logging


logger = logging.getLogger("my_experiment")
logger.setLevel(logging.DEBUG)  # fixture: step 3's records reach the handler

from neptune_sys_widgets import Run
from neptune_sys_widgets import NeptuneLoggingHandler


run = Run(
    api_token="eyJhcGlfYWRkcmVz...In0=",
    project="team-alpha/project-x",
)

npt_handler = NeptuneLoggingHandler(run=run)
logger.addHandler(npt_handler)

logger.debug("Starting data preparation")
logger.debug("Data preparation done")

# fixture: console output while the run is open, then the run closed
print("epoch 1 loss 0.5")
print("something odd", file=sys.stderr)
_run_id = run._run_id
run.close()

# fixture: a run keeping its console logs under another namespace
_custom = Run(project="team-alpha/project-x", run_id="console-custom", runtime_namespace="custom")
print("to the custom namespace")
_custom.close()

# check: stdout, stderr and the logger's records of the first run; the second run's stdout
#   under custom/
import neptune_sys_widgets.query.runs as nq_runs

_series = nq_runs.fetch_series(project="team-alpha/project-x", runs=[_run_id],
                               attributes=r"^runtime/")
assert _series["runtime/stdout"].dropna().tolist() == ["epoch 1 loss 0.5"], _series
assert _series["runtime/stderr"].dropna().tolist() == ["something odd"], _series
_logs = _series["runtime/logs"].dropna().tolist()
assert len(_logs) == 2, _logs
assert "Starting data preparation" in _logs[0] and "Data preparation done" in _logs[1], _logs
_custom_series = nq_runs.fetch_series(project="team-alpha/project-x", runs=["console-custom"],
                                      attributes=r"stdout")
assert list(_custom_series.columns) == ["custom/stdout"], _custom_series.columns
assert _custom_series["custom/stdout"].tolist() == ["to the custom namespace"]
