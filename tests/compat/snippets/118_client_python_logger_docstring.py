# Source: neptune-ai/neptune-client, src/neptune/integrations/python_logger.py
#   @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939 (branch dev/1.x; the same at tag 1.14.0),
#   docstring example of class NeptuneHandler, lines 42-55
# Changed: doctest prompts (`>>>`) removed, and the lone `...` line (54) between the two debug
#   calls; `import neptune` -> `import neptune_sys_widgets as neptune`; `from
#   neptune.integrations.python_logger import NeptuneHandler` -> `from
#   neptune_sys_widgets.integrations.python_logger import NeptuneHandler`. `# check:` block
#   added.
import logging
import neptune_sys_widgets as neptune
from neptune_sys_widgets.integrations.python_logger import NeptuneHandler

logger = logging.getLogger("root_experiment")
logger.setLevel(logging.DEBUG)

run = neptune.init_run(project="neptune/sandbox")
npt_handler = NeptuneHandler(run=run)
logger.addHandler(npt_handler)

logger.debug("Starting data preparation")
logger.debug("Data preparation done")

# check: both records, in order, in the string series <monitoring namespace>/python_logger,
#   and the integration's version field; records after stop() are not logged
_namespace = run.monitoring_namespace
_run_id = run["sys/id"].fetch()
run.stop()
logger.debug("After the run stopped")
_read = neptune.init_run(project="neptune/sandbox", with_id=_run_id, mode="read-only")
_values = _read[f"{_namespace}/python_logger"].fetch_values()
print(_values)
assert _values["value"].tolist() == ["Starting data preparation", "Data preparation done"]
assert _read.exists("source_code/integrations/neptune-python-logger")
_read.stop()
