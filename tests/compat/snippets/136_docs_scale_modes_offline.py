# Source: https://docs-beta.neptune.ai/modes (neptune-scale docs, "Modes": the "Offline"
#   block `Run(mode="offline", ...)`; "To synchronize the offline data with the Neptune
#   server, use the CLI tool", whose page https://docs.neptune.ai/3.4.7/cli runs
#   `neptune sync PATH_TO_RUN_FILE`)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The
#   docs' `...` (the other arguments) filled in as `# fixture:`; the CLI step is run as
#   `neptune-sys sync PATH_TO_RUN_FILE` in the `# check:` block.
from neptune_sys_widgets import Run

run = Run(
    mode="offline",
    project="docs/scale-offline", run_id="offline-demo",  # fixture: the docs' `...`
)

# fixture: what a script logs before it closes
run.log_configs({"parameters/batch_size": 64})
for step in range(3):
    run.log_metrics({"train/loss": 1.0 / (step + 1)}, step=step)
run.close()

# check: the run file named by the docs' command goes into the store
import glob
import os
import subprocess
import sys

import neptune_sys_widgets.query.runs as nq_runs

(run_file,) = glob.glob(".neptune/*/*.sqlite3")
subprocess.run([os.path.join(os.path.dirname(sys.executable), "neptune-sys"), "sync",
                run_file], check=True)
df = nq_runs.fetch_metrics(project="docs/scale-offline", runs=["offline-demo"],
                           attributes="train/loss")
assert df["train/loss"].tolist() == [1.0, 0.5, 1.0 / 3]
