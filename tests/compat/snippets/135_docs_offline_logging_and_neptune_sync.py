# Source: https://docs.neptune.ai/logging/offline (neptune 1.x docs, "Offline logging": the
#   `neptune.init_run(mode="offline")` block, and "Syncing offline data": `neptune sync`
#   run from the directory holding the .neptune folder)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`. The docs' terminal
#   command `neptune sync -p` (the docs: offline runs need a project at sync) is run in the
#   `# check:` block as `neptune-sys sync -p`. `# fixture:` and `# check:` blocks added.
import neptune_sys_widgets as neptune

run = neptune.init_run(
    mode="offline",
)

# fixture: what a script logs before it ends
run["parameters/lr"] = 0.01
for loss in (0.9, 0.5, 0.3):
    run["train/loss"].append(loss)
run.stop()

# check: nothing is in the store yet; `neptune sync -p` (here `neptune-sys sync -p`, the
# command this package installs) moves the run there
import os
import subprocess
import sys

from neptune_sys_widgets.exceptions import ProjectNotFound

try:
    neptune.init_project(project="docs/offline", mode="read-only")
    raise AssertionError("the offline run reached the store before its sync")
except ProjectNotFound:
    pass
subprocess.run([os.path.join(os.path.dirname(sys.executable), "neptune-sys"), "sync", "-p",
                "docs/offline"], check=True)
project = neptune.init_project(project="docs/offline", mode="read-only")
(sys_id,) = project.fetch_runs_table().to_pandas()["sys/id"].tolist()
synced = neptune.init_run(with_id=sys_id, project="docs/offline", mode="read-only")
assert synced["parameters/lr"].fetch() == 0.01
assert list(synced["train/loss"].fetch_values()["value"]) == [0.9, 0.5, 0.3]
