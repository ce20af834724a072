# Source: neptune-ai/neptune-client-scale, src/neptune_scale/logging/logging_handler.py
#   @ b40a89675739927062b52e06f38a2e6fc8ec7c2d (tag 0.29.0), docstring example of class
#   NeptuneLoggingHandler, lines 54-62
# Changed: `from neptune_scale import NeptuneLoggingHandler` -> `from neptune_sys_widgets import
#   NeptuneLoggingHandler`. The docstring assumes `logging` imported and a `run`: both are a
#   `# fixture:` (NEPTUNE_PROJECT and a neptune-scale Run of an experiment); `# check:` blocks
#   added. As written, the logger's effective level is the root logger's WARNING, so the info
#   record never reaches the handler (upstream too); a second `# fixture:` lowers the logger's
#   level and logs again.
import logging  # fixture: the docstring uses logging without importing it
import os

# fixture: the run the docstring logs to
os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"
from neptune_sys_widgets import Run as _Run
run = _Run(experiment_name="logged-experiment")

from neptune_sys_widgets import NeptuneLoggingHandler

logger = logging.getLogger("my_experiment")

npt_handler = NeptuneLoggingHandler(run=run, level=logging.INFO, attribute_path="messages/info")
logger.addHandler(npt_handler)

logger.info("Starting data preparation")

# fixture: the logger passes info and debug records on; the handler keeps INFO and above
logger.setLevel(logging.DEBUG)
logger.debug("Loading 1000 rows")
logger.info("Data preparation done")
logger.warning("Two rows dropped")
run.close()

# check: the records at INFO and above, one string-series point each, in order, under the
#   attribute path given (the first info record was filtered by the logger itself)
import neptune_sys_widgets.query as _nq
_logs = _nq.fetch_series(experiments=["logged-experiment"], attributes="messages/info")
print(_logs)
assert _logs["messages/info"].tolist() == ["Data preparation done", "Two rows dropped"], _logs
