# Source: https://docs.neptune.ai/migration_neptune/ (neptune-scale docs, "Migrate from Neptune
#   Legacy (2.x)": "Initialize a run", sync()/wait() equivalents, "Stop a run" -- the
#   neptune-scale column)
# Changed: `import neptune_scale` -> `import neptune_sys_widgets as neptune_scale` (with
#   `from neptune_sys_widgets import Run` available as well). `# fixture:` NEPTUNE_PROJECT and
#   `# check:` blocks added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/migration"  # fixture:

import neptune_sys_widgets as neptune_scale
from neptune_sys_widgets import Run  # noqa: F401

run = neptune_scale.Run()

run.log_metrics({"loss": 0.3}, step=1)  # check:

run.wait_for_processing()

run.wait_for_submission()

run.close()

# check:
import neptune_sys_widgets.query.runs as nq_runs

(rid,) = nq_runs.list_runs()
assert nq_runs.fetch_metrics(runs=[rid], attributes=["loss"])["loss"].tolist() == [0.3]
