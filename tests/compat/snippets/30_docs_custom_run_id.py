# Source: https://docs.neptune.ai/logging/custom_run_id (neptune 1.x docs, "Set custom run ID":
#   "Setting custom ID through init_run() argument" example, and the NEPTUNE_CUSTOM_RUN_ID
#   environment variable described in "Setting custom ID through environment variable")
# Changed: the page's example uses `neptune` without the import: `# fixture:` imports
#   neptune_sys_widgets as neptune. A second `# fixture:` process picks the same run up through
#   NEPTUNE_CUSTOM_RUN_ID (what the page's shell `export` does). `# check:` block added.
import os
import subprocess
import sys

import neptune_sys_widgets as neptune

import hashlib
import time

run = neptune.init_run(
    custom_run_id=hashlib.md5(str(time.time()).encode()).hexdigest(),
)

# fixture: log a parameter, then let a second process join the same run via the env var
run["params/lr"] = 0.1
run.wait()
custom_id = run["sys/custom_run_id"].fetch()
sys_id = run["sys/id"].fetch()
child = (
    "import neptune_sys_widgets as neptune\n"
    "run = neptune.init_run()\n"
    "run['eval/acc'] = 0.93\n"
    "print(run['sys/id'].fetch())\n"
    "run.stop()\n"
)
out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True,
                     env=dict(os.environ, NEPTUNE_CUSTOM_RUN_ID=custom_id)).stdout.split()[-1]

# check:
assert len(custom_id) == 32
assert out == sys_id, (out, sys_id)
run.sync()
assert run["eval/acc"].fetch() == 0.93
run.stop()
