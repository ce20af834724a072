# Source: https://docs.neptune.ai/api/connection_modes/ (neptune 1.x docs, "Connection modes
#   reference": "Setting the connection mode") and https://docs.neptune.ai/configuration/modes/
#   ("Argument of init() function")
# Changed: `import neptune.new as neptune` -> `import neptune_sys_widgets.new as neptune` and
#   `import neptune` -> `import neptune_sys_widgets as neptune` (the mapping applied to the
#   1.x compatibility module `neptune.new`). `# check:` block added.
import neptune_sys_widgets.new as neptune

run = neptune.init_run(
    name="My debug run",
    mode="debug",  # "async", "sync", "offline", "read-only", or "debug"
)

# check:
run["x"] = 1
assert run["x"].fetch() == 1
run.stop()

import neptune_sys_widgets as neptune

run = neptune.init_run(mode="sync")

# check:
run["y"] = 2
assert neptune.init_run(with_id=run["sys/id"].fetch(), mode="read-only")["y"].fetch() == 2
run.stop()
